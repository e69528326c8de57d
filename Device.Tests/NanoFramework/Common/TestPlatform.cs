using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Esp32;
using nanoFramework.TestFramework;

namespace Mqtt2Go.Device.Tests
{
    /// <summary>The nanoFramework platform services for the shared tests (the desktop twin has its own TestPlatform).</summary>
    public static class TestPlatform
    {
        /// <summary>The JSON port as the device implements it.</summary>
        public static IJson CreateJson()
        {
            return new NanoJson();
        }

        /// <summary>Ends the calling test as skipped, with the reason (nanoFramework.TestFramework prints "Test skipped").</summary>
        public static void Skip(string reason)
        {
            Assert.SkipTest(reason);
        }
    }
}
