using System.Globalization;
using System.Threading.RateLimiting;
using IldRegistry.Api.Common.Settings;
using Microsoft.AspNetCore.RateLimiting;

namespace IldRegistry.Api.Common.Hardening;

/// <summary>
/// Two limiters in a chain, both answering 429 problem details with <c>Retry-After</c>:
/// a fixed window per caller under <c>/api</c> (per API key name when authenticated, per client address otherwise;
/// <c>RateLimiting:Enabled=false</c> turns it off, e.g. for the load benchmark), and a concurrency cap shared by
/// the expensive whole-registry operations (search, export), which stays on.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddRegistryRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.Settings<RateLimitingSettings>();
        var enabled = settings.Enabled;
        var anonymousLimit = settings.AnonymousPermitLimit;
        var keyLimit = settings.KeyPermitLimit;
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        var expensiveLimit = settings.ExpensiveConcurrencyLimit;
        var expensiveQueue = settings.ExpensiveQueueLimit;

        var expensive = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Has<ExpensiveAttribute>()
                ? RateLimitPartition.GetConcurrencyLimiter("expensive", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = expensiveLimit,
                    QueueLimit = expensiveQueue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));

        var perCaller = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            // Health probes, Swagger and the redirect are not the API: an orchestrator must always reach them.
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var (key, limit) = context.User.Identity is { IsAuthenticated: true, Name: { } name }
                ? ("key:" + name, keyLimit)
                : ("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), anonymousLimit);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = enabled ? PartitionedRateLimiter.CreateChained(perCaller, expensive) : expensive;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        // A full window says when it reopens; a full concurrency queue frees up in about a second.
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = string.Create(CultureInfo.InvariantCulture, $"Request limit reached. Try again in {seconds} s."),
            },
        });
    }
}
