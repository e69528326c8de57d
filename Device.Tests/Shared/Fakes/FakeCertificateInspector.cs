using System.Collections;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>An <see cref="ICertificateInspector"/> that knows exactly the blobs a test registered: each test says what
    /// its certificates are (CN, issuer, validity) and which bytes are a usable key. Anything else is "not a certificate" /
    /// "not a key", as a real parser would answer for bytes it cannot read.</summary>
    public sealed class FakeCertificateInspector : ICertificateInspector
    {
        private readonly ArrayList _certificates = new ArrayList();
        private readonly ArrayList _infos = new ArrayList();
        private readonly ArrayList _keys = new ArrayList();

        /// <summary>How often <see cref="Inspect"/> was called.</summary>
        public int InspectCalls { get; private set; }

        /// <summary>Registers a certificate blob and what it says.</summary>
        public void AddCertificate(byte[] der, CertificateInfo info)
        {
            _certificates.Add(der);
            _infos.Add(info);
        }

        /// <summary>Registers a blob that counts as a valid PKCS#8 key.</summary>
        public void AddKey(byte[] pkcs8Der)
        {
            _keys.Add(pkcs8Der);
        }

        /// <inheritdoc />
        public CertificateInfo Inspect(byte[] der)
        {
            InspectCalls++;
            int index = IndexOf(_certificates, der);
            return index < 0 ? null : (CertificateInfo)_infos[index];
        }

        /// <inheritdoc />
        public bool IsValidPrivateKey(byte[] pkcs8Der)
        {
            return IndexOf(_keys, pkcs8Der) >= 0;
        }

        private static int IndexOf(ArrayList blobs, byte[] value)
        {
            if (value == null)
            {
                return -1;
            }

            for (int i = 0; i < blobs.Count; i++)
            {
                byte[] candidate = (byte[])blobs[i];
                if (candidate.Length != value.Length)
                {
                    continue;
                }

                bool same = true;
                for (int k = 0; k < value.Length && same; k++)
                {
                    same = candidate[k] == value[k];
                }

                if (same)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
