using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mqtt2Go.ReferenceBroker.Pki;

namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>
/// The Discovery REST API (MQTT2GO step 2): Kestrel HTTPS on 127.0.0.1 requiring a client certificate issued by the
/// service CA (the cloud service's certificate), one endpoint <c>POST /activate_device</c>, rate limited per client.
/// </summary>
public sealed class DiscoveryRestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DiscoveryRestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The HTTPS port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The endpoint URL the cloud service posts to.</summary>
    public string ActivateDeviceUrl => $"https://127.0.0.1:{Port}/activate_device";

    /// <summary>Starts the server; <paramref name="port"/> 0 picks a free port.</summary>
    public static async Task<DiscoveryRestServer> StartAsync(DiscoveryService service, IssuedCredential serverCredential, CertificateAuthority clientCa, X509Certificate2 allowedClient, DiscoveryOptions options, Action<string> log, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrelHttpsConfiguration();

        // Kestrel: loopback only, TLS with a mandatory client certificate chained to the service CA.
        var serverCertificate = X509Certificate2.CreateFromPemFile(serverCredential.CertificatePemPath, serverCredential.KeyPemPath);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes * 4L;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                // Only the cloud service may register activations: its certificate, not merely one from the same CA (the
                // controllers' certificates come from that CA too and must not reach this endpoint).
                https.ClientCertificateValidation = (certificate, _, _) =>
                    clientCa.HasIssued(certificate) && certificate.RawData.AsSpan().SequenceEqual(allowedClient.RawData);
            }));
        });

        // Rate limiting: a fixed window per client certificate; rejections are 429 with a JSON reason.
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.ClientCertificate?.Thumbprint ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow, QueueLimit = 0 }));
            limiter.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.RateLimitWindow.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteErrorAsync(context.HttpContext.Response, 429, "rate_limited", token).ConfigureAwait(false);
            };
        });

        var app = builder.Build();
        app.UseRateLimiter();

        // Endpoint: POST /activate_device.
        app.MapPost("/activate_device", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context.Request, options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await WriteErrorAsync(context.Response, 413, "body_too_large", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (!ActivateDeviceRequest.TryParse(body, out var request, out var error))
            {
                log($"discovery rest: 400 {error}");
                await WriteErrorAsync(context.Response, 400, error, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var requester = context.Connection.ClientCertificate?.Thumbprint ?? "unknown";
            var outcome = await service.RegisterAsync(request!, requester, context.RequestAborted).ConfigureAwait(false);
            if (outcome.Error is not null)
            {
                log($"discovery rest: {outcome.StatusCode} {outcome.Error} for {request!.DeviceId}");
                await WriteErrorAsync(context.Response, outcome.StatusCode, outcome.Error, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 201;
            await context.Response.WriteAsync(new JsonObject
            {
                ["device_id"] = request!.DeviceId,
                ["expires_at"] = outcome.ExpiresAt!.Value.ToUnixTimeSeconds(),
            }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        });

        await app.StartAsync().ConfigureAwait(false);
        var address = new Uri(app.Urls.First());
        log($"discovery rest: listening on https://127.0.0.1:{address.Port}");
        return new DiscoveryRestServer(app, address.Port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static Task WriteErrorAsync(HttpResponse response, int status, string reason, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(new JsonObject { ["error"] = reason }.ToJsonString(), cancellationToken);
    }
}
