using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace IldRegistry.Api.Common;

/// <summary>
/// Every GET under <c>/api</c> answers with an ETag and <c>Cache-Control: no-cache</c> (store, but revalidate), and
/// <c>If-None-Match</c> with the current ETag gets 304. The ETag is a hash of the body, prefixed for single records
/// with their row version. Streamed exports are left alone.
/// </summary>
internal static class ConditionalGet
{
    public static IApplicationBuilder UseConditionalGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api/v1/export", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var original = response.Body;
        await using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK)
        {
            response.Headers.CacheControl = "no-cache";
            // A record's ETag starts with its row version (what If-Match compares); the body hash after it also
            // changes when embedded data (a parent's name, a person's posts) does.
            buffer.Position = 0;
            var hash = await SHA256.HashDataAsync(buffer, context.RequestAborted);
            var digest = Convert.ToBase64String(hash, 0, 12).Replace('+', '-').Replace('/', '_');
            var version = response.Headers.ETag.ToString().Trim('"');
            response.Headers.ETag = version.Length > 0 ? $"\"{version}-{digest}\"" : $"\"{digest}\"";

            var etag = response.Headers.ETag.ToString();
            var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
            if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(etag, StringComparison.Ordinal)))
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
