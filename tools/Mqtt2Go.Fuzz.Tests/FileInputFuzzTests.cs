using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Device.Desktop.Crypto;
using Mqtt2Go.Device.Desktop.Json;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>What the device reads from its flash: the configuration files and the provisioning checkpoints.</summary>
[TestClass]
public sealed class FileInputFuzzTests
{
    private const string Identity = "{\"device_id\":\"dev-0001\",\"activation_code\":\"04HMASW9NF6Y2\",\"discovery_host\":\"discovery.example.com\",\"discovery_port\":8883}";
    private const string Settings = "{\"enabled\":true,\"timeout\":10,\"retry-interval\":500,\"retry-max-interval\":30000,\"retry-max-attempts\":8,"
        + "\"mdns-budget\":3000,\"local-gateway\":true,\"mqtt-version\":\"5\",\"keep-alive\":60,\"status-interval\":300}";

    private static readonly string[] ConfigFiles =
        [StoreNames.IdentityJson, StoreNames.SettingsJson, StoreNames.BrokerJson, StoreNames.TrustAnchor, StoreNames.FactoryCertificate, StoreNames.FactoryKey];

    private static readonly string[] CheckpointFiles = [StoreNames.WifiCheckpoint, StoreNames.BrokerCheckpoint, StoreNames.TopicsCheckpoint];

    [TestMethod]
    public void ConfigurationLoader_NeverThrows_AndIsValidExactlyWithoutProblems()
    {
        var loader = new ConfigurationLoader(new SystemTextJson(),
            new SeedCachingInspector(new X509CertificateInspector(), FuzzPki.CaCertificate, FuzzPki.DeviceCertificate, FuzzPki.DeviceKeyPkcs8));
        var seeds = new List<byte[]>();
        for (var i = 0; i < ConfigFiles.Length; i++)
        {
            seeds.Add([(byte)i, .. ValidFile(ConfigFiles[i])]);
        }

        // Item 9: broker.json's private_key naming an unknown curve (and the factory key file the same).
        byte[][] regressions =
        [
            [2, .. Utf8.Bytes(BrokerJson(Convert.ToBase64String(FuzzPki.UnknownCurveKey)))],
            [5, .. FuzzPki.UnknownCurveKey],
        ];
        Fuzzer.Run("configuration", seeds, regressions, input =>
        {
            var store = ValidStore();
            if (input.Length > 0)
            {
                store.Write(ConfigFiles[input[0] % ConfigFiles.Length], input[1..]);
            }

            var result = loader.Load(store);
            return result.IsValid == (result.Problems.Length == 0) ? null : "IsValid disagrees with the problem list";
        });

        var unknownCurve = ValidStore();
        unknownCurve.SetText(StoreNames.BrokerJson, BrokerJson(Convert.ToBase64String(FuzzPki.UnknownCurveKey)));
        var refused = new ConfigurationLoader(new SystemTextJson(), new X509CertificateInspector()).Load(unknownCurve);
        Assert.IsFalse(refused.IsValid);
        Assert.IsTrue(refused.Problems.Any(p => p.Contains("private_key", StringComparison.Ordinal)), string.Join("; ", refused.Problems));
    }

    [TestMethod]
    public void Checkpoints_NeverThrow_AndWhatTheyReturnIsUsable()
    {
        var json = new SystemTextJson();
        var codec = new Mqtt2GoCodec(json);
        var written = new MemoryStore();
        var writer = new CheckpointStore(written, json, codec, new CheckingLog());
        writer.WriteWifi(new WifiCredentials("home-net", "correct horse battery"));
        writer.WriteBroker(new BrokerData
        {
            Host = "10.0.0.1", Port = 8883, Certificate = FuzzPki.DeviceCertificate, CaCertificate = FuzzPki.CaCertificate,
            Login = "dev-0001", Password = "pw", PrivateKey = FuzzPki.DeviceKeyPkcs8,
        });
        writer.WriteTopics(["home1/gw1/living/switch/dev-0001", "home1/gw1/living/switch"]);
        var seeds = Enumerable.Range(0, CheckpointFiles.Length).Select(i => (byte[])[(byte)i, .. written.Read(CheckpointFiles[i])]).ToList();

        Fuzzer.Run("checkpoints", seeds, [], input =>
        {
            var store = new MemoryStore();
            if (input.Length > 0)
            {
                store.Write(CheckpointFiles[input[0] % CheckpointFiles.Length], input[1..]);
            }

            var log = new CheckingLog { Secret = "correct horse battery" };
            var reader = new CheckpointStore(store, json, codec, log);
            var wifi = reader.ReadWifi();
            var broker = reader.ReadBroker();
            if (broker is not null && (!HostNames.IsValid(broker.Host) || broker.Port is < 1 or > 65535 || broker.Certificate is null))
            {
                return "unusable broker checkpoint accepted: " + broker.Host + ":" + broker.Port;
            }

            foreach (var topic in reader.ReadTopics() ?? [])
            {
                if (!Topics.IsValidDeliveredTopic(topic))
                {
                    return "topics checkpoint accepted " + topic;
                }
            }

            return log.Leak is null ? null : "passphrase in a log line: " + log.Leak + (wifi is null ? "" : "");
        });
    }

    private static MemoryStore ValidStore()
    {
        var store = new MemoryStore();
        foreach (var name in ConfigFiles)
        {
            store.Write(name, ValidFile(name));
        }

        return store;
    }

    private static byte[] ValidFile(string name) => name switch
    {
        StoreNames.IdentityJson => Utf8.Bytes(Identity),
        StoreNames.SettingsJson => Utf8.Bytes(Settings),
        StoreNames.BrokerJson => Utf8.Bytes(BrokerJson(Convert.ToBase64String(FuzzPki.DeviceKeyPkcs8))),
        StoreNames.TrustAnchor => FuzzPki.CaCertificate,
        StoreNames.FactoryCertificate => FuzzPki.DeviceCertificate,
        _ => FuzzPki.DeviceKeyPkcs8,
    };

    private static string BrokerJson(string key) =>
        "{\"broker-host\":\"broker.example.com\",\"broker-port\":8883,\"client-id\":\"dev-0001\",\"root-ca\":\"" + Convert.ToBase64String(FuzzPki.CaCertificate)
        + "\",\"cert\":\"" + Convert.ToBase64String(FuzzPki.DeviceCertificate) + "\",\"private_key\":\"" + key + "\",\"authentication\":\"certificate\"}";
}
