using System.Diagnostics;
using System.Net;
using IldRegistry.Api.Common.Scaling;
using IldRegistry.Data.Caching;
using IldRegistry.IntegrationTests.Infrastructure;
using IldRegistry.IntegrationTests.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IldRegistry.IntegrationTests.Scaling;

/// <summary>
/// Two API instances on one database, both caching: a write through one empties the other's output cache and
/// count cache (by PostgreSQL notification), and an instance that is not listening caches nothing.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class CrossInstanceCacheTests(HardeningPostgres postgres, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Caching(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OutputCache:Enabled"] = "true",
            ["TotalCountCache:Enabled"] = "true",
            ["Diagnostics:QueryCountHeader"] = "true",

            // The Testing environment turns listening off (its shared host is the only process on its database).
            ["Invalidation:Enabled"] = "true",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task A_write_through_one_instance_is_read_through_the_other_at_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var a = new OwnApiFactory(database, Caching());
        await using var b = new OwnApiFactory(database, Caching());
        using var writer = a.CreateJsonClient(OwnApiFactory.AdminKey);
        using var reader = b.CreateJsonClient();

        var before = await ReadCachedAsync(reader, "/api/v1/departments");
        var beforeCount = before["totalCount"]!.GetValue<int>();
        Assert.Empty((await ReadCachedAsync(reader, "/api/v1/people?q=Zzyzx"))["items"]!.AsArray());

        (await writer.PostJsonAsync("/api/v1/people", new { name = "Zzyzx Cross" }, Ct)).EnsureSuccessStatusCode();
        (await writer.PostJsonAsync("/api/v1/departments", new { slug = "cross-instance", name = "Cross Instance Department" }, Ct)).EnsureSuccessStatusCode();

        // Notification is asynchronous: the other instance may take a few milliseconds to hear of it.
        var stopwatch = Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await GetJsonAsync(reader, "/api/v1/people?q=Zzyzx"))["items"]!.AsArray().Count == 1);
        await WaitUntilAsync(async () => (await GetJsonAsync(reader, "/api/v1/departments"))["totalCount"]!.GetValue<int>() == beforeCount + 1);
        output.WriteLine($"Both visible through the other instance {stopwatch.ElapsedMilliseconds} ms after the writes answered");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task While_the_listening_connection_is_down_nothing_is_answered_from_a_cache()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var writerApi = new OwnApiFactory(database, Caching(("Invalidation:Enabled", "false")));
        await using var readerApi = new OwnApiFactory(database, Caching(("Invalidation:ReconnectDelayMilliseconds", "3000"), ("Invalidation:MaxReconnectDelayMilliseconds", "3000")));
        using var writer = writerApi.CreateJsonClient(OwnApiFactory.AdminKey);
        using var reader = readerApi.CreateJsonClient();
        var changes = readerApi.Services.GetRequiredService<RegistryChanges>();

        Assert.Empty((await ReadCachedAsync(reader, "/api/v1/people?q=Quuxly"))["items"]!.AsArray());

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", connection);
            kill.Parameters.AddWithValue("name", ChangeListener.ApplicationName);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        await WaitUntilAsync(() => Task.FromResult(!changes.IsCurrent));

        // Written while the reader cannot hear of it: it must read past its cache, every time.
        (await writer.PostJsonAsync("/api/v1/people", new { name = "Quuxly Unheard" }, Ct)).EnsureSuccessStatusCode();
        for (var i = 0; i < 2; i++)
        {
            using var response = await reader.GetAsync("/api/v1/people?q=Quuxly", Ct);
            Assert.Single((await response.ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray());
            Assert.NotEqual("0", response.Headers.GetValues("X-Query-Count").Single());
        }

        Assert.False(changes.IsCurrent);

        // Listening again, it caches again.
        await WaitUntilAsync(() => Task.FromResult(changes.IsCurrent), TimeSpan.FromSeconds(15));
        Assert.Single((await ReadCachedAsync(reader, "/api/v1/people?q=Quuxly"))["items"]!.AsArray());
    }

    /// <summary>Reads twice and checks the second answer came from the cache (no SQL), so the cache holds it.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> ReadCachedAsync(HttpClient client, string url)
    {
        using var first = await client.GetAsync(url, Ct);
        var body = await first.ReadJsonAsync(HttpStatusCode.OK);
        using var second = await client.GetAsync(url, Ct);
        await second.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("0", second.Headers.GetValues("X-Query-Count").Single());

        // An answer from the cache carries the same caching headers as the first, once.
        Assert.Equal(first.Headers.CacheControl, second.Headers.CacheControl);
        Assert.Equal(first.Headers.Vary.ToList(), second.Headers.Vary.ToList());
        Assert.Equal(2, second.Headers.Vary.Count);
        return body;
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(stopwatch.Elapsed < (timeout ?? TimeSpan.FromSeconds(5)), "the condition did not hold in time");
            await Task.Delay(5, Ct);
        }
    }
}
