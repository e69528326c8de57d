using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Flash.Tests;

/// <summary>nanoff --filedeployment exits 0 when a file failed; the check reads its output (samples in the format of
/// nanoFirmwareFlasher's FileDeploymentManager.DeployAsync).</summary>
[TestClass]
public sealed class FileDeploymentCheckTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    private static IReadOnlyList<string> Destinations() => FileDeploymentCheck.Destinations(Sample("deploy.json"));

    [TestMethod]
    public void DeployJson_WrittenFilesOnly()
    {
        CollectionAssert.AreEqual(new[] { @"I:\identity.json", @"I:\trust-anchor.der", @"I:\factory-cert.der", @"I:\factory-key.der" }, Destinations().ToArray());
    }

    [TestMethod]
    public void AllConfirmed_NoFailure()
    {
        Assert.AreEqual(0, FileDeploymentCheck.Failed(Sample("filedeployment-ok.txt"), Destinations()).Count);
    }

    [TestMethod]
    public void ErrorLine_NamesTheFile()
    {
        CollectionAssert.AreEqual(new[] { @"I:\factory-cert.der" }, FileDeploymentCheck.Failed(Sample("filedeployment-error.txt"), Destinations()).ToArray());
    }

    [TestMethod]
    public void SilentException_UnconfirmedFileFails()
    {
        CollectionAssert.AreEqual(new[] { @"I:\factory-key.der" }, FileDeploymentCheck.Failed(Sample("filedeployment-silent-exception.txt"), Destinations()).ToArray());
    }

    [TestMethod]
    public void NoDeviceOutput_EveryFileFails()
    {
        Assert.AreEqual(4, FileDeploymentCheck.Failed("Connecting to nanoDevice...\nE2001: Error connecting to nano device.\n", Destinations()).Count);
    }

    [TestMethod]
    public void WindowsLineEndings_AreRead()
    {
        var crlf = Sample("filedeployment-ok.txt").Replace("\n", "\r\n");
        Assert.AreEqual(0, FileDeploymentCheck.Failed(crlf, Destinations()).Count);
    }
}
