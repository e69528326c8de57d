using System.Collections;
using System.Text;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fixtures
{
    /// <summary>An in-memory IStore pre-filled with a complete, valid factory configuration for dev-0001; tests then
    /// break one file at a time.</summary>
    public sealed class FixtureStore : IStore
    {
        /// <summary>A valid activation code (value 0x0123456789ABCDE) in canonical form.</summary>
        public const string ActivationCodeText = "04HMASW9NF6Y2";

        private readonly Hashtable _blobs = new Hashtable();

        /// <summary>Creates a store with identity.json, the trust anchor, factory certificate and key (no settings, no broker).</summary>
        public FixtureStore()
        {
            SetText(StoreNames.IdentityJson, "{\"device_id\":\"dev-0001\",\"activation_code\":\"" + ActivationCodeText
                + "\",\"device_type\":\"switch\",\"discovery_host\":\"discovery.example.com\",\"discovery_port\":8883}");
            Write(StoreNames.TrustAnchor, TestCertificates.CaCertificate);
            Write(StoreNames.FactoryCertificate, TestCertificates.DeviceCertificate);
            Write(StoreNames.FactoryKey, TestCertificates.ThrowAwayTestKeyPkcs8);
        }

        /// <summary>Stores UTF-8 text under the name.</summary>
        public void SetText(string name, string text)
        {
            Write(name, Encoding.UTF8.GetBytes(text));
        }

        /// <summary>Returns a copy of the blob, or null.</summary>
        public byte[] Read(string name)
        {
            byte[] data = _blobs[name] as byte[];
            return data == null ? null : (byte[])data.Clone();
        }

        /// <summary>Replaces the blob.</summary>
        public bool Write(string name, byte[] data)
        {
            _blobs[name] = data;
            return true;
        }

        /// <summary>Removes the blob.</summary>
        public bool Delete(string name)
        {
            _blobs.Remove(name);
            return true;
        }
    }
}
