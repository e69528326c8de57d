using Mqtt2Go.Device.Core.Configuration;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Identity.Tests;

[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    public void BadDeviceIdIsRefusedWithAClearMessage()
    {
        using var temp = new TempFolder();
        foreach (var bad in new[] { "has space", "semi;colon", "sl/ash", "plus+", new string('a', 65), "" })
        {
            var (code, output, error) = Run("--out", temp.Sub("device"), "--broker-workdir", temp.Sub("broker"), "--discovery-host", "127.0.0.1", "--device-id", bad);

            Assert.AreEqual(CommandLine.UsageError, code, bad);
            StringAssert.Contains(error, "--device-id");
            StringAssert.Contains(error, bad.Length > 64 ? "at most 64 characters" : "A-Z, a-z, 0-9, '_' or '-'");
            Assert.AreEqual("", output);
            Assert.IsFalse(Directory.Exists(temp.Sub("device")), bad);
        }
    }

    [TestMethod]
    public void LibraryRefusesABadDeviceIdToo()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.DeviceId = "bad,id";

        var refused = Assert.ThrowsException<IdentityException>(() => FactoryIdentityMinter.Mint(options));
        StringAssert.Contains(refused.Message, "'bad,id'");
    }

    [TestMethod]
    public void MintPrintsTheLabelButNeverThePrivateKey()
    {
        using var temp = new TempFolder();
        var (code, output, error) = Run("--out", temp.Sub("device"), "--broker-workdir", temp.Sub("broker"), "--discovery-host", "10.0.0.2", "--discovery-port", "8884", "--device-id", "cli-dev");

        Assert.AreEqual(CommandLine.Success, code, error);
        var label = File.ReadAllText(Path.Combine(temp.Sub("device"), OutputFiles.LabelText));
        Assert.IsTrue(output.StartsWith(label, StringComparison.Ordinal), output);
        StringAssert.Contains(output, "10.0.0.2:8884");
        StringAssert.Contains(output, "MQTT2GO:1:cli-dev:");

        var key = File.ReadAllBytes(Path.Combine(temp.Sub("device"), StoreNames.FactoryKey));
        var everything = output + error;
        Assert.IsFalse(everything.Contains(Convert.ToBase64String(key), StringComparison.Ordinal));
        Assert.IsFalse(everything.Contains(Convert.ToBase64String(key)[..16], StringComparison.Ordinal));
        Assert.IsFalse(everything.Contains("PRIVATE KEY", StringComparison.Ordinal));
        Assert.IsFalse(everything.Contains(Convert.ToHexString(key)[..32], StringComparison.OrdinalIgnoreCase));

        // The activation code appears only on the label lines (grouped and in the QR text), never on stderr.
        var activation = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temp.Sub("device"), StoreNames.IdentityJson)))
            .RootElement.GetProperty("activation_code").GetString()!;
        Assert.IsFalse(error.Contains(activation[..8], StringComparison.Ordinal));
        Assert.AreEqual(1, CountOf(output, activation));
        Assert.AreEqual(1, CountOf(output, ActivationCode.Format(activation)));
    }

    [TestMethod]
    public void MissingArgumentsAndUnknownOptionsAreRefused()
    {
        using var temp = new TempFolder();
        Assert.AreEqual(CommandLine.UsageError, Run("--broker-workdir", temp.Sub("broker")).Code);
        Assert.AreEqual(CommandLine.UsageError, Run("--out", temp.Sub("device")).Code);
        Assert.AreEqual(CommandLine.UsageError, Run("--out", temp.Sub("device"), "--broker-workdir", temp.Sub("broker"), "--frobnicate").Code);
        Assert.AreEqual(CommandLine.UsageError, Run("--out", temp.Sub("device"), "--broker-workdir", temp.Sub("broker"), "--discovery-port", "70000").Code);
        var missingValue = Run("--out", temp.Sub("device"), "--broker-workdir");
        Assert.AreEqual(CommandLine.UsageError, missingValue.Code);
        StringAssert.Contains(missingValue.Error, "--broker-workdir needs a value");
        Assert.IsFalse(Directory.Exists(temp.Sub("device")));
    }

    [TestMethod]
    public void HelpPrintsUsage()
    {
        var (code, output, _) = Run("--help");

        Assert.AreEqual(CommandLine.Success, code);
        StringAssert.Contains(output, "--broker-workdir");
        StringAssert.Contains(output, "--device-id");
    }

    [TestMethod]
    public void ParseMapsEveryOption()
    {
        var options = CommandLine.Parse(["--out", "o", "--broker-workdir", "w", "--device-id", "d1", "--device-type", "plug", "--discovery-host", "h",
            "--discovery-port", "1234", "--database", "Host=db", "--serial-port", "COM3", "--no-register", "--no-png", "--force"]);

        Assert.AreEqual("o", options.OutputDirectory);
        Assert.AreEqual("w", options.BrokerWorkDir);
        Assert.AreEqual("d1", options.DeviceId);
        Assert.AreEqual("plug", options.DeviceType);
        Assert.AreEqual("h", options.DiscoveryHost);
        Assert.AreEqual(1234, options.DiscoveryPort);
        Assert.AreEqual("Host=db", options.DatabaseConnectionString);
        Assert.AreEqual("COM3", options.SerialPort);
        Assert.IsFalse(options.Register);
        Assert.IsFalse(options.WriteLabelPng);
        Assert.IsTrue(options.Overwrite);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
