using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IldRegistry.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the machine's own server binaries, listening on 127.0.0.1 with trust
/// authentication for the <c>postgres</c> superuser. When the current process is root the server tools run as the
/// <c>postgres</c> OS user (PostgreSQL refuses root), and the data directory is handed to that user.
/// </summary>
/// <remarks>
/// <para>
/// <b>Persistent</b> (<see cref="LocalPostgresOptions.Persistent"/> = true, the dev run): the data directory survives
/// restarts of the application. An initialized directory (one holding <c>PG_VERSION</c>) is reused: if its server is
/// still running it is simply connected to on the port it listens on, otherwise it is started again on the port
/// remembered in <c>ildregistry.port</c> (or the one given). <see cref="DisposeAsync"/> leaves the server running on
/// purpose, so it outlives the application and the next start is fast; stop it with <see cref="StopAsync"/> or
/// <c>pg_ctl stop -D &lt;dir&gt;</c>.
/// </para>
/// <para>
/// <b>Throwaway</b> (tests): a fresh directory is initialized, started on a free port with durability turned off for
/// speed, and <see cref="DisposeAsync"/> stops the server and deletes the directory and its log.
/// </para>
/// <para>The server log is written next to the data directory, as <c>&lt;data directory&gt;.log</c>.</para>
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string PortFileName = "ildregistry.port";
    private const string SuperUser = "postgres";
    private const string Host = "127.0.0.1";
    private const int MaxStartAttempts = 3;

    private static readonly TimeSpan _readyTimeout = TimeSpan.FromSeconds(30);

    private readonly PgTools _tools;
    private readonly LocalPostgresOptions _options;
    private readonly ILogger _logger;
    private int _deleted;

    private LocalPostgresCluster(PgTools tools, string dataDirectory, LocalPostgresOptions options, ILogger logger)
    {
        _tools = tools;
        _options = options;
        _logger = logger;
        DataDirectory = dataDirectory;
        LogFile = dataDirectory + ".log";
    }

    /// <summary><c>Host=127.0.0.1;Port=…;Database=…;Username=postgres</c> (trust authentication).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The TCP port the server listens on at 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>True when an already-initialized persistent cluster was reused (running or restarted).</summary>
    public bool Reused { get; private set; }

    /// <summary>The full path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The server log file, next to the data directory.</summary>
    public string LogFile { get; }

    /// <summary>The directory of the PostgreSQL binaries in use.</summary>
    public string BinDirectory => _tools.BinDirectory;

    /// <summary>
    /// Creates or reuses the cluster described by <paramref name="options"/>, starts it if needed, waits until it
    /// accepts connections and creates <see cref="LocalPostgresOptions.Database"/> if it is missing.
    /// </summary>
    /// <exception cref="PostgresNotFoundException">No server binaries were found.</exception>
    /// <exception cref="InvalidOperationException">A PostgreSQL tool failed (the message holds its command and error output).</exception>
    public static async Task<LocalPostgresCluster> StartAsync(
        LocalPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Database);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);

        var binDirectory = ResolveBinDirectory(options.BinDirectory);
        var dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        var cluster = new LocalPostgresCluster(
            new PgTools(binDirectory, PgTools.CurrentUserIsRoot()), dataDirectory, options, logger ?? NullLogger.Instance);

        var initialized = File.Exists(Path.Combine(dataDirectory, "PG_VERSION"));
        if (!options.Persistent || !initialized)
        {
            // Never initialize over (or, for a throwaway cluster, later delete) somebody else's files.
            ThrowIfNotEmpty(dataDirectory, options.Persistent);
        }

        try
        {
            await cluster.StartCoreAsync(initialized && options.Persistent, ct).ConfigureAwait(false);
        }
        catch
        {
            if (!options.Persistent)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return cluster;
    }

    /// <summary>Stops the server (fast shutdown) if it is running. The data directory is kept.</summary>
    public Task StopAsync(CancellationToken ct = default) => StopCoreAsync(immediate: false, ct);

    /// <summary>Stops the server (immediate shutdown) if it is running and deletes the data directory and its log.</summary>
    public async Task DeleteAsync(CancellationToken ct = default)
    {
        await StopCoreAsync(immediate: true, ct).ConfigureAwait(false);
        await DeleteDirectoryAsync(DataDirectory, ct).ConfigureAwait(false);
        File.Delete(LogFile);
        Interlocked.Exchange(ref _deleted, 1);
    }

    /// <summary>
    /// Throwaway cluster: stops the server and deletes its directory. Persistent cluster: does nothing, the server
    /// keeps running (use <see cref="StopAsync"/> to stop it).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_options.Persistent || Interlocked.Exchange(ref _deleted, 1) == 1)
        {
            return;
        }

        try
        {
            await DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LocalPostgresLog.CleanupFailed(_logger, ex, DataDirectory);
        }
    }

    private static string ResolveBinDirectory(string? configured)
    {
        if (configured is null)
        {
            return PostgresBinaries.Find() ?? throw PostgresNotFoundException.ForSearch(null);
        }

        return PostgresBinaries.ContainsServerBinaries(configured)
            ? Path.GetFullPath(configured)
            : throw PostgresNotFoundException.ForSearch(configured);
    }

    private static void ThrowIfNotEmpty(string dataDirectory, bool persistent)
    {
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new InvalidOperationException(persistent
                ? $"The PostgreSQL data directory '{dataDirectory}' is not empty but holds no cluster (no PG_VERSION); empty it or choose another directory."
                : $"A throwaway PostgreSQL cluster needs a new or empty directory, but '{dataDirectory}' is not empty.");
        }
    }

    private async Task StartCoreAsync(bool reuse, CancellationToken ct)
    {
        var chooseFreePortIfTaken = _options.Port == 0;
        if (reuse)
        {
            Reused = true;
            await PrepareForPostgresUserAsync(createDataDirectory: false, ct).ConfigureAwait(false);
            if (await _tools.IsRunningAsync(DataDirectory, ct).ConfigureAwait(false) && ReadRunningPort() is { } runningPort)
            {
                Port = runningPort;
                LocalPostgresLog.ReusingRunning(_logger, DataDirectory, Port);
            }
            else
            {
                var port = _options.Port != 0 ? _options.Port : ReadPortFile() ?? 0;
                await StartServerAsync(port, chooseFreePortIfTaken, ct).ConfigureAwait(false);
            }
        }
        else
        {
            await PrepareForPostgresUserAsync(createDataDirectory: true, ct).ConfigureAwait(false);
            await InitDbAsync(ct).ConfigureAwait(false);
            await StartServerAsync(_options.Port, chooseFreePortIfTaken, ct).ConfigureAwait(false);
        }

        await WaitUntilAcceptingConnectionsAsync(ct).ConfigureAwait(false);
        await EnsureDatabaseAsync(ct).ConfigureAwait(false);
        ConnectionString = BuildConnectionString(_options.Database, pooling: true);
    }

    private async Task PrepareForPostgresUserAsync(bool createDataDirectory, CancellationToken ct)
    {
        var parent = Path.GetDirectoryName(DataDirectory)
            ?? throw new InvalidOperationException($"'{DataDirectory}' cannot be a PostgreSQL data directory.");
        Directory.CreateDirectory(parent);
        if (createDataDirectory)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(DataDirectory);
            }
            else
            {
                Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        using (File.Open(LogFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
        {
            // Created here so that the postgres user needs no write access to the parent directory.
        }

        if (!_tools.RunAsPostgres || OperatingSystem.IsWindows())
        {
            return;
        }

        if (createDataDirectory)
        {
            await _tools.GiveToPostgresAsync(DataDirectory, ct).ConfigureAwait(false);
        }

        await _tools.GiveToPostgresAsync(LogFile, ct).ConfigureAwait(false);

        // The postgres user must be able to reach the data directory through all its ancestors.
        for (var directory = new DirectoryInfo(parent); directory is not null; directory = directory.Parent)
        {
            var mode = directory.UnixFileMode;
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                directory.UnixFileMode = mode | UnixFileMode.OtherExecute;
                LocalPostgresLog.MadeTraversable(_logger, directory.FullName);
            }
        }
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        LocalPostgresLog.Initializing(_logger, DataDirectory, _tools.BinDirectory);
        string[] common = ["-D", DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8"];
        var result = await _tools.RunAsync("initdb", [.. common, "--locale=C.UTF-8"], check: false, ct).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return;
        }

        if (!(result.StandardError + result.StandardOutput).Contains("locale", StringComparison.OrdinalIgnoreCase))
        {
            throw ProcessRunner.Failure(result);
        }

        // initdb leaves the (pre-created) directory empty when it fails.
        LocalPostgresLog.LocaleFallback(_logger, result.StandardError);
        await _tools.RunAsync("initdb", [.. common, "--no-locale"], check: true, ct).ConfigureAwait(false);
    }

    private async Task StartServerAsync(int port, bool chooseFreePortIfTaken, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (port == 0 || (chooseFreePortIfTaken && !IsPortFree(port)))
            {
                port = GetFreePort();
            }

            LocalPostgresLog.Starting(_logger, DataDirectory, port, LogFile);
            var result = await _tools.RunAsync(
                "pg_ctl",
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", ServerOptions(port)],
                check: false,
                ct).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                Port = port;
                break;
            }

            // Somebody else started the same persistent cluster meanwhile: use theirs.
            if (_options.Persistent
                && await _tools.IsRunningAsync(DataDirectory, ct).ConfigureAwait(false)
                && ReadRunningPort() is { } runningPort)
            {
                Port = runningPort;
                break;
            }

            var logTail = ReadLogTail();
            if (chooseFreePortIfTaken && attempt < MaxStartAttempts
                && logTail.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                LocalPostgresLog.PortTaken(_logger, port);
                port = 0;
                continue;
            }

            throw ProcessRunner.Failure(result, $"{Environment.NewLine}Last lines of {LogFile}:{Environment.NewLine}{logTail}");
        }

        if (_options.Persistent)
        {
            await File.WriteAllTextAsync(
                Path.Combine(DataDirectory, PortFileName), Port.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The postgres command line options; pg_ctl passes them through /bin/sh, hence the quoting.</summary>
    private string ServerOptions(int port)
    {
        // A Unix socket path must fit in sockaddr_un (108 bytes); without room, listen on TCP only.
        var socketDirectory = DataDirectory.Length + "/.s.PGSQL.65535".Length < 100 ? DataDirectory : string.Empty;
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {port} -k {ShellQuote(socketDirectory)} -c listen_addresses={Host}");
        return _options.Persistent
            ? options
            : options + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    }

    private async Task WaitUntilAcceptingConnectionsAsync(CancellationToken ct)
    {
        var connectionString = BuildConnectionString("postgres", pooling: false);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection(connectionString);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                    return;
                }
            }
            catch (NpgsqlException ex) when (!ct.IsCancellationRequested)
            {
                if (stopwatch.Elapsed > _readyTimeout)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL in '{DataDirectory}' did not accept connections on {Host}:{Port} within {_readyTimeout.TotalSeconds:0} s; last lines of {LogFile}:{Environment.NewLine}{ReadLogTail()}",
                        ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(BuildConnectionString("postgres", pooling: false));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var exists = connection.CreateCommand();
            await using (exists.ConfigureAwait(false))
            {
                exists.CommandText = "SELECT 1 FROM pg_database WHERE datname = $1";
                exists.Parameters.Add(new NpgsqlParameter { Value = _options.Database });
                if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }

            LocalPostgresLog.CreatingDatabase(_logger, _options.Database);
            var create = connection.CreateCommand();
            await using (create.ConfigureAwait(false))
            {
                create.CommandText = "CREATE DATABASE " + QuoteIdentifier(_options.Database);
                try
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                    // Created concurrently by another process.
                }
            }
        }
    }

    private async Task StopCoreAsync(bool immediate, CancellationToken ct)
    {
        if (Port != 0)
        {
            var connection = new NpgsqlConnection(BuildConnectionString(_options.Database, pooling: true));
            await using (connection.ConfigureAwait(false))
            {
                NpgsqlConnection.ClearPool(connection);
            }
        }

        if (!Directory.Exists(DataDirectory) || !await _tools.IsRunningAsync(DataDirectory, ct).ConfigureAwait(false))
        {
            return;
        }

        LocalPostgresLog.Stopping(_logger, DataDirectory);
        await _tools.RunAsync(
            "pg_ctl",
            ["stop", "-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60"],
            check: true,
            ct).ConfigureAwait(false);
    }

    private string BuildConnectionString(string database, bool pooling)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = database,
            Username = SuperUser,
        };
        if (!pooling)
        {
            builder.Pooling = false;
        }

        return builder.ConnectionString;
    }

    /// <summary>The port from <c>postmaster.pid</c> (line 4) of a running server.</summary>
    private int? ReadRunningPort()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0
                ? port
                : ReadPortFile();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ReadPortFile();
        }
    }

    private int? ReadPortFile()
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(DataDirectory, PortFileName)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= IPEndPoint.MaxPort
                ? port
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string ReadLogTail()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = new Queue<string>();
            while (reader.ReadLine() is { } line)
            {
                lines.Enqueue(line);
                if (lines.Count > 20)
                {
                    lines.Dequeue();
                }
            }

            return string.Join(Environment.NewLine, lines);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(could not read the log: {ex.Message})";
        }
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int GetFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task DeleteDirectoryAsync(string directory, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // A just-stopped server may still be removing files.
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            }
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
