using IldRegistry.Api.Common.Settings;

namespace IldRegistry.Api.Common.Hardening;

/// <summary>
/// Headers every answer carries, errors included: no MIME sniffing, no framing, no referrer, and for the JSON API a
/// content security policy that allows nothing (Swagger UI keeps only the framing rule, as it runs scripts).
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Has<FramableAttribute>())
            {
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *";
                return Task.CompletedTask;
            }

            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
                ? "frame-ancestors 'none'"
                : "default-src 'none'; frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// CORS for the origins in <c>Cors:AllowedOrigins</c> only (none by default, so browsers on other sites get no
    /// access); the headers a client needs for caching, paging, creation and back-off are exposed.
    /// </summary>
    public static IServiceCollection AddRegistryCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.Settings<CorsSettings>().AllowedOrigins;
        return services.AddCors(options =>
        {
            // The reconciliation service is public and anonymous, and OpenRefine calls it from the browser page of
            // wherever it runs: any origin, never with credentials.
            options.AddPolicy(PublicReadsPolicy, policy => policy.AllowAnyOrigin().WithMethods(HttpMethods.Get, HttpMethods.Post).WithHeaders("Content-Type"));
            options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
            .WithHeaders("Authorization", "X-Api-Key", "Content-Type", "If-Match", "If-None-Match")
            .WithExposedHeaders("ETag", "Link", "Location", "Retry-After"));
        });
    }

    /// <summary>The CORS policy of anonymous services meant for other sites' pages (any origin, no credentials).</summary>
    public const string PublicReadsPolicy = "public-reads";

    public static IServiceCollection AddRegistryHsts(this IServiceCollection services) => services.AddHsts(options =>
    {
        options.MaxAge = TimeSpan.FromDays(365);
        options.IncludeSubDomains = true;
    });
}
