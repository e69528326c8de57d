using System.Text.Json;

namespace Mqtt2Go.Flash;

/// <summary>Checks what <c>nanoff --filedeployment</c> printed: it exits 0 even when files failed.</summary>
/// <remarks>nanoframework/nanoFirmwareFlasher baccab8: nanoFirmwareFlasher.Library/FileDeployment/FileDeploymentManager.cs
/// DeployAsync writes "Deploying file SRC to DEST..." and then "OK", or a new line "Error deploying content file SRC to DEST";
/// an exception prints "Exception deploying content file ..." only at verbosity Normal and above, and the method returns
/// ExitCodes.OK in every case. So a file counts as written only when its line ends in "OK"; a missing line is a failure.
/// Deletions ("Deleting file DEST...OK" / "Error deleting file DEST, it may not exist on the storage.") are not failures.</remarks>
public static class FileDeploymentCheck
{
    /// <summary>The destination paths of the files deploy.json writes (entries with a SourceFilePath).</summary>
    public static IReadOnlyList<string> Destinations(string deployJson)
    {
        using var document = JsonDocument.Parse(deployJson);
        var result = new List<string>();
        foreach (var file in document.RootElement.GetProperty("Files").EnumerateArray())
        {
            var source = file.TryGetProperty("SourceFilePath", out var s) ? s.GetString() : null;
            if (!string.IsNullOrEmpty(source))
            {
                result.Add(file.GetProperty("DestinationFilePath").GetString()!);
            }
        }

        return result;
    }

    /// <summary>The destinations that were not confirmed with "OK".</summary>
    public static IReadOnlyList<string> Failed(string nanoffOutput, IReadOnlyList<string> destinations)
    {
        var lines = DeviceDetails.Lines(nanoffOutput).Select(l => l.TrimEnd()).ToList();
        var failed = new List<string>();
        foreach (var destination in destinations)
        {
            var marker = " to " + destination + "...";
            var line = lines.LastOrDefault(l => l.StartsWith("Deploying file ", StringComparison.Ordinal) && l.Contains(marker, StringComparison.Ordinal));
            if (line is null || !line.EndsWith(marker + "OK", StringComparison.Ordinal))
            {
                failed.Add(destination);
            }
        }

        return failed;
    }
}
