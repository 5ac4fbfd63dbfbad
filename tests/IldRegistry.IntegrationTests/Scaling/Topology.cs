using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using IldRegistry.IntegrationTests.Reliability;

namespace IldRegistry.IntegrationTests.Scaling;

/// <summary>
/// The scaled-out topology of <c>deploy/local/topology.sh</c>, for real: PostgreSQL, two API processes and
/// HAProxy on loopback, in a directory of its own. Each test class gets its own, with its own settings.
/// </summary>
public abstract class Topology : IAsyncLifetime
{
    public const string AdminKey = "topology-admin-key";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ildregistry-topology-{Guid.NewGuid():N}");
    private readonly int[] _apiPorts = [ApiProcess.FreePort(), ApiProcess.FreePort()];
    private readonly int _proxyPort = ApiProcess.FreePort();
    private readonly int _postgresPort = ApiProcess.FreePort();

    public Uri Proxy => new($"http://127.0.0.1:{_proxyPort}");

    public Uri Api(int instance) => new($"http://127.0.0.1:{_apiPorts[instance - 1]}");

    public string PostgresConnectionString => $"Host=127.0.0.1;Port={_postgresPort};Database=ildregistry;Username=postgres";

    /// <summary>Settings for the script (<c>TOPOLOGY_*</c>) on top of the ports and directory.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async ValueTask InitializeAsync() => await RunAsync(TimeSpan.FromMinutes(4), "start");

    /// <summary>SIGKILL to instance <paramref name="instance"/>.</summary>
    public Task KillAsync(int instance) => RunAsync(TimeSpan.FromSeconds(30), "kill", instance.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        await RunAsync(TimeSpan.FromMinutes(1), "stop");
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The cluster's files belong to the postgres user when run as root; /tmp is cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A client of <paramref name="address"/>, connecting from <paramref name="localAddress"/> (any 127.x.y.z is loopback).</summary>
    public static HttpClient Client(Uri address, string? apiKey = null, string localAddress = "127.0.0.1")
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    private async Task RunAsync(TimeSpan timeout, params string[] arguments)
    {
        Directory.CreateDirectory(_directory);
        var log = Path.Combine(_directory, "script.log");

        // Output goes to a file: the processes the script leaves running must not hold a pipe of this process open.
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec bash \"$0\" \"$@\" >>\"$TOPOLOGY_DIR/script.log\" 2>&1");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "deploy", "local", "topology.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TOPOLOGY_DIR"] = _directory;
        start.Environment["TOPOLOGY_API_DLL"] = Path.Combine(AppContext.BaseDirectory, "IldRegistry.Api.dll");
        start.Environment["TOPOLOGY_API_PORTS"] = string.Join(' ', _apiPorts);
        start.Environment["TOPOLOGY_PROXY_PORT"] = _proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TOPOLOGY_PG_PORT"] = _postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TOPOLOGY_ADMIN_KEY"] = AdminKey;
        foreach (var (key, value) in Settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"topology.sh {string.Join(' ', arguments)} did not finish within {timeout}:{Environment.NewLine}{Logs()}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"topology.sh {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{Logs()}");
        }

        string Logs() => string.Join(
            Environment.NewLine,
            Directory.GetFiles(_directory, "*.log").Select(f => $"--- {Path.GetFileName(f)}{Environment.NewLine}{string.Join(Environment.NewLine, File.ReadLines(f).TakeLast(40))}"));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IldRegistry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (IldRegistry.sln) was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The topology tests run one at a time and after the others, so that timings mean something.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TopologyCollection
{
    public const string Name = "topology";
}
