namespace IldRegistry.Domain.Common;

/// <summary>A link out to another registry (<c>wikidata: Q…</c>, <c>website: https://…</c>).</summary>
public sealed class Identifier
{
    public string Scheme { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
