using Microsoft.Net.Http.Headers;

namespace IldRegistry.Api.Common;

/// <summary>
/// ETags for every representation under <c>/api</c>: a hash of the body, prefixed for single records with their row
/// version (the part <c>If-Match</c> compares), so the ETag also changes when embedded data (a parent's name, a
/// person's posts) does. GETs answer with the <c>Cache-Control</c> of <see cref="Scaling.SharedCaching"/> and 304 when
/// <c>If-None-Match</c> holds the current ETag; a POST, PUT or restore answers the same ETag a GET would. Streamed
/// exports are left alone.
/// </summary>
internal static class ConditionalGet
{
    public static IApplicationBuilder UseConditionalGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (!(isRead || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
            || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.Has<OwnValidatorsAttribute>())
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var original = response.Body;
        await using var buffer = ResponseBuffers.Rent("conditional-get");
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        var version = response.Headers.ETag.ToString().Trim('"');
        var ok = response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status201Created;
        if (ok && (isRead || version.Length > 0))
        {
            response.Headers.ETag = ETags.OfDigest(version, ResponseBuffers.Sha256(buffer));
        }

        if (ok && isRead)
        {
            Scaling.SharedCaching.SetReadCaching(context);
            var etag = response.Headers.ETag.ToString();
            if (request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(etag, StringComparison.Ordinal)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        if (buffer.Length > 0)
        {
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    });
}
