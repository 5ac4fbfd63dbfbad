namespace IldRegistry.Domain.Common;

/// <summary>
/// A record that exists for a time: a department, a unit, an institution. Its establishment and dissolution take the
/// form of every dated field (<see cref="DateSpan"/>): a date or unknown, bounds, and for the end a status.
/// </summary>
public abstract class Body : Entity
{
    /// <summary>Null when unknown (then it exists from its earliest attestation on, not "since forever").</summary>
    public PartialDate? Established { get; set; }

    /// <summary>No earlier than this: narrows an uncertain <see cref="Established"/>.</summary>
    public PartialDate? EstablishedNotBefore { get; set; }

    /// <summary>No later than this: narrows an uncertain <see cref="Established"/>.</summary>
    public PartialDate? EstablishedNotAfter { get; set; }

    /// <summary>Set only when <see cref="DissolvedStatus"/> is <see cref="EndStatus.Known"/>.</summary>
    public PartialDate? Dissolved { get; set; }

    /// <summary>Whether it was dissolved on <see cref="Dissolved"/>, is not known whether or when it was, or still exists.</summary>
    public EndStatus DissolvedStatus { get; set; } = EndStatus.Ongoing;

    public PartialDate? DissolvedNotBefore { get; set; }

    public PartialDate? DissolvedNotAfter { get; set; }

    public DateSpan Existence() => new(Established, EstablishedNotBefore, EstablishedNotAfter, Dissolved, DissolvedStatus, DissolvedNotBefore, DissolvedNotAfter);
}
