using System.Collections;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>Captures log lines so tests can count transitions and prove that no secret was logged.</summary>
    public sealed class FakeLog : ILog
    {
        private readonly ArrayList _lines = new ArrayList();

        /// <summary>Number of lines written.</summary>
        public int Count
        {
            get { return _lines.Count; }
        }

        /// <summary>Records the line (level prefix + message).</summary>
        public void Write(LogLevel level, string message)
        {
            _lines.Add(((int)level).ToString() + " " + message);
        }

        /// <summary>The line at index, with its numeric level prefix.</summary>
        public string Line(int index)
        {
            return (string)_lines[index];
        }

        /// <summary>True when any line contains the text.</summary>
        public bool Contains(string text)
        {
            return CountContaining(text) > 0;
        }

        /// <summary>Number of lines containing the text.</summary>
        public int CountContaining(string text)
        {
            int count = 0;
            for (int i = 0; i < _lines.Count; i++)
            {
                if (((string)_lines[i]).IndexOf(text) >= 0)
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Every line joined by newlines (for failure messages).</summary>
        public string All()
        {
            System.Text.StringBuilder text = new System.Text.StringBuilder();
            for (int i = 0; i < _lines.Count; i++)
            {
                text.Append((string)_lines[i]);
                text.Append('\n');
            }

            return text.ToString();
        }
    }
}
