namespace IldRegistry.Api.Common;

/// <summary>
/// An operation that reads the whole registry (export, reconciliation): it shares the concurrency cap of
/// <c>RateLimiting:ExpensiveConcurrencyLimit</c>, whatever its route.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ExpensiveAttribute : Attribute;

/// <summary>
/// Search: short, CPU-bound work in PostgreSQL and the API, behind a cap of its own
/// (<c>RateLimiting:SearchConcurrencyLimit</c>); searches past it wait their turn, oldest first.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SearchWorkAttribute : Attribute;

/// <summary>
/// An operation that answers its own validators (ETag, Range, 304): the generic conditional GET and the output cache
/// leave it alone, so a large body is neither buffered nor kept in memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnValidatorsAttribute : Attribute;

/// <summary>
/// A POST that writes nothing (a query too large for a URL, as the reconciliation API sends): it leaves the output cache
/// alone, where a write empties it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ReadOnlyPostAttribute : Attribute;

/// <summary>
/// An HTML answer meant to be shown inside another site's page (the reconciliation preview, which OpenRefine frames):
/// it may be framed by any origin, and may carry inline styles; scripts stay forbidden.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class FramableAttribute : Attribute;

internal static class EndpointTraits
{
    /// <summary>Whether the endpoint the request was routed to carries <typeparamref name="T"/> (routing has run by then).</summary>
    public static bool Has<T>(this HttpContext context)
        where T : Attribute => context.GetEndpoint()?.Metadata.GetMetadata<T>() is not null;
}
