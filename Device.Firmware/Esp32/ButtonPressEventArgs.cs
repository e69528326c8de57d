using System;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>A recognised button press: short (WPS) or long (factory reset).</summary>
    public sealed class ButtonPressEventArgs : EventArgs
    {
        /// <summary>Creates the event data.</summary>
        public ButtonPressEventArgs(bool isLongPress, long heldMs)
        {
            IsLongPress = isLongPress;
            HeldMs = heldMs;
        }

        /// <summary>True for a press of at least <see cref="BootButton.LongPressMs"/>.</summary>
        public bool IsLongPress { get; private set; }

        /// <summary>How long the button was held, in milliseconds.</summary>
        public long HeldMs { get; private set; }
    }
}
