using IldRegistry.LocalPostgres;
using Npgsql;

namespace IldRegistry.IntegrationTests.Provisioning;

public sealed class LocalPostgresClusterTests
{
    [Fact]
    public async Task StartAsyncWithoutBinariesThrowsPostgresNotFoundExceptionSayingWhatToDo()
    {
        var emptyBin = Directory.CreateTempSubdirectory("ildregistry-pg-nobin-").FullName;
        try
        {
            var dataDirectory = Path.Combine(emptyBin, "data");
            var options = new LocalPostgresOptions { DataDirectory = dataDirectory, BinDirectory = emptyBin };

            var ex = await Assert.ThrowsAsync<PostgresNotFoundException>(
                () => LocalPostgresCluster.StartAsync(options, ct: TestContext.Current.CancellationToken));

            Assert.Contains("apt-get install postgresql", ex.Message, StringComparison.Ordinal);
            Assert.Contains("ConnectionStrings__Registry", ex.Message, StringComparison.Ordinal);
            Assert.Contains("PG_BIN", ex.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(dataDirectory));
        }
        finally
        {
            Directory.Delete(emptyBin, recursive: true);
        }
    }

    [Fact]
    public void PostgresNotFoundExceptionForAFailedSearchNamesTheInstallCommandAndTheSettings()
    {
        var message = PostgresNotFoundException.ForSearch(null).Message;

        Assert.Contains("apt-get install postgresql", message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Registry", message, StringComparison.Ordinal);
        Assert.Contains("PG_BIN", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersistentClusterIsReusedWithItsDataWhetherRunningOrStopped()
    {
        SkipWithoutBinaries();
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("ildregistry-pg-persistent-").FullName;
        var options = new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(root, "postgres"),
            Persistent = true,
            Database = "reuse_test",
        };
        LocalPostgresCluster? cluster = null;
        try
        {
            cluster = await LocalPostgresCluster.StartAsync(options, ct: ct);
            Assert.False(cluster.Reused);
            Assert.True(File.Exists(Path.Combine(options.DataDirectory, "PG_VERSION")));
            var port = cluster.Port;
            Assert.Contains("Database=reuse_test", cluster.ConnectionString, StringComparison.Ordinal);
            await ExecuteAsync(cluster.ConnectionString, "CREATE TABLE note (text text NOT NULL); INSERT INTO note VALUES ('kept');", ct);
            await cluster.DisposeAsync();

            // Still running: reused as it is.
            cluster = await LocalPostgresCluster.StartAsync(options, ct: ct);
            Assert.True(cluster.Reused);
            Assert.Equal(port, cluster.Port);
            Assert.Equal("kept", await ScalarAsync(cluster.ConnectionString, "SELECT text FROM note", ct));

            // Stopped: started again on the remembered port.
            await cluster.StopAsync(ct);
            await cluster.DisposeAsync();
            cluster = await LocalPostgresCluster.StartAsync(options, ct: ct);
            Assert.True(cluster.Reused);
            Assert.Equal(port, cluster.Port);
            Assert.Equal("kept", await ScalarAsync(cluster.ConnectionString, "SELECT text FROM note", ct));
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DeleteAsync(CancellationToken.None);
            }

            Directory.Delete(root, recursive: true);
        }

        Assert.False(Directory.Exists(options.DataDirectory));
    }

    [Fact]
    public async Task AThrowawayClusterIsStoppedAndDeletedOnDispose()
    {
        SkipWithoutBinaries();
        var ct = TestContext.Current.CancellationToken;
        var options = LocalPostgresOptions.Throwaway();

        var cluster = await LocalPostgresCluster.StartAsync(options, ct: ct);
        string connectionString;
        await using (cluster)
        {
            Assert.False(cluster.Reused);
            Assert.True(Directory.Exists(cluster.DataDirectory));
            connectionString = cluster.ConnectionString;
            Assert.Equal("ildregistry", await ScalarAsync(connectionString, "SELECT current_database()", ct));
            Assert.Equal("off", await ScalarAsync(connectionString, "SHOW fsync", ct));
        }

        Assert.False(Directory.Exists(cluster.DataDirectory));
        Assert.False(File.Exists(cluster.LogFile));
        await Assert.ThrowsAnyAsync<NpgsqlException>(
            () => ScalarAsync(connectionString + ";Pooling=false;Timeout=3", "SELECT 1", ct));
    }

    private static void SkipWithoutBinaries() =>
        Assert.SkipWhen(PostgresBinaries.Find() is null, "No PostgreSQL server binaries on this machine.");

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(ct))?.ToString();
    }
}
