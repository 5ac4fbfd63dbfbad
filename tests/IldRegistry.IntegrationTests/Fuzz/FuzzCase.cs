using System.Text;

namespace IldRegistry.IntegrationTests.Fuzz;

internal enum Caller
{
    Anonymous,
    Editor,
    Admin,

    /// <summary>A key the API never issued (or a malformed Authorization header).</summary>
    BadKey,
}

/// <summary>One generated request. Everything needed to replay it is here; <see cref="Describe"/> prints it.</summary>
internal sealed record FuzzCase(
    int Number,
    string Operation,
    string Method,
    string Url,
    Caller Caller,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Mutation)
{
    public string Describe()
    {
        var text = new StringBuilder()
            .Append('#').Append(Number).Append(' ').Append(Method).Append(' ').Append(Shorten(Url, 300))
            .Append(" as ").Append(Caller).Append(" [").Append(Mutation).Append(']');
        foreach (var (name, value) in Headers)
        {
            text.Append(' ').Append(name).Append(": ").Append(Shorten(value, 80));
        }

        if (Body is not null)
        {
            text.Append(" Content-Type: ").Append(ContentType ?? "(none)")
                .Append(" body (").Append(Body.Length).Append(" bytes): ")
                .Append(Shorten(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 600)), 300));
        }

        return text.ToString();
    }

    /// <summary>Whether the request itself carries <paramref name="marker"/>, so an echo of it in an error is not a leak.</summary>
    public bool Carries(string marker) =>
        Uri.UnescapeDataString(Url).Contains(marker, StringComparison.OrdinalIgnoreCase)
        || Url.Contains(marker, StringComparison.OrdinalIgnoreCase)
        || (Body is not null && Encoding.UTF8.GetString(Body).Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string value, int max)
    {
        var printable = new StringBuilder();
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            printable.Append(char.IsControl(c) ? $"\\x{(int)c:X2}" : c);
        }

        return value.Length > max ? $"{printable}…(+{value.Length - max} chars)" : printable.ToString();
    }
}
