using System.Globalization;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common.Scaling;

/// <summary>
/// How long a shared cache (a CDN, a caching proxy) may keep an anonymous read (section <c>HttpCache</c>). After a
/// write, such a cache answers with the old version for at most <see cref="MaxAgeSeconds"/> +
/// <see cref="StaleWhileRevalidateSeconds"/> while the API answers, and for at most <see cref="MaxAgeSeconds"/> +
/// <see cref="StaleIfErrorSeconds"/> only while the API fails (5xx) or cannot be reached.
/// </summary>
public sealed class SharedCacheOptions : Settings.IRegistrySettings, System.ComponentModel.DataAnnotations.IValidatableObject
{
    public static string Section => "HttpCache";

    /// <summary>Fresh for this long: served without asking the API. 0: <c>no-cache</c>, every use revalidates (ETag, 304).</summary>
    public int MaxAgeSeconds { get; set; } = 5;

    /// <summary>Then served stale for up to this long while the cache revalidates in the background.</summary>
    public int StaleWhileRevalidateSeconds { get; set; } = 5;

    /// <summary>Served stale for up to this long when the API answers 5xx or not at all: availability over freshness during an outage.</summary>
    public int StaleIfErrorSeconds { get; set; } = 60;

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (!IsValid())
        {
            yield return new System.ComponentModel.DataAnnotations.ValidationResult("HttpCache: MaxAgeSeconds, StaleWhileRevalidateSeconds and StaleIfErrorSeconds are 0-86400.");
        }
    }

    internal bool IsValid() =>
        MaxAgeSeconds is >= 0 and <= 86_400 && StaleWhileRevalidateSeconds is >= 0 and <= 86_400 && StaleIfErrorSeconds is >= 0 and <= 86_400;

    /// <summary>The <c>Cache-Control</c> of an anonymous read.</summary>
    internal string AnonymousCacheControl() => MaxAgeSeconds == 0
        ? "public, no-cache"
        : string.Create(CultureInfo.InvariantCulture, $"public, max-age={MaxAgeSeconds}, stale-while-revalidate={StaleWhileRevalidateSeconds}, stale-if-error={StaleIfErrorSeconds}");
}

internal static class SharedCaching
{
    public static IServiceCollection AddRegistrySharedCaching(this IServiceCollection services)
    {
        return services;
    }

    /// <summary>
    /// Sets <c>Cache-Control</c> and <c>Vary</c> on a successful read (and its 304). Anonymous reads may be shared for
    /// the configured lifetime; a read with an API key is <c>private, no-cache</c>, since what a key may see is
    /// the holder's business. Answers vary by the key headers: a shared cache must not hand a keyed caller's answer
    /// to another, nor an anonymous one to a keyed caller whose read should bypass caches.
    /// </summary>
    public static void SetReadCaching(HttpContext context)
    {
        var headers = context.Response.Headers;
        var keyed = context.Request.Headers.Authorization.Count > 0 || context.Request.Headers.ContainsKey("X-Api-Key");
        headers.CacheControl = keyed
            ? "private, no-cache"
            : context.RequestServices.GetRequiredService<IOptions<SharedCacheOptions>>().Value.AnonymousCacheControl();
        headers.Append("Vary", "Authorization, X-Api-Key");
    }
}
