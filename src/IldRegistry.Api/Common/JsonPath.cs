using System.Text;

namespace IldRegistry.Api.Common;

/// <summary>Turns C# property paths (<c>Sources[1].Url</c>) and System.Text.Json paths (<c>$.sources[1].url</c>) into the keys clients see.</summary>
internal static class JsonPath
{
    public static string FromPropertyPath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(propertyPath.Length);
        var startOfSegment = true;
        foreach (var c in propertyPath)
        {
            builder.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c == '.';
        }

        return builder.ToString();
    }

    public static string FromJsonPath(string key) =>
        key.StartsWith("$.", StringComparison.Ordinal) ? FromPropertyPath(key[2..])
        : key == "$" ? string.Empty
        : FromPropertyPath(key);
}
