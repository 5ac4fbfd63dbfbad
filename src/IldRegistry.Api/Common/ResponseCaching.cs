using System.Globalization;
using IldRegistry.Api.Common.Settings;
using IldRegistry.Data.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace IldRegistry.Api.Common;

/// <summary>
/// Anonymous reads under <c>/api</c> are served from an in-memory output cache, which every successful write empties
/// (one tag for the whole registry: a write can change embedded data anywhere, and writes are rare next to reads).
/// Writes through other instances empty it too: entries are keyed by <see cref="RegistryChanges"/>' generation, which
/// their notifications move on, and the cache is bypassed while those could go unnoticed. Keying by generation also
/// keeps a read that raced a write (read before the commit, stored after it) from being found by any later request.
/// Entries also expire after <c>OutputCache:Seconds</c> (default 60), which bounds the org chart's default "today".
/// Off with <c>OutputCache:Enabled=false</c>.
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
                    && !c.HttpContext.Has<OwnValidatorsAttribute>()
                    && c.HttpContext.RequestServices.GetRequiredService<RegistryChanges>().IsCurrent)
                .VaryByValue(c => new KeyValuePair<string, string>(
                    "generation", c.RequestServices.GetRequiredService<RegistryChanges>().Generation.ToString(CultureInfo.InvariantCulture)))
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

        // What another instance changed is already out of reach (the generation moved); this frees the memory.
        var store = app.ApplicationServices.GetRequiredService<IOutputCacheStore>();
        app.ApplicationServices.GetRequiredService<RegistryChanges>().ChangedElsewhere +=
            () => _ = store.EvictByTagAsync(Tag, CancellationToken.None).AsTask();

        app.Use(async (context, next) =>
        {
            await next(context);
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
                && context.Response.StatusCode < 400 && !context.Has<ReadOnlyPostAttribute>())
            {
                await context.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, CancellationToken.None);
            }
        });
        return app.UseOutputCache();
    }
}
