using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace IldRegistry.Api.Common;

/// <summary>A record's ETag starts with the row's PostgreSQL <c>xmin</c>, which changes exactly when the row does.</summary>
internal static class ETags
{
    public static string From(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an <c>If-Match</c> header asks for; null when absent or <c>*</c>.</summary>
    public static uint? IfMatchVersion(HttpContext context, string field = "If-Match")
    {
        var ifMatch = context.Request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count == 0 || ifMatch.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        // A GET's ETag is "<version>-<body hash>"; writes compare the version only.
        var tag = ifMatch[0].Tag.Value?.Trim('"').Split('-')[0];
        return uint.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new FieldValidationException(field, "If-Match must be an ETag this API returned, e.g. \"123\".");
    }
}
