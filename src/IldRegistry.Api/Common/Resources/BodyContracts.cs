using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// When a body (a department, a unit, an institution) existed, as a response shows it: the form of every dated field
/// (<c>docs</c>: README, "What is known about when").
/// </summary>
public abstract record BodyResponse
{
    /// <summary>When it was established (partial date); null when unknown (see <c>establishedStatus</c>), never "always".</summary>
    /// <example>1951</example>
    public PartialDate? Established { get; init; }

    /// <summary><c>Known</c> when <c>established</c> holds a date, else <c>Unknown</c>: then it is known to exist only from its earliest attestation on.</summary>
    public StartStatus EstablishedStatus => Established is null ? StartStatus.Unknown : StartStatus.Known;

    /// <summary>An uncertain establishment lies no earlier than this (within <c>established</c>).</summary>
    /// <example>1951-01</example>
    public PartialDate? EstablishedNotBefore { get; init; }

    /// <summary>An uncertain establishment lies no later than this (within <c>established</c>).</summary>
    /// <example>1951-06-30</example>
    public PartialDate? EstablishedNotAfter { get; init; }

    /// <summary>When it was dissolved (partial date); null unless <c>dissolvedStatus</c> is <c>Known</c>.</summary>
    /// <example>1991-08</example>
    public PartialDate? Dissolved { get; init; }

    /// <summary>
    /// <c>Known</c>: dissolved on <c>dissolved</c>; <c>Ongoing</c>: still exists as of the latest source;
    /// <c>Unknown</c>: not known whether or when it was dissolved (known to exist only up to its latest attestation).
    /// </summary>
    public required EndStatus DissolvedStatus { get; init; }

    /// <summary>An uncertain dissolution lies no earlier than this (within <c>dissolved</c>).</summary>
    /// <example>1991-08-24</example>
    public PartialDate? DissolvedNotBefore { get; init; }

    /// <summary>An uncertain dissolution lies no later than this (within <c>dissolved</c>).</summary>
    /// <example>1991-08-31</example>
    public PartialDate? DissolvedNotAfter { get; init; }
}

/// <summary>When a body existed, as a client sends it.</summary>
public abstract record BodyRequest
{
    /// <summary>When it was established; omit when unknown (an unknown establishment is not "always").</summary>
    /// <example>1951</example>
    public PartialDate? Established { get; init; }

    /// <summary>Optional, as a read shows it: <c>Known</c> with <c>established</c>, <c>Unknown</c> without; one that disagrees is a 400.</summary>
    public StartStatus? EstablishedStatus { get; init; }

    /// <summary>With <c>established</c> only: it lies no earlier than this, a date within <c>established</c>.</summary>
    /// <example>1951-01</example>
    public PartialDate? EstablishedNotBefore { get; init; }

    /// <summary>With <c>established</c> only: it lies no later than this, a date within <c>established</c> and not before <c>establishedNotBefore</c>.</summary>
    /// <example>1951-06-30</example>
    public PartialDate? EstablishedNotAfter { get; init; }

    /// <summary>When it was dissolved, with <c>dissolvedStatus</c> <c>Known</c> (or omitted). Must not lie before <c>established</c>.</summary>
    /// <example>1991-08</example>
    public PartialDate? Dissolved { get; init; }

    /// <summary>
    /// <c>Known</c> (requires <c>dissolved</c>), <c>Ongoing</c> (still exists as of the latest source) or
    /// <c>Unknown</c> (neither with <c>dissolved</c>). Omitted: <c>Known</c> when <c>dissolved</c> is given, else
    /// <c>Ongoing</c>, which is what a body without a dissolution meant before statuses.
    /// </summary>
    public EndStatus? DissolvedStatus { get; init; }

    /// <summary>With <c>dissolved</c> only: it lies no earlier than this, a date within <c>dissolved</c>.</summary>
    /// <example>1991-08-24</example>
    public PartialDate? DissolvedNotBefore { get; init; }

    /// <summary>With <c>dissolved</c> only: it lies no later than this, a date within <c>dissolved</c> and not before <c>dissolvedNotBefore</c>.</summary>
    /// <example>1991-08-31</example>
    public PartialDate? DissolvedNotAfter { get; init; }

    internal SentDates Existence() =>
        new(EstablishedStatus, Established, EstablishedNotBefore, EstablishedNotAfter, Dissolved, DissolvedStatus, DissolvedNotBefore, DissolvedNotAfter);

    /// <summary>What create, replace and import write.</summary>
    internal void ApplyExistence(Body body)
    {
        body.Established = Established;
        body.EstablishedNotBefore = EstablishedNotBefore;
        body.EstablishedNotAfter = EstablishedNotAfter;
        body.Dissolved = Dissolved;
        body.DissolvedStatus = DissolvedStatus ?? (Dissolved is null ? EndStatus.Ongoing : EndStatus.Known);
        body.DissolvedNotBefore = DissolvedNotBefore;
        body.DissolvedNotAfter = DissolvedNotAfter;
    }
}
