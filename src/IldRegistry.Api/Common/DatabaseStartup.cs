using IldRegistry.Api.Common.Settings;
using IldRegistry.Data;
using IldRegistry.Data.Seed;
#if LOCAL_POSTGRES
using IldRegistry.LocalPostgres;
#endif
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common;

/// <summary>Finds or starts the database before the host is built, then migrates and seeds it.</summary>
internal static class DatabaseStartup
{
    public const string ConnectionStringName = "Registry";

    /// <summary>
    /// <c>ConnectionStrings:Registry</c> when given; in Development without one (and in a Debug build, the only one
    /// that has the tooling), a persistent local cluster under <c>.data/postgres</c> started with the machine's
    /// PostgreSQL binaries. Throws <see cref="DatabaseNotConfiguredException"/> when neither is possible.
    /// </summary>
    public static Task<string> ResolveConnectionStringAsync(WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Task.FromResult(configured);
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new DatabaseNotConfiguredException(
                $"No database configured: set ConnectionStrings__{ConnectionStringName} (the local cluster is only started in Development).");
        }

#if LOCAL_POSTGRES
        return StartLocalClusterAsync(builder, cancellationToken);
#else
        throw new DatabaseNotConfiguredException(
            $"No database configured: set ConnectionStrings__{ConnectionStringName} (a Release build has no local cluster; `dotnet run` builds Debug, which has).");
#endif
    }

#if LOCAL_POSTGRES
    private static async Task<string> StartLocalClusterAsync(WebApplicationBuilder builder, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(FindRepositoryRoot(builder.Environment.ContentRootPath), ".data", "postgres");
        try
        {
            var cluster = await LocalPostgresCluster.StartAsync(
                new LocalPostgresOptions
                {
                    DataDirectory = dataDirectory,
                    Persistent = true,
                    Port = builder.Configuration.Settings<DatabaseSettings>().LocalClusterPort,
                },
                ct: cancellationToken);
            Console.WriteLine($"Using the local PostgreSQL cluster in {cluster.DataDirectory} on port {cluster.Port}{(cluster.Reused ? " (reused)" : string.Empty)}.");
            return cluster.ConnectionString;
        }
        catch (PostgresNotFoundException e)
        {
            throw new DatabaseNotConfiguredException(e.Message, e);
        }
    }

    // `dotnet run --project src/IldRegistry.Api` may run from anywhere: keep the cluster beside the solution.
    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IldRegistry.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
#endif

    /// <summary>Applies migrations when <c>Database:MigrateOnStartup</c> and loads the seed when <c>Seed:Enabled</c>.</summary>
    public static async Task InitializeAsync(WebApplication app, bool seed = true, CancellationToken cancellationToken = default)
    {
        var migrate = app.Services.GetRequiredService<IOptions<DatabaseSettings>>().Value.MigrateOnStartup ?? app.Environment.IsDevelopment();
        seed = seed && app.Services.GetRequiredService<IOptions<SeedSettings>>().Value.Enabled;
        if (!migrate && !seed)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (seed)
        {
            await scope.ServiceProvider.GetRequiredService<Features.Import.SeedFileService>().LoadAsync(ct: cancellationToken);
        }
    }
}
