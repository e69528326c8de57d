using System;
using System.Device.Gpio;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>The board's BOOT button (GPIO0 on ESP32 DevKits, active low): short press below 3 s, long press from 5 s.</summary>
    /// <remarks>
    /// Presses between 3 and 5 s are ignored on purpose, so a press meant as long but released early does not start WPS.
    /// Edges come from GpioPin.ValueChanged with the driver's debounce (GpioPin.DebounceTimeout, PinValueChangedEventArgs
    /// .ChangeType: nanoframework/System.Device.Gpio v1.1.62: System.Device.Gpio/GpioPin.cs, PinValueChangedEventArgs.cs).
    /// <see cref="Pressed"/> is raised on the GPIO event thread; handlers must only post (ProvisioningMachine.PressButton is
    /// thread-safe). GPIO0 is a strapping pin: holding it during reset enters the ROM download mode instead of the app.
    /// </remarks>
    public sealed class BootButton : IDisposable
    {
        /// <summary>Presses shorter than this are short presses.</summary>
        public const int ShortPressMaxMs = 3000;

        /// <summary>Presses at least this long are long presses.</summary>
        public const int LongPressMs = 5000;

        /// <summary>Contact bounce filtered by the GPIO driver.</summary>
        public const int DebounceMs = 50;

        private readonly GpioPin _pin;
        private readonly ILog _log;
        private long _pressedAtMs = -1;

        /// <summary>Raised when a press ends as short or long.</summary>
        public event ButtonPressHandler Pressed;

        /// <summary>Opens the pin as input with pull-up (the button connects it to ground).</summary>
        public BootButton(GpioController controller, int pinNumber, ILog log)
        {
            _log = log;
            _pin = controller.OpenPin(pinNumber, PinMode.InputPullUp);
            _pin.DebounceTimeout = TimeSpan.FromTicks(DebounceMs * TimeSpan.TicksPerMillisecond);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>Stops listening and releases the pin.</summary>
        public void Dispose()
        {
            _pin.ValueChanged -= OnValueChanged;
            _pin.Dispose();
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            long now = Environment.TickCount64;
            if (e.ChangeType == PinEventTypes.Falling)
            {
                _pressedAtMs = now;
                return;
            }

            if (e.ChangeType != PinEventTypes.Rising || _pressedAtMs < 0)
            {
                return;
            }

            long heldMs = now - _pressedAtMs;
            _pressedAtMs = -1;
            if (heldMs < ShortPressMaxMs)
            {
                Raise(false, heldMs);
            }
            else if (heldMs >= LongPressMs)
            {
                Raise(true, heldMs);
            }
            else
            {
                _log.Write(LogLevel.Info, "button: press of " + heldMs.ToString() + " ms ignored (short < 3 s, long >= 5 s)");
            }
        }

        private void Raise(bool isLong, long heldMs)
        {
            _log.Write(LogLevel.Info, "button: " + (isLong ? "long" : "short") + " press (" + heldMs.ToString() + " ms)");
            ButtonPressHandler handler = Pressed;
            if (handler != null)
            {
                handler(this, new ButtonPressEventArgs(isLong, heldMs));
            }
        }
    }
}
