using System.Collections;

namespace Mqtt2Go.Device.Core.Configuration
{
    /// <summary>Collects configuration problems as "file: key: what is wrong".</summary>
    internal sealed class ProblemList
    {
        private readonly ArrayList _items = new ArrayList();

        /// <summary>Number of problems so far.</summary>
        internal int Count
        {
            get { return _items.Count; }
        }

        /// <summary>Adds one problem; the text must not contain secrets.</summary>
        internal void Add(string file, string key, string problem)
        {
            _items.Add(file + ": " + key + ": " + problem);
        }

        /// <summary>Returns the problems in the order found.</summary>
        internal string[] ToArray()
        {
            string[] result = new string[_items.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)_items[i];
            }

            return result;
        }
    }
}
