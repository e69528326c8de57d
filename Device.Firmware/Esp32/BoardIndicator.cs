using System.Device.Gpio;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>The board LED on one GPIO: blink patterns for provisioning states, the switch state once operational.</summary>
    /// <remarks>
    /// Patterns are strings of 100 ms slots ('1' = on), played in a loop by a Timer (mscorlib System.Threading.Timer,
    /// CoreLibrary v1.17.11: System/Threading/Timer.cs); the timer runs only while a blinking pattern is shown.
    /// GPIO API: GpioController.OpenPin(int, PinMode), GpioPin.Write(PinValue) (nanoframework/System.Device.Gpio v1.1.62:
    /// System.Device.Gpio/GpioController.cs, GpioPin.cs). Thread-safe: Show and SetOutput may come from any thread.
    /// </remarks>
    public sealed class BoardIndicator : IIndicator
    {
        /// <summary>Length of one pattern slot in milliseconds.</summary>
        public const int SlotMs = 100;

        // Slow blink: 1 s on, 1 s off.
        private const string AwaitingWpsSlots = "11111111110000000000";

        // Fast blink: 100 ms on, 100 ms off.
        private const string ProvisioningSlots = "10";

        // Double blink once a second.
        private const string ReconnectingSlots = "1010000000";

        // SOS in Morse timing: dot 1 slot, dash 3, gap 1, letter gap 3, word gap 7.
        private const string FailedSlots = "1010100011101110111000101010000000";

        // Triple blink every 1.6 s.
        private const string WpsUnavailableSlots = "1010100000000000";

        private readonly GpioPin _pin;
        private readonly bool _activeHigh;
        private readonly object _sync = new object();
        private readonly Timer _timer;
        private string _slots;
        private int _slotIndex;
        private bool _output;
        private IndicatorPattern _pattern = IndicatorPattern.Off;

        /// <summary>Opens the LED pin as an output; activeHigh is false for LEDs wired to VCC (lit when the pin is low).</summary>
        public BoardIndicator(GpioController controller, int ledPin, bool activeHigh)
        {
            _activeHigh = activeHigh;
            _pin = controller.OpenPin(ledPin, PinMode.Output);
            _timer = new Timer(OnSlot, null, Timeout.Infinite, Timeout.Infinite);
            Drive(false);
        }

        /// <summary>Shows a status pattern; Operational shows the switch state.</summary>
        public void Show(IndicatorPattern pattern)
        {
            lock (_sync)
            {
                _pattern = pattern;
                _slots = SlotsFor(pattern);
                _slotIndex = 0;
                if (_slots == null)
                {
                    _timer.Change(Timeout.Infinite, Timeout.Infinite);
                    Drive(pattern == IndicatorPattern.Operational && _output);
                }
                else
                {
                    Drive(_slots[0] == '1');
                    _timer.Change(SlotMs, SlotMs);
                }
            }
        }

        /// <summary>Sets the switch state; the LED follows it while the pattern is Operational.</summary>
        public void SetOutput(bool on)
        {
            lock (_sync)
            {
                _output = on;
                if (_pattern == IndicatorPattern.Operational)
                {
                    Drive(on);
                }
            }
        }

        private void OnSlot(object state)
        {
            lock (_sync)
            {
                if (_slots == null)
                {
                    return;
                }

                _slotIndex = (_slotIndex + 1) % _slots.Length;
                Drive(_slots[_slotIndex] == '1');
            }
        }

        private void Drive(bool lit)
        {
            _pin.Write(lit == _activeHigh ? PinValue.High : PinValue.Low);
        }

        private static string SlotsFor(IndicatorPattern pattern)
        {
            switch (pattern)
            {
                case IndicatorPattern.AwaitingWps:
                    return AwaitingWpsSlots;
                case IndicatorPattern.Provisioning:
                    return ProvisioningSlots;
                case IndicatorPattern.Reconnecting:
                    return ReconnectingSlots;
                case IndicatorPattern.Failed:
                    return FailedSlots;
                case IndicatorPattern.WpsUnavailable:
                    return WpsUnavailableSlots;
                default:
                    // Off and Operational are steady.
                    return null;
            }
        }
    }
}
