using IldRegistry.Api.Common.Settings;
using Microsoft.AspNetCore.OutputCaching;

namespace IldRegistry.Api.Common;

/// <summary>
/// Anonymous reads under <c>/api</c> are served from an in-memory output cache, which every successful write empties
/// (one tag for the whole registry: a write can change embedded data anywhere, and writes are rare next to reads).
/// Entries also expire after <c>OutputCache:Seconds</c> (default 60), which bounds staleness for a read that raced a
/// write, and the org chart's default "today". Off with <c>OutputCache:Enabled=false</c> (the tests, which change the
/// database behind the API's back, turn it off). One process per database is assumed: with several API instances,
/// turn it off or move it to a shared store.
/// </summary>
internal static class ResponseCaching
{
    public const string Tag = "registry";

    public static IServiceCollection AddRegistryOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.Settings<OutputCacheSettings>();
        var seconds = settings.Seconds;
        services.AddOutputCache(options =>
        {
            options.SizeLimit = settings.SizeLimitBytes;
            options.AddBasePolicy(policy => policy
                .With(c => c.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    && !c.HttpContext.Request.Path.StartsWithSegments("/api/v1/export", StringComparison.OrdinalIgnoreCase))
                .Tag(Tag)
                .Expire(TimeSpan.FromSeconds(seconds)));
        });
        return services;
    }

    public static IApplicationBuilder UseRegistryOutputCache(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!configuration.Settings<OutputCacheSettings>().Enabled)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            await next(context);
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
                && context.Response.StatusCode < 400)
            {
                await context.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, CancellationToken.None);
            }
        });
        return app.UseOutputCache();
    }
}
