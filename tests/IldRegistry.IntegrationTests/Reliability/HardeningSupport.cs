using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using IldRegistry.LocalPostgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IldRegistry.IntegrationTests.Reliability;

/// <summary>
/// A throwaway PostgreSQL cluster of the hardening tests' own, so that what they do to a database (locks, renamed
/// tables, settings) never touches the shared test database. Each test takes a fresh database in it.
/// </summary>
public sealed class HardeningPostgres : IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;
    private int _databases;

    public async ValueTask InitializeAsync() =>
        _cluster = await LocalPostgresCluster.StartAsync(LocalPostgresOptions.Throwaway("hardening"), ct: TestContext.Current.CancellationToken);

    /// <summary>Creates an empty database and returns its connection string (the API migrates and seeds it).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"hardening_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(_cluster!.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HardeningCollection : ICollectionFixture<HardeningPostgres>
{
    public const string Name = "hardening";
}

/// <summary>The API in memory over a database of the test's own, with settings of the test's choosing.</summary>
public sealed class OwnApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminKey = "hardening-admin-key";

    public CapturingLoggerProvider Logs { get; } = new();

    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Registry", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:Enabled", "true");
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}

/// <summary>One captured log line with the scope values (TraceId, SpanId, …) it was written under.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, string?> Scope);

public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string?>();
            provider._scopes.ForEachScope(
                (value, values) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (k, v) in pairs)
                        {
                            values[k] = v?.ToString();
                        }
                    }
                },
                scope);
            provider.Lines.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception, scope));
        }
    }
}

/// <summary>The API as a real operating-system process (<c>dotnet IldRegistry.Api.dll</c>) on a free port.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<ApiProcess> StartAsync(string connectionString, int? port = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var api = new ApiProcess(Process.Start(StartInfo(connectionString, address, environment))!, address);
        await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return api;
    }

    /// <summary>Runs the API to its exit (for settings that must stop it): the exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string connectionString, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(connectionString, new Uri($"http://127.0.0.1:{FreePort()}"), environment))!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output + await error);
    }

    private static ProcessStartInfo StartInfo(string connectionString, Uri address, IReadOnlyDictionary<string, string>? environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "IldRegistry.Api.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Registry"] = connectionString;
        start.Environment["Auth__BootstrapAdminKey"] = AdminKey;
        start.Environment["Database__MigrateOnStartup"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public HttpClient CreateClient(string? apiKey = AdminKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>SIGKILL: the process gets no chance to flush or finish anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: what an orchestrator sends to stop a container gracefully.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The API was not ready within {timeout}:{Environment.NewLine}{Output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Database helpers for arranging what HTTP cannot: locks that hold a request inside PostgreSQL.</summary>
internal static class Sql
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Opens a transaction holding an ACCESS EXCLUSIVE lock on <paramref name="table"/>; disposing it releases the lock.</summary>
    public static async Task<NpgsqlConnection> LockTableAsync(string connectionString, string table)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE;", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Waits until <paramref name="count"/> other sessions are blocked on a lock, i.e. requests are inside the database.</summary>
    public static async Task WaitForLockWaitersAsync(string connectionString, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await CountLockWaitersAsync(connectionString) >= count)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No {count} request(s) waited on the lock within 20 s.");
    }

    /// <summary>How many sessions of this database are blocked on a lock now.</summary>
    public static async Task<long> CountLockWaitersAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND wait_event_type = 'Lock'", connection);
        command.Parameters.AddWithValue("db", database!);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
