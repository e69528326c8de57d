using System.Text;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>An in-memory store: the fuzzed bytes are the files' contents, not the file system.</summary>
internal sealed class MemoryStore : IStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public byte[] Read(string name) => _files.TryGetValue(name, out var data) ? data : null;

    public bool Write(string name, byte[] data)
    {
        _files[name] = (byte[])data.Clone();
        return true;
    }

    public bool Delete(string name)
    {
        _files.Remove(name);
        return true;
    }

    public void SetText(string name, string text) => _files[name] = Encoding.UTF8.GetBytes(text);
}

/// <summary>A log that counts lines and checks that no secret appears in them.</summary>
internal sealed class CheckingLog : ILog
{
    public string Secret { get; set; }

    public string Leak { get; private set; }

    public void Write(LogLevel level, string message)
    {
        if (Secret is not null && message is not null && message.Contains(Secret, StringComparison.Ordinal))
        {
            Leak = message;
        }
    }
}

/// <summary>A clock at a fixed instant inside the test certificates' validity.</summary>
internal sealed class FixedClock : IClock
{
    public long NowMs => 1_000_000;

    public long UnixSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public bool IsWallClockValid => true;

    public void Sleep(int ms)
    {
    }

    public bool Wait(WaitHandle signal, int ms) => false;
}

internal static class Utf8
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>The real inspector, with the answers for the unmutated seed files remembered: each configuration input
/// mutates one file, so only that file costs a real X.509 / PKCS#8 parse (keeps the suite within its CI time).</summary>
internal sealed class SeedCachingInspector : ICertificateInspector
{
    private readonly ICertificateInspector _inner;
    private readonly Dictionary<string, CertificateInfo> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _keys = new(StringComparer.Ordinal);

    public SeedCachingInspector(ICertificateInspector inner, params byte[][] seeds)
    {
        _inner = inner;
        foreach (var seed in seeds)
        {
            var key = Convert.ToBase64String(seed);
            _certificates[key] = inner.Inspect(seed);
            _keys[key] = inner.IsValidPrivateKey(seed);
        }
    }

    public CertificateInfo Inspect(byte[] der) =>
        der is not null && _certificates.TryGetValue(Convert.ToBase64String(der), out var info) ? info : _inner.Inspect(der);

    public bool IsValidPrivateKey(byte[] pkcs8Der) =>
        pkcs8Der is not null && _keys.TryGetValue(Convert.ToBase64String(pkcs8Der), out var valid) ? valid : _inner.IsValidPrivateKey(pkcs8Der);
}
