using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>The validated body of <c>POST /activate_device</c> (MQTT2GO step 2, docs/profile.md).</summary>
public sealed class ActivateDeviceRequest
{
    private ActivateDeviceRequest(string deviceId, string activationCode, string brokerHost, int brokerPort, byte[] deviceCertificate, byte[]? caCertificate, string? login, string? password)
    {
        DeviceId = deviceId;
        ActivationCode = activationCode;
        BrokerHost = brokerHost;
        BrokerPort = brokerPort;
        DeviceCertificate = deviceCertificate;
        CaCertificate = caCertificate;
        Login = login;
        Password = password;
    }

    /// <summary>The device id.</summary>
    public string DeviceId { get; }

    /// <summary>The canonical activation code.</summary>
    public string ActivationCode { get; }

    /// <summary>The cloud broker host name or IP literal.</summary>
    public string BrokerHost { get; }

    /// <summary>The cloud broker port.</summary>
    public int BrokerPort { get; }

    /// <summary>The operational device certificate (DER).</summary>
    public byte[] DeviceCertificate { get; }

    /// <summary>The CA the device should trust for the cloud broker (DER), or null.</summary>
    public byte[]? CaCertificate { get; }

    /// <summary>Optional MQTT login for the cloud broker.</summary>
    public string? Login { get; }

    /// <summary>Optional MQTT password for the cloud broker (a secret, never logged).</summary>
    public string? Password { get; }

    /// <summary>Parses and validates a request body; returns false with the error reason sent back in <c>{"error":…}</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out ActivateDeviceRequest? request, out string error)
    {
        request = null;
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            error = "invalid_json";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "not_an_object";
            return false;
        }

        if (!Envelope.IsWellFormedText(root))
        {
            error = "invalid_string";
            return false;
        }

        var deviceId = Envelope.GetString(root, "device_id");
        if (!Identifiers.IsValid(deviceId))
        {
            error = "invalid_device_id";
            return false;
        }

        if (!ActivationCodes.IsCanonical(Envelope.GetString(root, "activation_code")))
        {
            error = "invalid_activation_code";
            return false;
        }

        var brokerHost = Envelope.GetString(root, "broker_host");
        // The device's own rule, compiled from Device.Firmware/Core (docs/profile.md "Host names"): what is accepted
        // here is what the device will connect to.
        if (brokerHost is null || !Mqtt2Go.Device.Core.Messages.HostNames.IsValid(brokerHost))
        {
            error = "invalid_broker_host";
            return false;
        }

        var port = 8883;
        if (root.TryGetProperty("broker_port", out var portElement) && !(portElement.ValueKind == JsonValueKind.Number && portElement.TryGetInt32(out port) && port is > 0 and <= 65535))
        {
            error = "invalid_broker_port";
            return false;
        }

        if (!TryCertificate(root, "device_certificate", true, out var deviceCert, out error))
        {
            return false;
        }

        using (var parsed = X509CertificateLoader.LoadCertificate(deviceCert!))
        {
            if (parsed.GetNameInfo(X509NameType.SimpleName, false) != deviceId)
            {
                error = "certificate_cn_mismatch";
                return false;
            }
        }

        if (!TryCertificate(root, "ca_certificate", false, out var caCert, out error))
        {
            return false;
        }

        if (!TryOptionalString(root, "login", out var login) || !TryOptionalString(root, "password", out var password))
        {
            error = "invalid_credentials";
            return false;
        }

        request = new ActivateDeviceRequest(deviceId!, Envelope.GetString(root, "activation_code")!, brokerHost, port, deviceCert!, caCert, login, password);
        error = "";
        return true;
    }

    private static bool TryCertificate(JsonElement root, string name, bool required, out byte[]? der, out string error)
    {
        der = null;
        error = "";
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = required ? "missing_" + name : "";
            return !required;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = "invalid_" + name;
            return false;
        }

        try
        {
            der = Convert.FromBase64String(Envelope.StringOf(element) ?? "!");
        }
        catch (FormatException)
        {
            error = "invalid_base64_" + name;
            return false;
        }

        try
        {
            using var _ = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            error = "unparseable_" + name;
            return false;
        }

        return true;
    }

    private static bool TryOptionalString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = Envelope.StringOf(element);
        if (value is null || value.Length > 256)
        {
            value = null;
            return false;
        }

        return true;
    }
}
