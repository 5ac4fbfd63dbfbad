using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Scaling;

/// <summary>Limits generous enough for the load these tests make from one address.</summary>
public sealed class UnlimitedTopology : Topology
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["TOPOLOGY_API_ENV"] = "RateLimiting__AnonymousPermitLimit=1000000 RateLimiting__KeyPermitLimit=1000000",
        ["TOPOLOGY_LIMIT_EXEMPT"] = "127.0.0.1",
    };
}

/// <summary>A write through one instance, read through the other: how soon, and never older again.</summary>
[Collection(TopologyCollection.Name)]
public sealed class CrossInstanceFreshnessTests(UnlimitedTopology topology, ITestOutputHelper output) : IClassFixture<UnlimitedTopology>
{
    private const int Writes = 250;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_through_A_is_read_through_B_within_100_ms_at_the_99th_percentile_and_never_older_after()
    {
        using var a = Topology.Client(topology.Api(1), Topology.AdminKey);
        using var b = Topology.Client(topology.Api(2));
        var created = await (await a.PostJsonAsync("/api/v1/people", new { name = "Freshness v0" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        var total = (await GetAsync(b, "/api/v1/people?pageSize=1"))["totalCount"]!.GetValue<int>();
        var version = 0;
        var latencies = new List<TimeSpan>();

        // For comparison, a listener of the test's own: how soon PostgreSQL delivers the notification of a write
        // after the write has answered (negative: before), apart from what B does with it.
        var clock = Stopwatch.StartNew();
        long lastNotified = 0;
        var deliveries = new List<double>();
        await using var listener = new Npgsql.NpgsqlConnection(topology.PostgresConnectionString);
        await listener.OpenAsync(Ct);
        listener.Notification += (_, _) => Interlocked.Exchange(ref lastNotified, clock.ElapsedTicks);
        await using (var listen = new Npgsql.NpgsqlCommand($"LISTEN {IldRegistry.Data.Caching.RegistryChanges.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync(Ct);
        }

        using var waiting = new CancellationTokenSource();
        var pump = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await listener.WaitAsync(waiting.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        for (var i = 1; i <= Writes; i++)
        {
            // Half the writes change a record (B's output cache holds it), half add one (B's count cache holds the total).
            var record = i % 2 == 0;
            Func<JsonObject, int> seen = record ? body => int.Parse(body["name"]!.GetValue<string>()["Freshness v".Length..], System.Globalization.CultureInfo.InvariantCulture) : body => body["totalCount"]!.GetValue<int>();
            var url = record ? $"/api/v1/people/{id}" : "/api/v1/people?pageSize=1";
            var before = record ? version : total;
            Assert.Equal(before, seen(await GetAsync(b, url)));
            Assert.Equal(before, seen(await GetAsync(b, url)));

            if (record)
            {
                (await a.PutCurrentAsync($"/api/v1/people/{id}", JsonContent($$"""{"name":"Freshness v{{i}}"}"""), Ct)).EnsureSuccessStatusCode();
                version = i;
            }
            else
            {
                (await a.PostJsonAsync("/api/v1/people", new { name = $"Freshness added {i}" }, Ct)).EnsureSuccessStatusCode();
                total++;
            }

            var expected = record ? version : total;
            var answeredAt = clock.ElapsedTicks;
            var stopwatch = Stopwatch.StartNew();
            while (true)
            {
                var now = seen(await GetAsync(b, url));
                if (now == expected)
                {
                    break;
                }

                Assert.Equal(before, now);
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"write {i} not visible through B after 5 s");

                // Polling flat out would take the two cores from the processes that deliver the notification.
                await Task.Delay(1, Ct);
            }

            latencies.Add(stopwatch.Elapsed);
            var notified = Interlocked.Read(ref lastNotified);
            deliveries.Add((notified - answeredAt) * 1000.0 / Stopwatch.Frequency);

            // Once B has shown the new state, it never shows the old one again.
            for (var again = 0; again < 3; again++)
            {
                Assert.Equal(expected, seen(await GetAsync(b, url)));
            }
        }

        await waiting.CancelAsync();
        await pump;
        var delivered = deliveries.Order().ToArray();
        output.WriteLine($"The test's own listener heard of each write, relative to its 2xx: p50 {delivered[delivered.Length / 2]:F2} ms, p99 {delivered[(int)Math.Ceiling(0.99 * delivered.Length) - 1]:F2} ms");
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
        output.WriteLine($"{sorted.Length} writes through A, each read through B until visible: p50 {Percentile(0.5):F2} ms, p90 {Percentile(0.9):F2} ms, p99 {Percentile(0.99):F2} ms, max {sorted[^1]:F2} ms (load average {LoadAverage()})");

        // The target holds on a machine that is not busy with other work (CI runs these tests alone); on one whose
        // run queue is several times its cores, every process waits its turn and only an outer bound is meaningful.
        var busy = LoadPerCore() > 2;
        var bound = busy ? 1000 : 100;
        output.WriteLine(busy ? $"The machine is busy ({LoadPerCore():F1} runnable per core): checking p99 < {bound} ms only" : $"checking p99 < {bound} ms");
        Assert.True(Percentile(0.99) < bound, $"p99 {Percentile(0.99):F2} ms (bound {bound} ms, load average {LoadAverage()})");
    }

    private static double LoadPerCore() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / Environment.ProcessorCount : 0;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonObject> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }
}

/// <summary>One instance dies under load behind the proxy.</summary>
[Collection(TopologyCollection.Name)]
public sealed class FailoverTests(UnlimitedTopology topology, ITestOutputHelper output) : IClassFixture<UnlimitedTopology>
{
    private const int Workers = 4;
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(9);

    // Requests already at the killed instance fail; the proxy marks it down at the first refused connection or
    // after two failed health checks 200 ms apart, and retries refused connections elsewhere.
    private static readonly TimeSpan RoutedAround = TimeSpan.FromSeconds(1.5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_an_instance_under_load_loses_no_acknowledged_write_and_fails_nothing_once_routed_around()
    {
        using var writer = Topology.Client(topology.Proxy, Topology.AdminKey);
        using var reader = Topology.Client(topology.Proxy);
        var owned = new Guid[Workers];
        for (var w = 0; w < Workers; w++)
        {
            owned[w] = (await (await writer.PostJsonAsync("/api/v1/people", new { name = $"Failover w{w} v0" }, Ct)).ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        }

        var acknowledged = new ConcurrentBag<(Guid Id, string Name)>();
        var failures = new ConcurrentBag<(TimeSpan Started, string What)>();
        var staleFirstReads = 0;
        var requests = 0;
        var clock = Stopwatch.StartNew();
        TimeSpan? killedAt = null;

        async Task<bool> Attempt(string what, Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, Func<HttpResponseMessage, Task>? then = null)
        {
            var started = clock.Elapsed;
            Interlocked.Increment(ref requests);
            try
            {
                using var response = await send();
                if (response.StatusCode != expected)
                {
                    failures.Add((started, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}"));
                    return false;
                }

                if (then is not null)
                {
                    await then(response);
                }

                return true;
            }
            catch (HttpRequestException e)
            {
                failures.Add((started, $"{what}: {e.Message}"));
                return false;
            }
        }

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            for (var n = 1; clock.Elapsed < LoadFor; n++)
            {
                var name = $"Failover w{w} n{n}";
                await Attempt("POST", () => writer.PostJsonAsync("/api/v1/people", new { name }, CancellationToken.None), HttpStatusCode.Created, async r =>
                    acknowledged.Add(((await r.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>(), name)));

                var version = $"Failover w{w} v{n}";
                if (!await Attempt("PUT", () => writer.PutCurrentAsync($"/api/v1/people/{owned[w]}", new StringContent($$"""{"name":"{{version}}"}""", System.Text.Encoding.UTF8, "application/json"), CancellationToken.None), HttpStatusCode.OK))
                {
                    continue;
                }

                // The read goes to either instance; it must show this write, at once or (notification in flight) within 100 ms.
                var readStarted = Stopwatch.StartNew();
                for (var attempt = 0; ; attempt++)
                {
                    string? seen = null;
                    if (!await Attempt("GET", () => reader.GetAsync($"/api/v1/people/{owned[w]}", CancellationToken.None), HttpStatusCode.OK, async r =>
                            seen = (await r.ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>()))
                    {
                        break;
                    }

                    if (seen == version)
                    {
                        break;
                    }

                    if (attempt == 0)
                    {
                        Interlocked.Increment(ref staleFirstReads);
                    }

                    if (readStarted.Elapsed > TimeSpan.FromMilliseconds(100))
                    {
                        failures.Add((clock.Elapsed, $"GET after PUT: '{seen}' instead of '{version}' after {readStarted.ElapsedMilliseconds} ms"));
                        break;
                    }
                }
            }
        }, CancellationToken.None)).ToArray();

        await Task.Delay(KillAfter, Ct);
        await topology.KillAsync(1);
        killedAt = clock.Elapsed;
        await Task.WhenAll(workers);

        var early = failures.Where(f => f.Started < killedAt + RoutedAround).ToList();
        var late = failures.Where(f => f.Started >= killedAt + RoutedAround).ToList();
        output.WriteLine($"{requests} requests in {LoadFor.TotalSeconds} s by {Workers} workers through the proxy, instance 1 killed at {killedAt.Value.TotalMilliseconds:F0} ms; "
            + $"{acknowledged.Count} creates acknowledged; {early.Count} failed before the proxy routed around it, {late.Count} after; {staleFirstReads} first reads after a PUT still showed the previous version");
        foreach (var failure in failures.OrderBy(f => f.Started).Take(20))
        {
            output.WriteLine($"  {failure.Started.TotalMilliseconds:F0} ms: {failure.What}");
        }

        Assert.Empty(late);
        Assert.DoesNotContain(failures, f => f.What.StartsWith("GET after PUT", StringComparison.Ordinal));
        Assert.True(acknowledged.Count > 50, $"only {acknowledged.Count} writes were acknowledged");

        // Every acknowledged write is there, through the proxy (now the survivor only) and at the survivor itself.
        using var survivor = Topology.Client(topology.Api(2));
        foreach (var (id, name) in acknowledged)
        {
            Assert.Equal(name, (await (await reader.GetAsync($"/api/v1/people/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>());
        }

        var survivorTotal = (await (await survivor.GetAsync("/api/v1/people?pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>();
        Assert.True(survivorTotal >= acknowledged.Count + Workers, $"{survivorTotal} people, {acknowledged.Count + Workers} acknowledged");
    }
}
