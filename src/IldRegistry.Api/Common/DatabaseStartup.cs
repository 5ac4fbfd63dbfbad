using IldRegistry.Data;
using IldRegistry.Data.LocalPostgres;
using IldRegistry.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common;

/// <summary>Finds or starts the database before the host is built, then migrates and seeds it.</summary>
internal static class DatabaseStartup
{
    public const string ConnectionStringName = "Registry";

    /// <summary>
    /// <c>ConnectionStrings:Registry</c> when given; in Development without one, a persistent local cluster under
    /// <c>.data/postgres</c> started with the machine's PostgreSQL binaries. Throws
    /// <see cref="PostgresNotFoundException"/> when neither is possible.
    /// </summary>
    public static async Task<string> ResolveConnectionStringAsync(WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new PostgresNotFoundException(
                $"No database configured: set ConnectionStrings__{ConnectionStringName} (the local cluster is only started in Development).");
        }

        var dataDirectory = Path.Combine(FindRepositoryRoot(builder.Environment.ContentRootPath), ".data", "postgres");
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions
            {
                DataDirectory = dataDirectory,
                Persistent = true,
                Port = builder.Configuration.GetValue("Database:LocalClusterPort", 5433),
            },
            ct: cancellationToken);
        Console.WriteLine($"Using the local PostgreSQL cluster in {cluster.DataDirectory} on port {cluster.Port}{(cluster.Reused ? " (reused)" : string.Empty)}.");
        return cluster.ConnectionString;
    }

    /// <summary>Applies migrations when <c>Database:MigrateOnStartup</c> and loads the seed when <c>Seed:Enabled</c>.</summary>
    public static async Task InitializeAsync(WebApplication app, bool seed = true, CancellationToken cancellationToken = default)
    {
        var migrate = app.Configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment());
        seed = seed && app.Configuration.GetValue("Seed:Enabled", true);
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
            await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<Features.Import.SeedFileService>().LoadAsync(cancellationToken);
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
}
