namespace IldRegistry.Domain.Common;

public enum NameKind
{
    Abbreviation,
    Former,
    Alternative,
    Native,
    Romanized,
}

/// <summary>Another name a record is known by, with its language.</summary>
public sealed class OtherName
{
    public string Name { get; set; } = string.Empty;

    /// <summary>BCP 47 language tag (<c>en</c>, <c>zh-Hans</c>, <c>zh-Latn-pinyin</c>).</summary>
    public string Lang { get; set; } = "en";

    public NameKind Kind { get; set; }

    /// <summary>When the name came into use, as a <see cref="PartialDate"/> string.</summary>
    public string? Start { get; set; }

    /// <summary>When the name went out of use, as a <see cref="PartialDate"/> string.</summary>
    public string? End { get; set; }
}
