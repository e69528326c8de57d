// API stub (declarations only, never run) of the X.509 part of nanoFramework System.Net 1.11.x the firmware's
// NanoCertificateInspector uses, for compiling the test assemblies against the real nanoFramework mscorlib in CI.
// Signatures from nanoframework/System.Net@713b02c nanoFramework.System.Net/X509Certificates/X509Certificate{,2}.cs.
// StubAssembly: System.Net 1.11.60.0
namespace System.Security.Cryptography.X509Certificates
{
    using System;

    public class X509Certificate
    {
        public X509Certificate() { }
        public X509Certificate(byte[] certificate) { }
        public X509Certificate(string certificate) { }
        public virtual string Issuer { get { throw null; } }
        public virtual string Subject { get { throw null; } }
        public virtual DateTime GetEffectiveDate() { throw null; }
        public virtual DateTime GetExpirationDate() { throw null; }
        public virtual byte[] GetRawCertData() { throw null; }
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2() { }
        public X509Certificate2(byte[] rawData) { }
        public X509Certificate2(string certificate) { }
        public X509Certificate2(string rawData, string key, string password) { }
        public X509Certificate2(byte[] rawData, string key, string password) { }
        public X509Certificate2(byte[] rawData, byte[] key, string password) { }
        public bool HasPrivateKey { get { throw null; } }
        public byte[] PrivateKey { get { throw null; } }
        public byte[] RawData { get { throw null; } }
    }
}
