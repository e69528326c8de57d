namespace Mqtt2Go.Device.Core.Messages
{
    /// <summary>Finds NUL bytes in network and file input before it becomes a string: nanoFramework strings end at the
    /// first NUL (docs/nanoclr.md), so "a\0b" would reach the core as "a" on the device and whole on the desktop. The MQTT
    /// adapters drop such messages with a logged reason, and the codec, configuration and checkpoint readers refuse them,
    /// so both platforms give the same answer.</summary>
    public static class NulBytes
    {
        /// <summary>Offset of the first 0x00 byte, or -1 (also for null).</summary>
        public static int IndexOf(byte[] data)
        {
            if (data == null)
            {
                return -1;
            }

            for (int i = 0; i < data.Length; i++)
            {
                if (data[i] == 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
