using System.Globalization;
using System.Threading.RateLimiting;
using IldRegistry.Api.Common.Settings;
using Microsoft.AspNetCore.RateLimiting;

namespace IldRegistry.Api.Common.Hardening;

/// <summary>
/// Limits answering 429 problem details with <c>Retry-After</c>: a fixed window per caller under <c>/api</c> (per API key
/// name when authenticated, per client address otherwise; <c>RateLimiting:Enabled=false</c> turns it off, e.g. for the
/// load benchmark), counted for every request; and concurrency caps on the work behind the output cache, which stay on:
/// one shared by the whole-registry operations (export, reconciliation), one for search. The caps run after the output
/// cache (<see cref="UseWorkLimits"/>), so an answer the cache holds never waits behind them.
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
        var expensive = new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.ExpensiveConcurrencyLimit,
            QueueLimit = settings.ExpensiveQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };

        // One search per core by default: beyond that they only share the cores, and the ones that lose out make the
        // tail (S=1000, 8 connections on 2 cores, a warm API: p99 60-87 ms uncapped, 15-18 ms capped at 2, at the same
        // or a higher rate; right after a start the harness measured a lower rate with it: bench/README.md). The others
        // wait here in order rather than in the kernel's run queue.
        var search = new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.SearchConcurrencyLimit > 0 ? settings.SearchConcurrencyLimit : Environment.ProcessorCount,
            QueueLimit = settings.SearchQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        // The other reads the output cache did not answer (by slug, lists, org charts, leaders as of), likewise one per
        // core by default: S=1000, cache off, 8 connections on 2 cores, two rounds each interleaved, p99 of the org
        // chart 18.6-27.6 ms capped against 32.6-37.9 uncapped, the mix 22.5-26.4 against 34.7-45.5, by slug 7.7-8.1
        // against 13.6-14.0, at about the same rate (bench/README.md).
        var reads = new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.ReadConcurrencyLimit > 0 ? settings.ReadConcurrencyLimit : Environment.ProcessorCount,
            QueueLimit = settings.ReadQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        services.AddSingleton(new WorkLimiter(PartitionedRateLimiter.Create<HttpContext, string>(context =>
            WorkOf(context) switch
            {
                Work.Search => RateLimitPartition.GetConcurrencyLimiter("search", _ => search),
                Work.Expensive => RateLimitPartition.GetConcurrencyLimiter("expensive", _ => expensive),
                _ => RateLimitPartition.GetConcurrencyLimiter("read", _ => reads),
            })));

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
            options.GlobalLimiter = enabled ? perCaller : null;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => RejectAsync(context.HttpContext, context.Lease);
        });
        return services;
    }

    /// <summary>
    /// The concurrency caps of the work the output cache did not answer: after <c>UseRegistryOutputCache</c>, so that
    /// a cached answer never waits for a slot. Writes, and requests outside <c>/api</c>, pass untouched.
    /// </summary>
    public static IApplicationBuilder UseWorkLimits(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<WorkLimiter>().Limiter;
        return app.Use(async (context, next) =>
        {
            var work = WorkOf(context);
            if (work == Work.None)
            {
                await next(context);
                return;
            }

            using var lease = await limiter.AcquireAsync(context, 1, context.RequestAborted);
            if (!lease.IsAcquired)
            {
                await RejectAsync(context, lease);
                return;
            }

            await next(context);
        });
    }

    private enum Work { None, Read, Search, Expensive }

    /// <summary>
    /// A read is a GET or HEAD under <c>/api</c> whose answer <see cref="ConditionalGet"/> holds back whole and sends
    /// after this middleware has returned: its slot covers the work, never the sending, so a client that reads slowly
    /// holds none. The change feed streams its answer (<see cref="OwnValidatorsAttribute"/>) and is left out.
    /// </summary>
    private static Work WorkOf(HttpContext context) =>
        context.Has<SearchWorkAttribute>() ? Work.Search
        : context.Has<ExpensiveAttribute>() ? Work.Expensive
        : (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
          && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
          && !context.Has<OwnValidatorsAttribute>() ? Work.Read
        : Work.None;

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease)
    {
        // A full window says when it reopens; a full concurrency queue frees up in about a second.
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
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

/// <summary>The partitioned concurrency limiter of <see cref="RateLimits.UseWorkLimits"/> (a singleton: its slots are the process's).</summary>
internal sealed record WorkLimiter(PartitionedRateLimiter<HttpContext> Limiter);
