using System.Diagnostics;
using System.Net;
using IldRegistry.Data.Caching;
using IldRegistry.LocalPostgres;
using IldRegistry.Data.Replication;
using IldRegistry.IntegrationTests.Infrastructure;
using IldRegistry.IntegrationTests.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IldRegistry.IntegrationTests.Scaling;

/// <summary>
/// A primary and a streaming standby made with pg_basebackup, two API instances reading from the standby: what a
/// write changed is what the next read through either instance shows, also while the standby lags.
/// Alone, after the other tests: its standby monitors poll every 20 ms, which tests that count SQL commands
/// process-wide would see.
/// </summary>
[Collection(TopologyCollection.Name)]
public sealed class StandbyReadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _standbyDirectory = Path.Combine(Path.GetTempPath(), $"ildregistry-standby-{Guid.NewGuid():N}");
    private readonly int _standbyPort = ApiProcess.FreePort();
    private LocalPostgresCluster _primary = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string StandbyConnectionString => $"Host=127.0.0.1;Port={_standbyPort};Database=standby_reads;Username=postgres";

    public async ValueTask InitializeAsync()
    {
        _primary = await LocalPostgresCluster.StartAsync(LocalPostgresOptions.Throwaway("standby_reads"), ct: Ct);
        Directory.CreateDirectory(_standbyDirectory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", _standbyDirectory);
        }

        var primaryPort = new NpgsqlConnectionStringBuilder(_primary.ConnectionString).Port;
        await RunPostgresToolAsync("pg_basebackup", "-h", "127.0.0.1", "-p", primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-D", _standbyDirectory, "-R", "-X", "stream", "-c", "fast");
        await RunAsync("chmod", "700", _standbyDirectory);
        await RunPostgresToolAsync("pg_ctl", "-D", _standbyDirectory, "-l", Path.Combine(_standbyDirectory, "standby.log"), "-w", "-t", "60", "-o", $"-p {_standbyPort} -k {_standbyDirectory} -c listen_addresses=127.0.0.1 -c hot_standby=on", "start");
    }

    public async ValueTask DisposeAsync()
    {
        await RunPostgresToolAsync("pg_ctl", "-D", _standbyDirectory, "-m", "immediate", "-w", "stop");
        await RunAsync("rm", "-rf", _standbyDirectory);
        await _primary.DisposeAsync();
    }

    [Fact]
    public async Task Writes_followed_by_reads_through_both_instances_never_read_stale_and_reads_use_the_standby_when_it_has_caught_up()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RegistryStandby"] = StandbyConnectionString,
            ["OutputCache:Enabled"] = "true",
            ["TotalCountCache:Enabled"] = "true",
            ["Invalidation:Enabled"] = "true",
        };
        await using var a = new OwnApiFactory(_primary.ConnectionString, settings);
        await using var b = new OwnApiFactory(_primary.ConnectionString, settings);
        using var writer = a.CreateJsonClient(OwnApiFactory.AdminKey);
        using var readA = a.CreateJsonClient();
        using var readB = b.CreateJsonClient();
        var changesB = b.Services.GetRequiredService<RegistryChanges>();
        var routingA = a.Services.GetRequiredService<StandbyRouting>();
        var routingB = b.Services.GetRequiredService<StandbyRouting>();

        var id = (await (await writer.PostJsonAsync("/api/v1/people", new { name = "Standby v0" }, Ct)).ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await using var control = new NpgsqlConnection(StandbyConnectionString);
        await control.OpenAsync(Ct);

        for (var i = 1; i <= 60; i++)
        {
            // Every third write lands while the standby replays nothing: reads must then come from the primary.
            var paused = i % 3 == 0;
            if (paused)
            {
                await ExecuteAsync(control, "SELECT pg_wal_replay_pause()");
            }

            var heardBefore = changesB.Generation;
            (await writer.PutCurrentAsync($"/api/v1/people/{id}", new StringContent($$"""{"name":"Standby v{{i}}"}""", System.Text.Encoding.UTF8, "application/json"), Ct)).EnsureSuccessStatusCode();

            // Through the instance that wrote: at once.
            Assert.Equal($"Standby v{i}", await NameAsync(readA, id));

            // Through the other: once it has heard of the write (the notification, milliseconds), never older.
            var stopwatch = Stopwatch.StartNew();
            while (changesB.Generation == heardBefore)
            {
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), "B never heard of the write");
                await Task.Delay(1, Ct);
            }

            Assert.Equal($"Standby v{i}", await NameAsync(readB, id));
            if (paused)
            {
                await ExecuteAsync(control, "SELECT pg_wal_replay_resume()");
            }
        }

        // Between writes, once caught up, reads do go to the standby.
        var before = routingB.StandbyOpens;
        var wait = Stopwatch.StartNew();
        while (routingB.CaughtUpGeneration < changesB.Generation)
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(10), "the standby never caught up");
            await Task.Delay(10, Ct);
        }

        // A read this generation has not cached yet, so that it reaches a database.
        using var list = await readB.GetAsync("/api/v1/people?q=Standby", Ct);
        Assert.Equal("Standby v60", (await list.ReadJsonAsync(HttpStatusCode.OK))["items"]![0]!["name"]!.GetValue<string>());
        output.WriteLine($"Connections opened on the standby: A {routingA.StandbyOpens}, B {routingB.StandbyOpens}");
        Assert.True(routingB.StandbyOpens > before, "B read nothing from the standby once it had caught up");
    }

    private static async Task<string> NameAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/people/{id}", Ct);
        return (await response.ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static Task RunPostgresToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(PostgresBinaries.Find() ?? throw new InvalidOperationException("PostgreSQL binaries not found"), tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}");
    }
}
