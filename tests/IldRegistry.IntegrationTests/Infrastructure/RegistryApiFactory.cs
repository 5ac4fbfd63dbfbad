using System.Net.Http.Headers;
using IldRegistry.Api.Common.Auth;
using IldRegistry.Data;
using IldRegistry.Domain.Auth;
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

    public const string EditorKey = "test-editor-key";
    public const string AdminKey = "test-admin-key";
    public const string RevokedKey = "test-revoked-key";

    /// <summary>Empties every table, loads the seed again and adds the test keys, so no test sees another's data.</summary>
    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }

        await using var scope = Services.CreateAsyncScope();
        // The article's data file, as a start loads it (the leadership history is loaded by the tests that ask about it).
        var loaded = await scope.ServiceProvider.GetRequiredService<IldRegistry.Api.Features.Import.SeedFileService>().LoadAsync(only: [IldArticleSeed.File]);
        if (loaded[IldArticleSeed.File].Errors is { } errors)
        {
            throw new InvalidOperationException("The seed file did not load: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.ApiKeys.AddRange(
            new ApiKey { Name = "test-editor", Role = ApiKeyRole.Editor, Hash = ApiKeys.Hash(EditorKey), CreatedAt = DateTimeOffset.UtcNow },
            new ApiKey { Name = "test-admin", Role = ApiKeyRole.Admin, Hash = ApiKeys.Hash(AdminKey), CreatedAt = DateTimeOffset.UtcNow },
            new ApiKey { Name = "test-revoked", Role = ApiKeyRole.Admin, Hash = ApiKeys.Hash(RevokedKey), CreatedAt = DateTimeOffset.UtcNow, RevokedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>A DbContext on the test database, for arranging and checking what HTTP cannot show.</summary>
    public AsyncServiceScope CreateScope(out RegistryDbContext db)
    {
        var scope = Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return scope;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Registry", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:Enabled", "true");
        builder.UseSetting("Diagnostics:QueryCountHeader", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>Every seed data file, as a start loads them (the reset loads only the article's): for tests about the leadership history.</summary>
    public async Task LoadSeedFilesAsync(CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<IldRegistry.Api.Features.Import.SeedFileService>().LoadAsync(ct: ct);
        Assert.All(results.Values, r => Assert.Null(r.Errors));
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

    /// <summary>Anonymous: reads only.</summary>
    protected HttpClient Anonymous { get; private set; } = null!;

    /// <summary>An Editor: the default client, since most tests write.</summary>
    protected HttpClient Client { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        await Factory.ResetAsync();
        Anonymous = Factory.CreateJsonClient();
        Client = Factory.CreateJsonClient(RegistryApiFactory.EditorKey);
        Admin = Factory.CreateJsonClient(RegistryApiFactory.AdminKey);
    }

    public virtual ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        Client.Dispose();
        Admin.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
