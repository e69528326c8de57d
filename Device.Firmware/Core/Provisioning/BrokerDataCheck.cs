using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>Checks delivered broker data beyond its syntax: the certificate parses, is issued to this device and is in date.</summary>
    public static class BrokerDataCheck
    {
        /// <summary>Allowed clock skew when checking notBefore, seconds (a freshly issued certificate may be a little ahead of us).</summary>
        public const long ClockSkewSeconds = 300;

        /// <summary>Returns null when the data is usable, else what is wrong (never containing secrets).</summary>
        public static string Problem(BrokerData data, string deviceId, ICertificateInspector inspector, IClock clock)
        {
            if (data == null)
            {
                return "no broker data";
            }

            if (!HostNames.IsValid(data.Host) || data.Port < 1 || data.Port > 65535)
            {
                return "broker host or port is invalid";
            }

            if (data.Certificate == null || data.Certificate.Length == 0)
            {
                return "no device certificate";
            }

            CertificateInfo info = inspector.Inspect(data.Certificate);
            if (info == null)
            {
                return "device certificate does not parse";
            }

            if (info.SubjectCommonName != deviceId)
            {
                return "device certificate CN '" + info.SubjectCommonName + "' is not the device id";
            }

            if (clock.IsWallClockValid)
            {
                long now = clock.UnixSeconds;
                if (now > info.NotAfterUnix)
                {
                    return "device certificate has expired";
                }

                if (now + ClockSkewSeconds < info.NotBeforeUnix)
                {
                    return "device certificate is not valid yet";
                }
            }

            if (data.CaCertificate != null && inspector.Inspect(data.CaCertificate) == null)
            {
                return "ca_certificate does not parse";
            }

            string keyProblem = data.PrivateKey == null ? null : PrivateKeyCheck.StructureProblem(data.PrivateKey);
            if (keyProblem != null)
            {
                return "device_key: " + keyProblem;
            }

            if (data.PrivateKey != null && !inspector.IsValidPrivateKey(data.PrivateKey))
            {
                return "device_key is not a PKCS#8 key this platform can load";
            }

            return null;
        }
    }
}
