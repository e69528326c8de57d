using nanoFramework.Hardware.Esp32;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>Describes free memory for the log: the native internal heap (where mbedTLS and lwIP allocate) and the managed heap.</summary>
    /// <remarks>
    /// NativeMemory.GetMemoryInfo(MemoryType, out uint total, out uint free, out uint largest) is in nanoFramework.Hardware.Esp32
    /// (v1.6.40: nanoFramework.Hardware.Esp32/NativeMemory.cs); GC.Run(bool) returns the free managed bytes after a collection
    /// (nanoFramework.Runtime.Native v1.7.11: GC.cs). A TLS session needs about 2 x 16.7 KB of native internal heap for its
    /// record buffers (reference §13), so the largest free internal block is the number to watch before each connect.
    /// </remarks>
    public static class EspMemory
    {
        /// <summary>Returns "native free F of T (largest L), managed free M" in bytes; runs one garbage collection.</summary>
        /// <remarks>Call it at state transitions, not in loops: the collection costs milliseconds.</remarks>
        public static string Describe()
        {
            uint total;
            uint free;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            uint managedFree = nanoFramework.Runtime.Native.GC.Run(false);
            return "native free " + free.ToString() + " of " + total.ToString() + " (largest " + largest.ToString() + "), managed free " + managedFree.ToString();
        }

        /// <summary>Largest free block of the native internal heap, in bytes.</summary>
        public static uint LargestInternalBlock()
        {
            uint total;
            uint free;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            return largest;
        }
    }
}
