using System.Globalization;
using System.Security.Cryptography;

namespace IldRegistry.Api.Common;

/// <summary>
/// A record's ETag is <c>"&lt;xmin&gt;-&lt;hash of the body&gt;"</c>: the row's PostgreSQL <c>xmin</c>, which changes
/// exactly when the row does, and a hash of the representation, which changes when embedded data does.
/// </summary>
internal static class ETags
{
    private const string VerifiedVersionKey = "IldRegistry.IfMatch.VerifiedVersion";

    public static string From(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The strong ETag of a body: <paramref name="version"/> (when any) and a short URL-safe SHA-256.</summary>
    public static string Of(string version, ReadOnlySpan<byte> body) => OfDigest(version, SHA256.HashData(body));

    /// <summary>The same ETag from the body's SHA-256, computed by the caller (over a pooled buffer's blocks).</summary>
    public static string OfDigest(string version, byte[] bodySha256)
    {
        var digest = Convert.ToBase64String(bodySha256, 0, 12).Replace('+', '-').Replace('/', '_');
        return version.Length > 0 ? $"\"{version}-{digest}\"" : $"\"{digest}\"";
    }

    /// <summary>
    /// The row version that <see cref="Resources.WritePreconditions"/> found the request's <c>If-Match</c> to name; the
    /// service makes its UPDATE conditional on it, so a change landing after that check is a 412 too.
    /// </summary>
    public static uint? IfMatchVersion(HttpContext context) =>
        context.Items.TryGetValue(VerifiedVersionKey, out var version) ? (uint?)version : null;

    internal static void SetVerifiedVersion(HttpContext context, uint version) => context.Items[VerifiedVersionKey] = version;
}
