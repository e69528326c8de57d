using System;
using System.Runtime.CompilerServices;

namespace Mqtt2Go.Device.Wps
{
    /// <summary>WPS push-button (PBC) enrollment through the Mqtt2Go.Wps native code in a custom nanoCLR image.</summary>
    /// <remarks>
    /// Threading: call from one managed thread at a time (the Wi-Fi adapter). Nothing here blocks; the caller polls.
    /// Retries and the overall deadline are the caller's; ESP-IDF's own walk time is 120 s.
    /// On a nanoCLR image without the native code every method is safe: Start returns StartNotSupported, Poll
    /// returns WpsStatus.NotSupported, the others do nothing. Written in C# 1 syntax (no generics, no auto-properties).
    /// </remarks>
    public sealed class WpsClient
    {
        /// <summary>Native contract version this assembly expects; keep in sync with WPS_NATIVE_CONTRACT_VERSION in wps_native.h.</summary>
        public const int ContractVersion = 1;

        /// <summary>Size in bytes of a buffer that holds any SSID (IEEE 802.11 limit).</summary>
        public const int SsidBufferSize = 32;

        /// <summary>Size in bytes of a buffer that holds any passphrase (63 ASCII characters or a 64-hex-digit PSK).</summary>
        public const int PassphraseBufferSize = 64;

        /// <summary>Start result: the session is running (ESP_OK).</summary>
        public const int StartOk = 0;

        /// <summary>Start result: a session is already running (ESP_ERR_INVALID_STATE, 0x103).</summary>
        public const int StartAlreadyRunning = 0x103;

        /// <summary>Start result: this nanoCLR image has no WPS native code (ESP_ERR_NOT_SUPPORTED, 0x106).</summary>
        public const int StartNotSupported = 0x106;

        private WpsClient()
        {
        }

        /// <summary>Returns true when the running nanoCLR image contains this assembly's native code with the expected contract.</summary>
        /// <remarks>
        /// A stock image loads this assembly without native code; calling an extern method then fails with
        /// CLR_E_NOT_SUPPORTED, i.e. NotSupportedException (nf-interpreter src/CLR/Core/CLR_RT_StackFrame.cpp Push,
        /// src/CLR/CorLib/corlib_native_System_Exception.cpp). An image built with different stubs never gets here:
        /// the CLR refuses to load the assembly on a checksum mismatch (src/CLR/Startup/CLRStartup.cpp LoadAssembly).
        /// </remarks>
        public static bool IsAvailable()
        {
            try
            {
                return NativeContractVersion() == ContractVersion;
            }
            catch (NotSupportedException)
            {
                // Stock image: the firmware falls back to stored credentials.
                return false;
            }
        }

        /// <summary>Starts a push-button session; returns StartOk, StartAlreadyRunning, StartNotSupported or another ESP-IDF esp_err_t.</summary>
        /// <remarks>
        /// Typical errors: 0x3005 ESP_ERR_WIFI_MODE and 0x3006 ESP_ERR_WIFI_STATE when the station is not started.
        /// Everything the native side acquired is released again when it returns an error.
        /// </remarks>
        public static int Start()
        {
            try
            {
                return NativeStart();
            }
            catch (NotSupportedException)
            {
                return StartNotSupported;
            }
        }

        /// <summary>Cancels a running session, or forgets a finished one and wipes its credentials; safe to call at any time.</summary>
        public static void Cancel()
        {
            try
            {
                NativeCancel();
            }
            catch (NotSupportedException)
            {
                // Nothing to cancel on an image without the native code.
                return;
            }
        }

        /// <summary>Returns the session status; a finished session stays readable until Start or Cancel.</summary>
        public static WpsStatus Poll()
        {
            int value;

            try
            {
                value = NativePoll();
            }
            catch (NotSupportedException)
            {
                return WpsStatus.NotSupported;
            }

            if (value < (int)WpsStatus.Idle || value > (int)WpsStatus.NotSupported)
            {
                // Unknown value from newer native code: treat as a failed session rather than guessing.
                return WpsStatus.Failed;
            }

            return (WpsStatus)value;
        }

        /// <summary>Returns why the last session failed, or WpsFailReason.None.</summary>
        public static WpsFailReason GetFailReason()
        {
            int value;

            try
            {
                value = NativeGetFailReason();
            }
            catch (NotSupportedException)
            {
                return WpsFailReason.None;
            }

            switch (value)
            {
                case (int)WpsFailReason.None:
                case (int)WpsFailReason.Normal:
                case (int)WpsFailReason.ReceivedM2D:
                case (int)WpsFailReason.ReceivedDeauth:
                case (int)WpsFailReason.NoCredentials:
                    return (WpsFailReason)value;
                default:
                    return WpsFailReason.Unknown;
            }
        }

        /// <summary>Returns how many credentials the router sent (1 to 3; the first is used), or 0 without a successful session.</summary>
        public static int GetCredentialCount()
        {
            try
            {
                return NativeGetCredentialCount();
            }
            catch (NotSupportedException)
            {
                return 0;
            }
        }

        /// <summary>Copies the received SSID bytes into buffer (at least SsidBufferSize bytes); returns the length, or -1 without a successful session.</summary>
        /// <remarks>The SSID is raw bytes, usually UTF-8; decode with Encoding.UTF8.GetString(buffer, 0, length) (nanoFramework.System.Text).</remarks>
        public static int CopySsid(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            try
            {
                return NativeCopySsid(buffer);
            }
            catch (NotSupportedException)
            {
                return -1;
            }
        }

        /// <summary>Copies the received passphrase bytes into buffer (at least PassphraseBufferSize bytes); returns the length (0 for an open network), or -1 without a successful session.</summary>
        /// <remarks>Secret: never log it; clear the buffer with Array.Clear after use. ASCII by IEEE 802.11i, or 64 hex digits.</remarks>
        public static int CopyPassphrase(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            try
            {
                return NativeCopyPassphrase(buffer);
            }
            catch (NotSupportedException)
            {
                return -1;
            }
        }

        #region Stubs

        // Native signatures limited to what the nanoFramework stub generator marshals: int returns and byte[]
        // arguments (metadata-processor nanoSkeletonGenerator.cs; there is no Interop_Marshal_LPCSTR_ByRef, so no
        // `out string`, and enums are UNSUPPORTED as return types). Implemented in
        // Device.Firmware/Wps/native/nanoclr/Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient.cpp.

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeContractVersion();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeStart();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeCancel();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePoll();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeGetFailReason();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeGetCredentialCount();

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCopySsid(byte[] buffer);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCopyPassphrase(byte[] buffer);

        #endregion Stubs
    }
}
