using System.Security.Cryptography.X509Certificates;
using System.Net.Http;
using System.Text.Json.Nodes;
using Mqtt2Go.ReferenceBroker.Pki;

namespace Mqtt2Go.ReferenceBroker.Tests;

[TestClass]
public sealed class DiscoveryRestTests
{
    private static JsonObject ValidBody(TestEnvironment env, FakeDevice device)
    {
        using var operational = env.Host.Pki.IssueOperational(device.Identity.DeviceId, device.Identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo());
        return new JsonObject
        {
            ["device_id"] = device.Identity.DeviceId,
            ["activation_code"] = device.Identity.ActivationCode,
            ["broker_host"] = "127.0.0.1",
            ["broker_port"] = 8883,
            ["device_certificate"] = Convert.ToBase64String(operational.RawData),
        };
    }

    [TestMethod]
    public Task ActivateDevice_MalformedBodies_Get4xxWithReason() => TestEnvironment.RunAsync(async env =>
    {
        var device = await env.NewDeviceAsync("dev-r");
        var unknown = await env.NewDeviceAsync("dev-unknown", register: false);
        using var http = env.RestClient();
        using var other = env.Host.Pki.IssueOperational("someone-else", device.Identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo());
        using var foreignKey = env.Host.Pki.IssueOperational("dev-r", env.Host.Pki.MintFactoryIdentity("tmp").Certificate.PublicKey.ExportSubjectPublicKeyInfo());
        JsonObject With(string field, JsonNode? value)
        {
            var body = ValidBody(env, device);
            body[field] = value;
            return body;
        }

        JsonObject Without(string field)
        {
            var body = ValidBody(env, device);
            body.Remove(field);
            return body;
        }

        var wrongCheck = device.Identity.ActivationCode[..12] + (device.Identity.ActivationCode[12] == '0' ? "1" : "0");
        var table = new (string Name, byte[] Body, int Status, string Error)[]
        {
            ("not json", TestEnvironment.Utf8("hello"), 400, "invalid_json"),
            ("truncated json", TestEnvironment.Utf8("{\"device_id\":"), 400, "invalid_json"),
            ("array", TestEnvironment.Utf8("[]"), 400, "not_an_object"),
            ("missing device_id", TestEnvironment.Utf8(Without("device_id").ToJsonString()), 400, "invalid_device_id"),
            ("device_id with slash", TestEnvironment.Utf8(With("device_id", "a/b").ToJsonString()), 400, "invalid_device_id"),
            ("device_id number", TestEnvironment.Utf8(With("device_id", 5).ToJsonString()), 400, "invalid_device_id"),
            ("missing code", TestEnvironment.Utf8(Without("activation_code").ToJsonString()), 400, "invalid_activation_code"),
            ("bad check char", TestEnvironment.Utf8(With("activation_code", wrongCheck).ToJsonString()), 400, "invalid_activation_code"),
            ("missing host", TestEnvironment.Utf8(Without("broker_host").ToJsonString()), 400, "invalid_broker_host"),
            ("port 0", TestEnvironment.Utf8(With("broker_port", 0).ToJsonString()), 400, "invalid_broker_port"),
            ("port string", TestEnvironment.Utf8(With("broker_port", "8883").ToJsonString()), 400, "invalid_broker_port"),
            ("missing cert", TestEnvironment.Utf8(Without("device_certificate").ToJsonString()), 400, "missing_device_certificate"),
            ("bad base64", TestEnvironment.Utf8(With("device_certificate", "%%%").ToJsonString()), 400, "invalid_base64_device_certificate"),
            ("not a cert", TestEnvironment.Utf8(With("device_certificate", Convert.ToBase64String(new byte[64])).ToJsonString()), 400, "unparseable_device_certificate"),
            ("cn mismatch", TestEnvironment.Utf8(With("device_certificate", Convert.ToBase64String(other.RawData)).ToJsonString()), 400, "certificate_cn_mismatch"),
            ("other key", TestEnvironment.Utf8(With("device_certificate", Convert.ToBase64String(foreignKey.RawData)).ToJsonString()), 400, "certificate_key_mismatch"),
            ("bad ca base64", TestEnvironment.Utf8(With("ca_certificate", "!!").ToJsonString()), 400, "invalid_base64_ca_certificate"),
            ("login number", TestEnvironment.Utf8(With("login", 1).ToJsonString()), 400, "invalid_credentials"),
            ("unknown device", TestEnvironment.Utf8(ValidBody(env, unknown).ToJsonString()), 404, "unknown_device"),
            ("too large", new byte[20 * 1024], 413, "body_too_large"),
        };

        var failures = new List<string>();
        foreach (var (name, body, status, error) in table)
        {
            var (actualStatus, actualBody) = await env.PostAsync(http, body);
            var actualError = JsonNode.Parse(actualBody)?["error"]?.GetValue<string>();
            if (actualStatus != status || actualError != error)
            {
                failures.Add($"{name}: expected {status} {error}, got {actualStatus} {actualBody}");
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));

        // The valid body is accepted once; a second registration while pending is a conflict.
        Assert.AreEqual(201, (await env.PostAsync(http, TestEnvironment.Utf8(ValidBody(env, device).ToJsonString()))).Status);
        var duplicate = await env.PostAsync(http, TestEnvironment.Utf8(ValidBody(env, device).ToJsonString()));
        Assert.AreEqual(409, duplicate.Status, duplicate.Body);
        StringAssert.Contains(duplicate.Body, "already_pending");
    });

