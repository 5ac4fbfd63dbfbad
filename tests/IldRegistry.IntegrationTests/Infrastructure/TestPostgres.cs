using IldRegistry.LocalPostgres;
using Testcontainers.PostgreSql;

namespace IldRegistry.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the test run: <c>ILDREGISTRY_TEST_CONNECTION</c> if set; else a Testcontainers
/// container where a Docker engine answers; else a throwaway cluster from the local binaries.
/// </summary>
internal sealed class TestPostgres : IAsyncDisposable
{
    public const string ConnectionVariable = "ILDREGISTRY_TEST_CONNECTION";

    private readonly IAsyncDisposable? _owned;

    private TestPostgres(string connectionString, string kind, IAsyncDisposable? owned)
    {
        ConnectionString = connectionString;
        Kind = kind;
        _owned = owned;
    }

    public string ConnectionString { get; }

    /// <summary>Which of the three ways provided the server, for the test log.</summary>
    public string Kind { get; }

    public static async Task<TestPostgres> StartAsync(CancellationToken ct)
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new TestPostgres(given, "environment", null);
        }

        if (DockerMayAnswer())
        {
            var container = new PostgreSqlBuilder("postgres:15").Build();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromMinutes(3));
                await container.StartAsync(timeout.Token);
                return new TestPostgres(container.GetConnectionString(), "testcontainers", container);
            }
#pragma warning disable CA1031 // Any failure to reach Docker means: fall back to the local binaries.
            catch (Exception)
#pragma warning restore CA1031
            {
                await container.DisposeAsync();
            }
        }

        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions
            {
                DataDirectory = Path.Combine(Path.GetTempPath(), $"ildregistry-tests-{Guid.NewGuid():N}"),
                Persistent = false,
                Database = "ildregistry_tests",
            },
            ct: ct);
        return new TestPostgres(cluster.ConnectionString, "local cluster", cluster);
    }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static bool DockerMayAnswer()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        return File.Exists("/var/run/docker.sock");
    }
}
