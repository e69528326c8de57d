using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Flash.Tests;

/// <summary>The board's native assemblies (recorded <c>nanoff --nanodevice --devicedetails</c> output) against the .pe files
/// about to be deployed. In the sample, the mscorlib checksum is CoreLibrary 1.17.11's and System.Net's is nf-interpreter
/// a3e8139's; the other values are illustrative.</summary>
[TestClass]
public sealed class NativeCheckTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    [TestMethod]
    public void DeviceDetails_ListsEveryNativeAssembly()
    {
        var natives = DeviceDetails.NativeAssemblies(Sample("devicedetails-esp32-rev0.txt"));

        Assert.AreEqual(13, natives.Count);
        Assert.AreEqual(new NativeAssembly("mscorlib", "100.5.0.19", 0x1549C856), natives[0]);
        Assert.AreEqual(new NativeAssembly("System.Net", "100.2.0.14", 0x8EFB9944), natives.Single(n => n.Name == "System.Net"));
        Assert.AreEqual("System.Math", natives[^1].Name);
        Assert.AreEqual("1.14.2.114", DeviceDetails.ClrVersion(Sample("devicedetails-esp32-rev0.txt")));
    }

    [TestMethod]
    public void DeviceDetails_WithoutNativeBlock_IsEmpty()
    {
        Assert.AreEqual(0, DeviceDetails.NativeAssemblies("Connecting to nanoDevice...\nE2001: Error connecting to nano device.\n").Count);
    }

    [TestMethod]
    public void DeviceDetails_ColouredOutput_IsRead()
    {
        var coloured = "Native Assemblies:\n\u001b[37m  System.Net v100.2.0.14, checksum 0x8EFB9944\u001b[0m\n";
        Assert.AreEqual(0x8EFB9944u, DeviceDetails.NativeAssemblies(coloured).Single().Checksum);
    }

    [TestMethod]
    public void PeHeader_ChecksumIsReadAtOffset0x14()
    {
        var pe = Pe(0x1549C856);
        Assert.AreEqual(0x1549C856u, PeAssembly.Read("mscorlib", pe).NativeChecksum);
        Assert.ThrowsException<FormatException>(() => PeAssembly.Read("x", new byte[] { 1, 2, 3 }));
    }

    [TestMethod]
    public void MatchingPackages_NoProblems()
    {
        var device = DeviceDetails.NativeAssemblies(Sample("devicedetails-esp32-rev0.txt"));
        var pes = new[]
        {
            new PeAssembly("mscorlib", 0x1549C856),
            new PeAssembly("System.Net", 0x8EFB9944),
            new PeAssembly("nanoFramework.M2Mqtt", 0),
            new PeAssembly("Mqtt2Go.Device.Firmware", 0),
        };

        Assert.AreEqual(0, NativeCheck.Problems(pes, device).Count);
    }

    [TestMethod]
    public void OlderSystemNetPackage_IsRefusedWithTheFirmwareToFlash()
    {
        var device = DeviceDetails.NativeAssemblies(Sample("devicedetails-esp32-rev0.txt"));
        var pes = new[] { new PeAssembly("System.Net", 0x6DFA71D6) };

        var problems = NativeCheck.Problems(pes, device);
        var advice = NativeCheck.Advice(problems, "1.14.2.114", "1.14.2.120", "ESP32_REV0", "COM5");

        Assert.AreEqual(1, problems.Count);
        StringAssert.Contains(problems[0], "0x6DFA71D6");
        StringAssert.Contains(problems[0], "v100.2.0.14 checksum 0x8EFB9944");
        StringAssert.Contains(advice, "nanoff --update --target ESP32_REV0 --serialport COM5 --fwversion 1.14.2.120");
    }

    [TestMethod]
    public void WpsBuildOnStockImage_NamesBothWaysOut()
    {
        var device = DeviceDetails.NativeAssemblies(Sample("devicedetails-esp32-rev0.txt"));
        var problems = NativeCheck.Problems(new[] { new PeAssembly("Mqtt2Go.Wps", 0x12345678) }, device);

        Assert.AreEqual(1, problems.Count);
        StringAssert.Contains(problems[0], "WPS image");
        StringAssert.Contains(problems[0], "stock build");
    }

    [TestMethod]
    public void Advice_WithoutPinnedVersion_SaysHowToPickOne()
    {
        var advice = NativeCheck.Advice(new[] { "System.Net: ..." }, null, null, "ESP32_REV0", "/dev/ttyUSB0");
        StringAssert.Contains(advice, "--fwversion <version>");
        StringAssert.Contains(advice, "nanoff --listtargets --platform esp32");
    }

    internal static byte[] Pe(uint checksum)
    {
        var pe = new byte[0x40];
        "NFMRK1"u8.ToArray().CopyTo(pe, 0);
        BitConverter.GetBytes(checksum).CopyTo(pe, 0x14);
        return pe;
    }
}