    [TestMethod]
    public Task ActivateDevice_WrongActivationCode_Is403ThenTheClientIsLockedOut() => TestEnvironment.RunAsync(async env =>
    {
        var device = await env.NewDeviceAsync("dev-w");
        using var http = env.RestClient();
        using var rng = System.Security.Cryptography.RandomNumberGenerator.Create();
        var wrong = ValidBody(env, device);
        wrong["activation_code"] = ActivationCodes.Generate(rng);
        for (var i = 0; i < 5; i++)
        {
            var (status, body) = await env.PostAsync(http, TestEnvironment.Utf8(wrong.ToJsonString()));
            Assert.AreEqual(403, status, body);
            StringAssert.Contains(body, "wrong_activation_code");
        }

        // This REST client (the cloud service's certificate) has used up its guesses: refused even with the right code.
        var locked = await env.PostAsync(http, TestEnvironment.Utf8(ValidBody(env, device).ToJsonString()));
        Assert.AreEqual(429, locked.Status, "even the right code is refused while the client is locked out");
        StringAssert.Contains(locked.Body, "locked_out");

        env.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.AreEqual(201, (await env.PostAsync(http, TestEnvironment.Utf8(ValidBody(env, device).ToJsonString()))).Status);
    }, options => options.Discovery.MaxWrongCodesPerClient = 5);

    [TestMethod]
    public Task ActivateDevice_WithoutOrWithForeignClientCertificate_IsRefused() => TestEnvironment.RunAsync(async env =>
    {
        var device = await env.NewDeviceAsync("dev-c");
        var body = TestEnvironment.Utf8(ValidBody(env, device).ToJsonString());
        using (var anonymous = env.RestClient(withCertificate: false))
        {
            await Assert.ThrowsExceptionAsync<HttpRequestException>(() => env.PostAsync(anonymous, body));
        }

        // A certificate from the manufacturer CA (e.g. a device's) is not the cloud service's.
        using (var foreign = env.RestClient(clientCa: env.Host.Pki.Manufacturer))
        {
            await Assert.ThrowsExceptionAsync<HttpRequestException>(() => env.PostAsync(foreign, body));
        }

        // The controller's certificate is signed by the same service CA, but only the cloud service may register.
        var controller = env.Host.Endpoints.Controller;
        var handler = new HttpClientHandler { ClientCertificateOptions = ClientCertificateOption.Manual };
        handler.ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && env.Host.Pki.Service.HasIssued(cert);
        handler.ClientCertificates.Add(X509Certificate2.CreateFromPemFile(controller.Certificate, controller.Key));
        using (var sameCaOtherParty = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) })
        {
            await Assert.ThrowsExceptionAsync<HttpRequestException>(() => env.PostAsync(sameCaOtherParty, body));
        }

        Assert.IsNull(await env.Host.Store.FindByDeviceAsync("dev-c"));
    });

    [TestMethod]
    public Task ActivateDevice_OverRateLimit_Is429() => TestEnvironment.RunAsync(
        async env =>
        {
            using var http = env.RestClient();
            var statuses = new List<int>();
            for (var i = 0; i < 4; i++)
            {
                statuses.Add((await env.PostAsync(http, TestEnvironment.Utf8("{}"))).Status);
            }

            CollectionAssert.AreEqual(new[] { 400, 400, 400, 429 }, statuses);
            var (_, body) = await env.PostAsync(http, TestEnvironment.Utf8("{}"));
            StringAssert.Contains(body, "rate_limited");
        },
        o =>
        {
            o.Discovery.RateLimitPermits = 3;
            o.Discovery.RateLimitWindow = TimeSpan.FromMinutes(1);
        });
}
