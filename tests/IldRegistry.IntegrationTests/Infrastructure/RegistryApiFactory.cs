using System.Net.Http.Headers;
using IldRegistry.Data;
using IldRegistry.Data.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace IldRegistry.IntegrationTests.Infrastructure;

/// <summary>The API over a real PostgreSQL, shared by every test in the run through <see cref="ApiCollection"/>.</summary>
public sealed class RegistryApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestPostgres? _postgres;
    private Respawner? _respawner;
    private string _connectionString = string.Empty;

    public string ConnectionString => _connectionString;

    public async ValueTask InitializeAsync()
    {
        _postgres = await TestPostgres.StartAsync(TestContext.Current.CancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { IncludeErrorDetail = true };
        _connectionString = builder.ConnectionString;

        // Building the host migrates and seeds the database.
        _ = Services;

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory"],
        });
    }

    /// <summary>Empties every table and loads the seed again, so no test sees another's data.</summary>
    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync();
    }

    /// <summary>A DbContext on the test database, for arranging and checking what HTTP cannot show.</summary>
    public AsyncServiceScope CreateScope(out RegistryDbContext db)
    {
        var scope = Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return scope;
    }

    public HttpClient CreateJsonClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Registry", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:Enabled", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<RegistryApiFactory>
{
    public const string Name = "api";
}

/// <summary>Base for HTTP tests: a fresh, seeded database before each test.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(RegistryApiFactory factory) : IAsyncLifetime
{
    protected RegistryApiFactory Factory { get; } = factory;

    protected HttpClient Client { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        await Factory.ResetAsync();
        Client = Factory.CreateJsonClient();
    }

    public virtual ValueTask DisposeAsync()
    {
        Client.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
