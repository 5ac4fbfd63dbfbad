using IldRegistry.Data.Auditing;
using IldRegistry.Data.Caching;
using IldRegistry.Data.Diagnostics;
using IldRegistry.Data.Replication;
using IldRegistry.Data.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IldRegistry.Data;

/// <summary>How hard the data layer tries before it gives up on the database (the API's <c>Database:</c> settings).</summary>
public sealed record RegistryDataOptions
{
    /// <summary>
    /// Retries of a command that failed transiently (broken connection, server restarting). Few and short on
    /// purpose: a database that is down must turn into a quick 503, not a request that hangs for a minute.
    /// </summary>
    public required int MaxRetryCount { get; init; }

    /// <summary>The longest pause between two retries.</summary>
    public required TimeSpan MaxRetryDelay { get; init; }
}

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// SQLSTATEs retried on top of Npgsql's own transient set: a backend terminated by an administrator or a
    /// server shutdown (57P01, 57P02) is gone for good, but a new connection on retry works once the server is back.
    /// </summary>
    private static readonly string[] _retriedSqlStates = ["57P01", "57P02", "57P03"];

    /// <summary>Registers the pooled <see cref="RegistryDbContext"/> on PostgreSQL.</summary>
    public static IServiceCollection AddRegistryData(
        this IServiceCollection services, Func<IServiceProvider, string> connectionString, RegistryDataOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditActor, SystemAuditActor>();
        services.AddSingleton<AuditingInterceptor>();
        services.AddSingleton<QueryCounter>();
        services.AddSingleton<RegistryChanges>();
        services.AddDbContextPool<RegistryDbContext>((sp, builder) => builder
            .UseNpgsql(connectionString(sp), npgsql => npgsql.ExecutionStrategy(
                dependencies => new RegistryExecutionStrategy(dependencies, options.MaxRetryCount, options.MaxRetryDelay, _retriedSqlStates)))
            .UseSnakeCaseNamingConvention()
            // A refused write (a unique or foreign key violation lost in a race) is an answer, not an error: EF would log
            // it at Error with its stack. The API logs what it cannot answer at Error itself (ProblemDetailsExceptionHandler).
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Information), (RelationalEventId.CommandError, LogLevel.Information)))
            .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>(), sp.GetRequiredService<QueryCounter>(), sp.GetRequiredService<RegistryChanges>())
            .AddInterceptors(sp.GetServices<StandbyRouting>())
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        return services;
    }
}
