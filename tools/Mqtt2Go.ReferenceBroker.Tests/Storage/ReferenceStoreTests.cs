using Mqtt2Go.ReferenceBroker.Pki;
using Mqtt2Go.ReferenceBroker.Storage;

namespace Mqtt2Go.ReferenceBroker.Tests.Storage;

/// <summary>
/// The reference database's stores (Discovery entries, guess counters, provisioning records, manufacturer registry),
/// one suite run on every engine: <see cref="SqliteStoreTests"/> and <see cref="PostgreSqlStoreTests"/> (issue 12 item 3).
/// </summary>
public abstract class ReferenceStoreTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A new, empty database for one test; each call of the returned function opens another accessor on that same
    /// database, as a second process or a restarted one would.
    /// </summary>
    protected abstract Task<Func<ReferenceDatabase>> NewDatabaseAsync();

    [TestMethod]
    public async Task DiscoveryStore_EntryIsHandedOverOnceAndExpiresAfter15Minutes()
    {
        var clock = new FakeTimeProvider();
        var store = new SqlDiscoveryStore((await NewDatabaseAsync())(), clock);
        var now = clock.GetUtcNow();
        DiscoveryEntry Entry(string id, string code) => new(id, code, "{}", now, now.AddMinutes(15), null);
        Assert.AreEqual(AddEntryResult.Added, await store.TryAddAsync(Entry("a", "CODEA")));
        Assert.AreEqual(AddEntryResult.DuplicatePending, await store.TryAddAsync(Entry("a", "CODEB")));
        Assert.AreEqual(AddEntryResult.Added, await store.TryAddAsync(Entry("b", "CODEB")));
        Assert.AreEqual(HandOverStatus.HandedOver, (await store.TryHandOverAsync("CODEA")).Status);
        Assert.AreEqual(HandOverStatus.HandedOverAgain, (await store.TryHandOverAsync("CODEA")).Status, "same data until the device reached its broker");
        Assert.AreEqual("a", (await store.RemoveAsync("a"))?.DeviceId);
        Assert.AreEqual(HandOverStatus.Unknown, (await store.TryHandOverAsync("CODEA")).Status, "closed once the device reached its broker");
        Assert.AreEqual(AddEntryResult.Added, await store.TryAddAsync(Entry("a", "CODEA")));
        Assert.AreEqual(HandOverStatus.HandedOver, (await store.TryHandOverAsync("CODEA")).Status);
        Assert.AreEqual(HandOverStatus.Unknown, (await store.TryHandOverAsync("NOPE")).Status);
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.AreEqual(0, (await store.RemoveExpiredAsync()).Count);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual(HandOverStatus.Expired, (await store.TryHandOverAsync("CODEB")).Status);
        var expired = await store.RemoveExpiredAsync();
        Assert.AreEqual(2, expired.Count);
        Assert.IsNull(await store.FindByDeviceAsync("b"));
    }

    [TestMethod]
    public async Task DiscoveryStore_EntryFields_RoundTripExactly()
    {
        var clock = new FakeTimeProvider();
        var store = new SqlDiscoveryStore((await NewDatabaseAsync())(), clock);
        var created = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds() + 123);
        const string data = "{\"broker_host\":\"127.0.0.1\",\"note\":\"Wohnzimmer \u00fc \u20ac \\\"quoted\\\"\"}";
        Assert.AreEqual(AddEntryResult.Added, await store.TryAddAsync(new DiscoveryEntry("dev_1-X", "CODE1", data, created, created.AddMinutes(15), null)));
        var found = await store.FindByDeviceAsync("dev_1-X");
        Assert.IsNotNull(found);
        Assert.AreEqual(data, found.BrokerData);
        Assert.AreEqual(created, found.CreatedAt, "milliseconds kept");
        Assert.AreEqual(created.AddMinutes(15), found.ExpiresAt);
        Assert.IsNull(found.HandedOverAt);
        clock.Advance(TimeSpan.FromSeconds(7));
        var handed = await store.TryHandOverAsync("CODE1");
        Assert.AreEqual(HandOverStatus.HandedOver, handed.Status);
        Assert.AreEqual(clock.GetUtcNow().ToUnixTimeMilliseconds(), handed.Entry!.HandedOverAt!.Value.ToUnixTimeMilliseconds());
        Assert.IsNull(await store.RemoveAsync("nobody"));
    }

    [TestMethod]
    public async Task DiscoveryStore_ParallelRegistrationsOfOneDevice_OnlyOneIsAdded()
    {
        var open = await NewDatabaseAsync();
        var clock = new FakeTimeProvider();
        var now = clock.GetUtcNow();

        // Two service instances, ten requests each, all for one device with different codes (and one code for two devices).
        var stores = new[] { new SqlDiscoveryStore(open(), clock), new SqlDiscoveryStore(open(), clock) };
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            stores[i % 2].TryAddAsync(new DiscoveryEntry("dev", "CODE" + i, "{}", now, now.AddMinutes(15), null))));
        Assert.AreEqual(1, results.Count(r => r == AddEntryResult.Added));
        var byCode = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            stores[i % 2].TryAddAsync(new DiscoveryEntry("other" + i, "SHARED", "{}", now, now.AddMinutes(15), null))));
        Assert.AreEqual(1, byCode.Count(r => r == AddEntryResult.Added));
        Assert.AreEqual(9, byCode.Count(r => r == AddEntryResult.DuplicatePending));
    }

    [TestMethod]
    public async Task DiscoveryStore_ParallelHandOvers_OnlyOneIsFirst()
    {
        var open = await NewDatabaseAsync();
        var clock = new FakeTimeProvider();
        var now = clock.GetUtcNow();
        var stores = new[] { new SqlDiscoveryStore(open(), clock), new SqlDiscoveryStore(open(), clock) };
        Assert.AreEqual(AddEntryResult.Added, await stores[0].TryAddAsync(new DiscoveryEntry("dev", "CODE", "{}", now, now.AddMinutes(15), null)));
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => stores[i % 2].TryHandOverAsync("CODE")));
        Assert.AreEqual(1, results.Count(r => r.Status == HandOverStatus.HandedOver));
        Assert.AreEqual(9, results.Count(r => r.Status == HandOverStatus.HandedOverAgain));
    }

    [TestMethod]
    public async Task GuessLimiter_ParallelGuesses_BeforeAnyResult_OnlyTheLimitIsAllowed()
    {
        var limiter = new GuessLimiter((await NewDatabaseAsync())(), new FakeTimeProvider(), Window);
        GuessLimiter.Scope[] scopes = [new("home:a", 5), new("overall", 100)];
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => limiter.TryBeginAsync(scopes)));
        Assert.AreEqual(5, results.Count(r => r is null));
        Assert.IsTrue(results.Where(r => r is not null).All(r => r == "home:a"));
    }

    [TestMethod]
    public async Task GuessLimiter_TwoInstancesGuessingInParallel_OnlyTheLimitIsAllowed()
    {
        // Two service instances on one database (issue 12 item 4): the limit holds for both together.
        var open = await NewDatabaseAsync();
        var time = new FakeTimeProvider();
        var limiters = new[] { new GuessLimiter(open(), time, Window), new GuessLimiter(open(), time, Window) };
        GuessLimiter.Scope[] scopes = [new("home:a", 5), new("overall", 100)];
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => limiters[i % 2].TryBeginAsync(scopes))));
        Assert.AreEqual(5, results.Count(r => r is null));
    }

    [TestMethod]
    public async Task GuessLimiter_Counters_SurviveARestart_AndExpireWithTheirWindow()
    {
        var open = await NewDatabaseAsync();
        var time = new FakeTimeProvider();
        GuessLimiter.Scope[] scopes = [new("home:a", 3), new("overall", 100)];
        var first = new GuessLimiter(open(), time, Window);
        for (var i = 0; i < 3; i++)
        {
            Assert.IsNull(await first.TryBeginAsync(scopes));
        }

        // A new process on the same database: still used up.
        var second = new GuessLimiter(open(), time, Window);
        Assert.AreEqual("home:a", await second.TryBeginAsync(scopes));
        time.Advance(Window);
        Assert.IsNull(await second.TryBeginAsync(scopes), "a new window");
    }

    [TestMethod]
    public async Task GuessLimiter_OverallLimit_StopsManyRequesters_AndARefundGivesTheAttemptBack()
    {
        var limiter = new GuessLimiter((await NewDatabaseAsync())(), new FakeTimeProvider(), Window);
        GuessLimiter.Scope Home(string id) => new("home:" + id, 5);
        var overall = new GuessLimiter.Scope("overall", 3);
        Assert.IsNull(await limiter.TryBeginAsync([Home("a"), overall]));
        Assert.IsNull(await limiter.TryBeginAsync([Home("b"), overall]));
        Assert.IsNull(await limiter.TryBeginAsync([Home("c"), overall]));
        Assert.AreEqual("overall", await limiter.TryBeginAsync([Home("d"), overall]), "a fourth requester hits the overall limit");

        // A right code is no guess: refunded in every scope, the next requester gets through, and the refused attempt
        // of d counted nowhere.
        await limiter.RefundAsync([Home("c"), overall]);
        Assert.IsNull(await limiter.TryBeginAsync([Home("d"), overall]));
    }

    [TestMethod]
    public async Task ProvisioningRecords_SaveReplaceLoad_KeepNullsTopicsAndServicesApart()
    {
        var open = await NewDatabaseAsync();
        var cloud = new ProvisioningRecordStore(open(), "cloud");
        var gateway = new ProvisioningRecordStore(open(), "gateway");
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(1_767_000_000_123);
        await cloud.SaveAsync(new ProvisioningRecordStore.Row("d1", "home1", "gw1", null, expires, null, null, null));
        await gateway.SaveAsync(new ProvisioningRecordStore.Row("d1", "home9", "gw9", "HASH", expires, "lamp", null, null));
        await cloud.SaveAsync(new ProvisioningRecordStore.Row("d1", "home1", "gw1", null, expires, "lamp", "Lamp \u00e4", ["home1/gw1/lamp/Lamp", "home1/gw1/living"]));

        // A restarted cloud service reads what the first one wrote.
        var rows = await new ProvisioningRecordStore(open(), "cloud").LoadAsync();
        Assert.AreEqual(1, rows.Count);
        var row = rows[0];
        Assert.AreEqual("home1", row.HomeId);
        Assert.IsNull(row.PendingCodeHash);
        Assert.AreEqual(expires, row.ExpiresAt);
        Assert.AreEqual("lamp", row.DeviceType);
        Assert.AreEqual("Lamp \u00e4", row.Name);
        CollectionAssert.AreEqual(new[] { "home1/gw1/lamp/Lamp", "home1/gw1/living" }, row.Topics);
        var gatewayRow = (await gateway.LoadAsync()).Single();
        Assert.AreEqual("HASH", gatewayRow.PendingCodeHash);
        Assert.IsNull(gatewayRow.Name);
        Assert.IsNull(gatewayRow.Topics);
    }

    [TestMethod]
    public async Task WifiHandovers_OncePerAdd_SurvivesARestart_ServicesApart_OneWinnerAtOnce()
    {
        var open = await NewDatabaseAsync();
        var gateway = new ProvisioningRecordStore(open(), "gateway");
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_767_000_000_000);
        Assert.IsTrue(await gateway.TryMarkWifiHandedAsync("d1", at));
        Assert.IsFalse(await gateway.TryMarkWifiHandedAsync("d1", at), "answered twice");
        Assert.IsFalse(await new ProvisioningRecordStore(open(), "gateway").TryMarkWifiHandedAsync("d1", at), "a restarted service answered again");
        Assert.IsTrue(await new ProvisioningRecordStore(open(), "cloud").TryMarkWifiHandedAsync("d1", at), "services share marks");
        Assert.IsTrue(await gateway.TryMarkWifiHandedAsync("d2", at), "devices share marks");

        await gateway.ClearWifiHandedAsync("d1");
        Assert.IsTrue(await gateway.TryMarkWifiHandedAsync("d1", at), "a re-add may ask once more");

        // Two instances asking at once: exactly one wins.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            new ProvisioningRecordStore(open(), "gateway").TryMarkWifiHandedAsync("d3", at))));
        Assert.AreEqual(1, results.Count(r => r));
    }

    [TestMethod]
    public async Task Schema_ManyProcessesOpeningAFreshDatabaseAtOnce_AllSucceed()
    {
        // Several service instances starting together on an empty database each create the schema.
        var open = await NewDatabaseAsync();
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(1_767_000_000_000);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            new ProvisioningRecordStore(open(), "cloud").SaveAsync(new ProvisioningRecordStore.Row("d" + i, "h", "g", null, expires, null, null, null)))));
        Assert.AreEqual(8, (await new ProvisioningRecordStore(open(), "cloud").LoadAsync()).Count);
    }

    [TestMethod]
    public async Task ManufacturerRegistry_RegisterReplaceVerify()
    {
        var open = await NewDatabaseAsync();
        var pkiDir = Path.Combine(Path.GetTempPath(), "m2g-store-pki-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var pki = ReferencePki.OpenOrCreate(pkiDir);
            var registry = new ManufacturerRegistry(open(), pki.Manufacturer);
            var first = pki.MintFactoryIdentity("dev-r");
            await registry.RegisterAsync("dev-r", first.Certificate.RawData, first.ActivationCode);
            Assert.IsTrue(await registry.ContainsAsync("dev-r"));
            Assert.IsFalse(await registry.ContainsAsync("dev-unknown"));
            Assert.IsTrue(await registry.VerifyActivationCodeAsync("dev-r", first.ActivationCode) == true);

            // Re-registered (a re-flashed unit): the new certificate and code replace the old ones; without a code none is kept.
            var second = pki.MintFactoryIdentity("dev-r");
            var again = new ManufacturerRegistry(open(), pki.Manufacturer);
            await again.RegisterAsync("dev-r", second.Certificate.RawData, second.ActivationCode);
            CollectionAssert.AreEqual(second.Certificate.RawData, await registry.GetFactoryCertificateAsync("dev-r"));
            CollectionAssert.AreEqual(second.Certificate.PublicKey.ExportSubjectPublicKeyInfo(), await registry.GetPublicKeyAsync("dev-r"));
            Assert.IsTrue(await registry.VerifyActivationCodeAsync("dev-r", first.ActivationCode) == false);
            Assert.IsTrue(await registry.VerifyActivationCodeAsync("dev-r", second.ActivationCode) == true);
            await again.RegisterAsync("dev-r", second.Certificate.RawData);
            Assert.IsNull(await registry.VerifyActivationCodeAsync("dev-r", second.ActivationCode));
        }
        finally
        {
            Directory.Delete(pkiDir, true);
        }
    }
}
