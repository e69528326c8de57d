using System;
using System.Net.Sockets;
using System.Reflection;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Esp32
{
    /// <summary>Turns what M2Mqtt's Connect threw into a bucketed <see cref="MqttConnectResult"/>.</summary>
    /// <remarks>
    /// MqttClient.Connect wraps every exception of the network channel (TCP connect, TLS handshake) in
    /// MqttConnectionException, keeping the original as InnerException, and throws MqttCommunicationException when no CONNACK
    /// arrives within MqttSettings.DefaultTimeout = 30 s (nanoframework/nanoFramework.m2mqtt 8208787: M2Mqtt/MqttClient.cs
    /// Connect and SendReceive, M2Mqtt/MqttSettings.cs).
    /// TLS errors differ by firmware (nf-interpreter history, a3e8139):
    /// - #3460 (47ef80bdf, 2026-07-10) made System.Security.Cryptography.CryptographicException a well-known type of the CLR
    ///   (src/CLR/Core/TypeSystem.cpp) and raised the System.Net native assembly to 100.2.0.14 (checksum 0x8EFB9944,
    ///   src/DeviceInterfaces/System.Net/sys_net_native.cpp); #3468 (51945c358, 2026-07-15) throws it from SecureConnect with
    ///   _errorCode = the mbedTLS verify flags (positive) when the server certificate failed verification, or the mbedTLS error
    ///   (negative) otherwise (src/PAL/COM/sockets/ssl/MbedTLS/ssl_connect_internal.cpp, SslNative.cpp ThrowCryptographicError).
    /// - Before that, handshake failures were SocketException carrying the negative mbedTLS code.
    /// The managed class ships in System.Net (sys_net_native.h has its FIELD___errorCode = 5). The newest System.Net source
    /// stored here, v1.11.54 (713b02c, 2026-06-29), declares native 100.2.0.12 and has no CryptographicException, so the first
    /// System.Net that throws it is later than 1.11.54; whether the pinned 1.11.60 is that version could not be checked (the
    /// flash scripts compare native checksums before deploying, docs/flashing.md). What the user sees:
    /// - firmware and System.Net from before #3460/#3468: SocketException, so an untrusted server reads
    ///   "server certificate rejected (mbedTLS -0x2700)" without the flags, other failures "TLS handshake failed, mbedTLS -0x....";
    /// - a current pair: "server certificate rejected: flags 0x0008 not-trusted" (and name-mismatch, expired, ...);
    /// - a mixed pair does not run at all: nanoCLR refuses System.Net at load ("Invalid native checksum").
    /// The class is recognised by its type name (it is absent from older System.Net, so it cannot be referenced) and its
    /// code read by reflection (Type.GetField(string, BindingFlags), FieldInfo.GetValue: CoreLibrary v1.17.11 System/Type.cs,
    /// Reflection/FieldInfo.cs; the native lookup honours BindingFlags.NonPublic: src/CLR/CorLib/corlib_native_System_Type.cpp).
    /// If the field cannot be read the code is 0 and the failure is reported as TlsFailed "(no mbedTLS code)", never as trust.
    /// </remarks>
    internal static class TlsFailure
    {
        // mbedTLS x509.h verify flags and error codes (mbedTLS 3.x, as shipped with ESP-IDF 5.5).
        private const int BadCertExpired = 0x01;
        private const int BadCertCnMismatch = 0x04;
        private const int BadCertNotTrusted = 0x08;
        private const int BadCertFuture = 0x0200;
        private const int X509CertVerifyFailed = -0x2700;

        private const string CryptographicExceptionName = "System.Security.Cryptography.CryptographicException";

        /// <summary>Classifies the inner exception of a MqttConnectionException.</summary>
        public static MqttConnectResult FromConnectFailure(Exception inner)
        {
            if (inner == null)
            {
                return new MqttConnectResult(MqttConnectStatus.NetworkError, 0, "connection failed");
            }

            if (inner.GetType().FullName == CryptographicExceptionName)
            {
                int code = ReadErrorCode(inner);
                if (code > 0)
                {
                    return new MqttConnectResult(MqttConnectStatus.ServerNotTrusted, code, "server certificate rejected: " + DescribeFlags(code));
                }

                return new MqttConnectResult(MqttConnectStatus.TlsFailed, code, code == 0
                    ? "TLS handshake failed (no mbedTLS code readable from CryptographicException)"
                    : "TLS handshake failed, mbedTLS " + Hex(code));
            }

            SocketException socketError = inner as SocketException;
            if (socketError != null)
            {
                int code = socketError.ErrorCode;
                if (code == X509CertVerifyFailed)
                {
                    return new MqttConnectResult(MqttConnectStatus.ServerNotTrusted, code, "server certificate rejected (mbedTLS -0x2700)");
                }

                if (code < 0)
                {
                    // Firmware before #3468: the handshake failure surfaces as SocketException with the mbedTLS code.
                    return new MqttConnectResult(MqttConnectStatus.TlsFailed, code, "TLS handshake failed, mbedTLS " + Hex(code));
                }

                // Winsock-style codes from lwIP: 10060 timed out, 10061 refused, 10065 host unreachable (SocketErrors.cs).
                return new MqttConnectResult(MqttConnectStatus.NetworkError, code, "TCP connect failed, socket error " + code.ToString());
            }

            return new MqttConnectResult(MqttConnectStatus.TlsFailed, 0, "connect failed: " + inner.GetType().Name);
        }

        private static int ReadErrorCode(Exception error)
        {
            try
            {
                FieldInfo field = error.GetType().GetField("_errorCode", BindingFlags.NonPublic | BindingFlags.Instance);
                if (field != null)
                {
                    object value = field.GetValue(error);
                    if (value is int)
                    {
                        return (int)value;
                    }
                }
            }
            catch (Exception)
            {
                // Reflection not available for this type: fall through to "unknown" (treated as a TLS failure, not distrust).
                return 0;
            }

            return 0;
        }

        private static string DescribeFlags(int flags)
        {
            string text = "flags " + Hex(flags);
            if ((flags & BadCertNotTrusted) != 0)
            {
                text += " not-trusted";
            }

            if ((flags & BadCertCnMismatch) != 0)
            {
                text += " name-mismatch";
            }

            if ((flags & BadCertExpired) != 0)
            {
                text += " expired";
            }

            if ((flags & BadCertFuture) != 0)
            {
                text += " not-yet-valid (is the clock set?)";
            }

            return text;
        }

        private static string Hex(int value)
        {
            return value < 0 ? "-0x" + (-value).ToString("X4") : "0x" + value.ToString("X4");
        }
    }
}
