namespace IldRegistry.Api.Common;

/// <summary>Text filters (<c>q</c>) match literally: the user's % and _ are not wildcards.</summary>
public static class LikePattern
{
    /// <summary>An ILIKE pattern that finds <paramref name="text"/> anywhere.</summary>
    public static string Contains(string text) =>
        "%" + text.Trim()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
