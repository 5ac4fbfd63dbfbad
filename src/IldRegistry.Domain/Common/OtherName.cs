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

    /// <summary>No earlier than this: narrows an uncertain <see cref="Start"/>.</summary>
    public string? StartNotBefore { get; set; }

    /// <summary>No later than this: narrows an uncertain <see cref="Start"/>.</summary>
    public string? StartNotAfter { get; set; }

    /// <summary>When the name went out of use, as a <see cref="PartialDate"/> string.</summary>
    public string? End { get; set; }

    // Not named after the property, so that EF Core reads and writes through the property and stores the settled value.
    private EndStatus? _declared;

    /// <summary>
    /// Whether the name went out of use on <see cref="End"/>, is not known to have, or is still in use. A name sent
    /// without it reads as Known with an end date; else a former name as Unknown (when it fell out of use is not
    /// known), any other as Ongoing (in use), which is what a name without an end meant before end statuses.
    /// </summary>
    public EndStatus? EndStatus
    {
        get => _declared ?? (End is not null ? Common.EndStatus.Known : Kind == NameKind.Former ? Common.EndStatus.Unknown : Common.EndStatus.Ongoing);
        set => _declared = value;
    }

    public string? EndNotBefore { get; set; }

    public string? EndNotAfter { get; set; }

    private StartStatus? _declaredStart;

    /// <summary><c>Known</c> when <see cref="Start"/> holds a date, else <c>Unknown</c>; one sent must agree with it.</summary>
    public StartStatus? StartStatus
    {
        get => _declaredStart ?? (Start is null ? Common.StartStatus.Unknown : Common.StartStatus.Known);
        set => _declaredStart = value;
    }

    public DateSpan Use() => new(
        Date(Start), Date(StartNotBefore), Date(StartNotAfter),
        Date(End), EndStatus ?? Common.EndStatus.Ongoing, Date(EndNotBefore), Date(EndNotAfter));

    private static PartialDate? Date(string? text) => PartialDate.TryParse(text, out var date) ? date : null;
}
