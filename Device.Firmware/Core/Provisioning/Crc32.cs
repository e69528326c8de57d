namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) for the checkpoints' own integrity check.</summary>
    /// <remarks>Bitwise, no 1 KB table: checkpoints are small and written rarely, RAM is not.</remarks>
    public static class Crc32
    {
        /// <summary>Computes the CRC-32 of a UTF-8 string's bytes.</summary>
        public static uint Compute(string text)
        {
            byte[] data = System.Text.Encoding.UTF8.GetBytes(text);
            uint crc = 0xFFFFFFFF;
            for (int i = 0; i < data.Length; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
