namespace IldRegistry.Api.Common;

/// <summary>
/// An operation that reads the whole registry (search, export): it shares the concurrency cap of
/// <c>RateLimiting:ExpensiveConcurrencyLimit</c>, whatever its route.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ExpensiveAttribute : Attribute;

/// <summary>
/// An operation that answers its own validators (ETag, Range, 304): the generic conditional GET and the output cache
/// leave it alone, so a large body is neither buffered nor kept in memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnValidatorsAttribute : Attribute;

internal static class EndpointTraits
{
    /// <summary>Whether the endpoint the request was routed to carries <typeparamref name="T"/> (routing has run by then).</summary>
    public static bool Has<T>(this HttpContext context)
        where T : Attribute => context.GetEndpoint()?.Metadata.GetMetadata<T>() is not null;
}
