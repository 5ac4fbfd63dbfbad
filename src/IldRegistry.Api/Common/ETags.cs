using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace IldRegistry.Api.Common;

/// <summary>ETags are the row's PostgreSQL <c>xmin</c>, so they change exactly when the row does.</summary>
internal static class ETags
{
    public static string From(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Sets the ETag and says whether the client's <c>If-None-Match</c> already has it (answer 304).</summary>
    public static bool SetAndCheckNotModified(HttpContext context, uint version)
    {
        var etag = From(version);
        context.Response.Headers.ETag = etag;
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(etag, StringComparison.Ordinal));
    }

    /// <summary>The version an <c>If-Match</c> header asks for; null when absent or <c>*</c>.</summary>
    public static uint? IfMatchVersion(HttpContext context, string field = "If-Match")
    {
        var ifMatch = context.Request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count == 0 || ifMatch.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        var tag = ifMatch[0].Tag.Value?.Trim('"');
        return uint.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new FieldValidationException(field, "If-Match must be an ETag this API returned, e.g. \"123\".");
    }
}
