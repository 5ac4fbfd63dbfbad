using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using IldRegistry.LocalPostgres;

namespace IldRegistry.IntegrationTests.Reliability;

/// <summary>
/// The API as a real process over a durable cluster (fsync and synchronous commit on, unlike the throwaway test
/// clusters): what it acknowledged survives SIGKILL, and SIGTERM lets a running request finish.
/// </summary>
public sealed class ProcessDurabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LocalPostgresCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = Path.Combine(Path.GetTempPath(), $"ildregistry-durable-{Guid.NewGuid():N}"), Persistent = true, Database = "durable" },
            ct: Ct);

    public async ValueTask DisposeAsync() => await _cluster.DeleteAsync(CancellationToken.None);

    [Fact]
    public async Task Every_write_acknowledged_before_a_kill_9_is_there_after_a_restart()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(string Id, string Slug)>();
        await using (var api = await ApiProcess.StartAsync(_cluster.ConnectionString))
        {
            using var client = api.CreateClient();

            // Eight writers post as fast as they can; the process is killed while they are mid-flight.
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var slug = $"w{w}-n{i}";
                    try
                    {
                        using var response = await client.PostJsonAsync("/api/v1/departments", new { slug, name = $"Writer {w} number {i}" }, CancellationToken.None);
                        if (response.IsSuccessStatusCode)
                        {
                            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!;
                            acknowledged.Add((body["id"]!.GetValue<string>(), slug));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToArray();

            var stopwatch = Stopwatch.StartNew();
            while (acknowledged.Count < 60 && stopwatch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10, Ct);
            }

            await api.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        output.WriteLine($"{acknowledged.Count} writes were acknowledged before SIGKILL");
        Assert.True(acknowledged.Count >= 60, $"only {acknowledged.Count} writes were acknowledged");

        await using var restarted = await ApiProcess.StartAsync(_cluster.ConnectionString);
        using var reader = restarted.CreateClient(apiKey: null);
        foreach (var (id, slug) in acknowledged)
        {
            var record = await (await reader.GetAsync($"/api/v1/departments/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(slug, record["slug"]!.GetValue<string>());
            var history = await (await reader.GetAsync($"/api/v1/departments/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.NotEmpty(history["items"]!.AsArray());
        }
    }

    [Fact]
    public async Task On_sigterm_a_request_in_flight_completes_and_the_process_exits_cleanly()
    {
        await using var api = await ApiProcess.StartAsync(_cluster.ConnectionString);
        using var client = api.CreateClient(apiKey: null);
        Task<HttpResponseMessage> inFlight;
        var stopwatch = Stopwatch.StartNew();

        // The request is genuinely busy inside PostgreSQL, waiting for a lock the test holds.
        await using (var lockHolder = await Sql.LockTableAsync(_cluster.ConnectionString, "departments"))
        {
            inFlight = client.GetAsync("/api/v1/departments?pageSize=200", Ct);
            await Sql.WaitForLockWaitersAsync(_cluster.ConnectionString, 1);

            await api.TerminateAsync();
            await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
            Assert.False(api.HasExited, "the process exited with a request still running");
            Assert.False(inFlight.IsCompleted);

            // Stopping means no new work is accepted.
            using var fresh = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(5) };
            await Assert.ThrowsAnyAsync<Exception>(() => fresh.GetAsync("/health/live", Ct));
        }

        using var response = await inFlight;
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotEmpty(body["items"]!.AsArray());

        using var exit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        exit.CancelAfter(TimeSpan.FromSeconds(15));
        await api.WaitForExitAsync(exit.Token);
        output.WriteLine($"In-flight request answered and the process exited with {api.ExitCode} {stopwatch.ElapsedMilliseconds} ms after it was sent");
        Assert.Equal(0, api.ExitCode);
    }
}
