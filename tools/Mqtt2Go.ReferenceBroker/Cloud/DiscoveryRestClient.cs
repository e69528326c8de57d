using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Pki;

namespace Mqtt2Go.ReferenceBroker.Cloud;

/// <summary>The cloud service's HTTPS client for the Discovery REST API (mutual TLS with its service-CA certificate).</summary>
public sealed class DiscoveryRestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <summary>Creates the client for <paramref name="activateDeviceUrl"/> trusting only <paramref name="serverCa"/>.</summary>
    public DiscoveryRestClient(string activateDeviceUrl, IssuedCredential clientCredential, X509Certificate2 serverCa)
    {
        _endpoint = new Uri(activateDeviceUrl);
        var handler = new HttpClientHandler { ClientCertificateOptions = ClientCertificateOption.Manual };
        handler.ClientCertificates.Add(X509Certificate2.CreateFromPemFile(clientCredential.CertificatePemPath, clientCredential.KeyPemPath));
        handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(serverCa);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Posts one registration; returns the HTTP status and the error reason (null on 201).</summary>
    public async Task<(int Status, string? Error)> ActivateAsync(JsonObject body, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_endpoint, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 201)
        {
            return (201, null);
        }

        string? error = null;
        try
        {
            error = JsonNode.Parse(text)?["error"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            error = "unreadable_response";
        }

        return ((int)response.StatusCode, error ?? "http_" + (int)response.StatusCode);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
