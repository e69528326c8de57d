using System.Text;
using System.Text.Json;
using Mqtt2Go.Device.Core.Configuration;

namespace Mqtt2Go.Identity;

/// <summary>Builds the text files of the output folder: identity.json, deploy.json and label.txt.</summary>
public static class IdentityDocuments
{
    /// <summary>The drive of the ESP32's internal LittleFS storage as nanoFramework names it.</summary>
    public const string DeviceDrive = "I:\\";

    /// <summary>identity.json with exactly the keys the firmware's ConfigurationLoader reads (UTF-8, no BOM).</summary>
    public static byte[] IdentityJson(string deviceId, string activationCode, string deviceType, string discoveryHost, int discoveryPort)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("device_id", deviceId);
            writer.WriteString("activation_code", activationCode);
            writer.WriteString("device_type", deviceType);
            writer.WriteString("discovery_host", discoveryHost);
            writer.WriteNumber("discovery_port", discoveryPort);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The manifest for <c>nanoff --filedeployment</c>: each source file goes to <c>I:\&lt;name&gt;</c> (nanoFirmwareFlasher README, "Deploy file to device storage").</summary>
    public static byte[] DeployJson(IEnumerable<string> sourcePaths, string? serialPort)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            if (serialPort is not null)
            {
                writer.WriteString("SerialPort", serialPort);
            }

            writer.WriteStartArray("Files");
            foreach (var source in sourcePaths)
            {
                writer.WriteStartObject();
                writer.WriteString("DestinationFilePath", DeviceDrive + Path.GetFileName(source));
                writer.WriteString("SourceFilePath", Path.GetFullPath(source));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The label text: device id, grouped activation code and the QR text the controller scans.</summary>
    public static string LabelText(string deviceId, string activationCode)
    {
        var label = new StringBuilder();
        label.Append("Device ID:       ").Append(deviceId).Append('\n');
        label.Append("Activation code: ").Append(ActivationCode.Format(activationCode)).Append('\n');
        label.Append("QR:              ").Append(QrText(deviceId, activationCode)).Append('\n');
        return label.ToString();
    }

    /// <summary>The label / QR text <c>MQTT2GO:1:&lt;device_id&gt;:&lt;activation_code&gt;</c> (docs/profile.md, "Identifiers").</summary>
    public static string QrText(string deviceId, string activationCode) => "MQTT2GO:1:" + deviceId + ":" + activationCode;
}
