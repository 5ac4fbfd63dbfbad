using IldRegistry.Data.Auditing;
using IldRegistry.Data.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IldRegistry.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the pooled <see cref="RegistryDbContext"/> on PostgreSQL.</summary>
    public static IServiceCollection AddRegistryData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditActor, SystemAuditActor>();
        services.AddSingleton<AuditingInterceptor>();
        services.AddSingleton<QueryCounter>();
        services.AddDbContextPool<RegistryDbContext>((sp, options) => options
            .UseNpgsql(connectionString(sp), npgsql => npgsql.EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>(), sp.GetRequiredService<QueryCounter>()));
        return services;
    }
}
