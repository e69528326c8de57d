namespace Mqtt2Go.Device.Core.Ports
{
    /// <summary>What the core needs to know about a certificate.</summary>
    public sealed class CertificateInfo
    {
        /// <summary>Creates the description.</summary>
        public CertificateInfo(string subjectCommonName, string issuer, long notBeforeUnix, long notAfterUnix)
        {
            SubjectCommonName = subjectCommonName;
            Issuer = issuer;
            NotBeforeUnix = notBeforeUnix;
            NotAfterUnix = notAfterUnix;
        }

        /// <summary>The subject's CN, or an empty string.</summary>
        public string SubjectCommonName { get; private set; }

        /// <summary>The issuer's distinguished name as the platform prints it.</summary>
        public string Issuer { get; private set; }

        /// <summary>Start of validity, Unix seconds.</summary>
        public long NotBeforeUnix { get; private set; }

        /// <summary>End of validity, Unix seconds.</summary>
        public long NotAfterUnix { get; private set; }
    }
}
