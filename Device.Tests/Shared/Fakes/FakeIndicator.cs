using System.Collections;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>Records the status patterns shown and the switch output.</summary>
    public sealed class FakeIndicator : IIndicator
    {
        private readonly ArrayList _patterns = new ArrayList();

        /// <summary>The last pattern shown (Off before any).</summary>
        public IndicatorPattern Pattern { get; private set; }

        /// <summary>The switch output.</summary>
        public bool Output { get; private set; }

        /// <summary>Number of SetOutput calls.</summary>
        public int OutputWrites { get; private set; }

        /// <summary>True when the pattern was shown at some point.</summary>
        public bool WasShown(IndicatorPattern pattern)
        {
            for (int i = 0; i < _patterns.Count; i++)
            {
                if ((IndicatorPattern)_patterns[i] == pattern)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records the pattern.</summary>
        public void Show(IndicatorPattern pattern)
        {
            Pattern = pattern;
            _patterns.Add(pattern);
        }

        /// <summary>Records the output.</summary>
        public void SetOutput(bool on)
        {
            Output = on;
            OutputWrites++;
        }
    }
}
