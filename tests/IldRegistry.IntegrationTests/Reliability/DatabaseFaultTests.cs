using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using IldRegistry.LocalPostgres;

namespace IldRegistry.IntegrationTests.Reliability;

/// <summary>
/// The database goes away under a running API and comes back. Uses a cluster of its own (persistent, so that it can
/// be started again on the same data and port), never the shared test database.
/// </summary>
public sealed class DatabaseFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan _failFast = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _recovery = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_outage_is_fast_503s_with_retry_after_then_recovers_by_itself_within_5_seconds()
    {
        var options = new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), $"ildregistry-fault-{Guid.NewGuid():N}"),
            Persistent = true,
            Database = "fault",
        };
        var cluster = await LocalPostgresCluster.StartAsync(options, ct: Ct);
        try
        {
            await using var factory = new OwnApiFactory(cluster.ConnectionString);
            using var client = factory.CreateJsonClient(OwnApiFactory.AdminKey);
            await (await client.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            var before = await (await client.PostJsonAsync("/api/v1/departments", new { slug = "before-outage", name = "Before the outage" }, Ct))
                .ReadJsonAsync(HttpStatusCode.Created);

            await cluster.StopAsync(Ct);

            foreach (var url in new[] { "/api/v1/departments/ild", "/api/v1/departments", "/api/v1/people", "/api/v1/search?q=ild" })
            {
                var (response, elapsed) = await TimedAsync(() => client.GetAsync(url, Ct));
                output.WriteLine($"GET {url} during the outage: {(int)response.StatusCode} in {elapsed.TotalMilliseconds:0} ms");
                await AssertUnavailableAsync(response);
                Assert.True(elapsed < _failFast, $"GET {url} took {elapsed}");
            }

            var (write, writeElapsed) = await TimedAsync(() => client.PostJsonAsync("/api/v1/departments", new { slug = "during-outage", name = "During the outage" }, Ct));
            output.WriteLine($"POST during the outage: {(int)write.StatusCode} in {writeElapsed.TotalMilliseconds:0} ms");
            await AssertUnavailableAsync(write);
            Assert.True(writeElapsed < _failFast, $"POST took {writeElapsed}");

            var (ready, readyElapsed) = await TimedAsync(() => client.GetAsync("/health/ready", Ct));
            output.WriteLine($"/health/ready during the outage: {(int)ready.StatusCode} in {readyElapsed.TotalMilliseconds:0} ms");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.True(readyElapsed < _failFast, $"/health/ready took {readyElapsed}");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);

            cluster = await LocalPostgresCluster.StartAsync(options, ct: Ct);
            var back = Stopwatch.StartNew();
            HttpStatusCode status;
            do
            {
                status = (await client.GetAsync("/api/v1/departments/ild", Ct)).StatusCode;
                if (status != HttpStatusCode.OK)
                {
                    await Task.Delay(100, Ct);
                }
            }
            while (status != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(30));

            output.WriteLine($"First 200 after the database came back: {back.ElapsedMilliseconds} ms");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(back.Elapsed < _recovery, $"recovery took {back.Elapsed}");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);

            // Writes work again; the acknowledged one survived, the refused one left nothing behind.
            await (await client.PostJsonAsync("/api/v1/departments", new { slug = "after-outage", name = "After the outage" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
            await (await client.GetAsync($"/api/v1/departments/{before["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            await (await client.GetAsync("/api/v1/departments/during-outage", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
            var history = await (await client.GetAsync("/api/v1/departments?q=During%20the%20outage", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Empty(history["items"]!.AsArray());
        }
        finally
        {
            await cluster.DeleteAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_read_whose_pooled_connections_were_terminated_is_retried_and_succeeds()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(LocalPostgresOptions.Throwaway("retry"), ct: Ct);
        await using var factory = new OwnApiFactory(cluster.ConnectionString);
        using var client = factory.CreateJsonClient();

        // Fill the pool with a few idle connections, then have the server end every one of them.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/api/v1/people", Ct)));
        await Sql.ExecuteAsync(cluster.ConnectionString, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'retry' AND pid <> pg_backend_pid()");

        var response = await client.GetAsync("/api/v1/departments/ild", Ct);
        await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_query_that_runs_into_statement_timeout_is_a_503_with_retry_after()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(LocalPostgresOptions.Throwaway("slow"), ct: Ct);
        await using var factory = new OwnApiFactory(cluster.ConnectionString, new Dictionary<string, string?> { ["Database:StatementTimeoutMilliseconds"] = "500" });
        using var client = factory.CreateJsonClient();
        await (await client.GetAsync("/api/v1/departments", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        await using (await Sql.LockTableAsync(cluster.ConnectionString, "departments"))
        {
            var (response, elapsed) = await TimedAsync(() => client.GetAsync("/api/v1/departments", Ct));
            output.WriteLine($"Blocked query answered {(int)response.StatusCode} after {elapsed.TotalMilliseconds:0} ms");
            var problem = await AssertUnavailableAsync(response);
            Assert.Contains("in time", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed}");
        }

        await (await client.GetAsync("/api/v1/departments", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    private static async Task<JsonObject> AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        var body = problem.ToJsonString();
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SELECT", body, StringComparison.OrdinalIgnoreCase);
        return problem;
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await send();
        return (response, stopwatch.Elapsed);
    }
}
