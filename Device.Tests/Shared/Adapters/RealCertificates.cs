namespace Mqtt2Go.Device.Tests.Adapters
{
    /// <summary>The throw-away test PKI for the tests of the real certificate inspectors, made once per run by
    /// <c>CertificatePlatform</c>: generated with .NET crypto on the desktop, compiled in from a file generated at build
    /// time on nanoFramework (Device.Tests/NanoFramework/make-test-pki.sh). Where the platform cannot parse certificates
    /// (no X.509 natives, no generated PKI), the calling test is skipped with the reason, never passed.</summary>
    public static class RealCertificates
    {
        private static readonly object Sync = new object();
        private static TestCredentials _credentials;

        /// <summary>The test PKI; skips the calling test when the platform cannot run it.</summary>
        public static TestCredentials Require()
        {
            string reason = CertificatePlatform.UnavailableReason();
            if (reason != null)
            {
                TestPlatform.Skip(reason);
            }

            lock (Sync)
            {
                if (_credentials == null)
                {
                    _credentials = CertificatePlatform.CreateCredentials();
                }

                return _credentials;
            }
        }
    }
}
