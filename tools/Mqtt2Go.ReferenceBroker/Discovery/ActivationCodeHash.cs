using System.Security.Cryptography;
using System.Text;

namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>
/// What the Discovery store keeps instead of the activation code: SHA-256 (hex) of <c>mqtt2go-discovery-entry:&lt;code&gt;</c>.
/// GET_BROKER_DATA arrives on <c>&lt;code&gt;/activation</c>, so the entry is found by hashing the topic's first level.
/// </summary>
public static class ActivationCodeHash
{
    /// <summary>The hash of a canonical activation code.</summary>
    public static string Of(string activationCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("mqtt2go-discovery-entry:" + activationCode)));
}
