namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>The deadlines of one Wi-Fi join, each counted from the moment the previous blocking call returned.</summary>
    /// <remarks>
    /// On nanoCLR the association cannot be shortened: WifiAdapter.Connect waits up to 20 s in native code (nf-interpreter
    /// a3e8139: targets/ESP32/_nanoCLR/System.Device.Wifi/sys_dev_wifi_native_System_Device_Wifi_WifiAdapter.cpp NativeConnect,
    /// hbTimeout 20000 ms). A deadline taken before that call (the old "timeout from the start") had often passed when it
    /// returned, so a join that associated in 12 s never waited for DHCP. Here the address wait starts when Connect returns,
    /// and a join takes at most <see cref="WorstCaseMs"/>. All times are milliseconds of the same monotonic clock.
    /// </remarks>
    public sealed class WifiJoinBudget
    {
        /// <summary>How long the platform's own association call may block (not settable).</summary>
        public const int NativeConnectMaxMs = 20000;

        /// <summary>Default wait for nanoCLR's own boot-time join (AutoConnect) before the adapter connects itself.</summary>
        public const int DefaultBootJoinGraceMs = 8000;

        /// <summary>Creates a budget; negative values count as 0.</summary>
        public WifiJoinBudget(int addressWaitMs, int bootJoinGraceMs)
        {
            AddressWaitMs = addressWaitMs < 0 ? 0 : addressWaitMs;
            BootJoinGraceMs = bootJoinGraceMs < 0 ? 0 : bootJoinGraceMs;
        }

        /// <summary>How long to wait for a DHCP address after the association returned.</summary>
        public int AddressWaitMs { get; private set; }

        /// <summary>How long to wait for the boot-time join with stored credentials before connecting explicitly.</summary>
        public int BootJoinGraceMs { get; private set; }

        /// <summary>The longest one join can take: boot-join grace, the native association, then the address wait.</summary>
        public int WorstCaseMs
        {
            get { return BootJoinGraceMs + NativeConnectMaxMs + AddressWaitMs; }
        }

        /// <summary>End of the wait for the boot-time join, counted from when the join started.</summary>
        public long BootJoinDeadline(long startedMs)
        {
            return startedMs + BootJoinGraceMs;
        }

        /// <summary>End of the wait for an address, counted from when the association call returned.</summary>
        public long AddressDeadline(long connectReturnedMs)
        {
            return connectReturnedMs + AddressWaitMs;
        }
    }
}
