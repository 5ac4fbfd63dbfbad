namespace IldRegistry.Domain.Common;

/// <summary>Why a record may hold on a date without being known to.</summary>
public enum PossibleReason
{
    /// <summary>Its start is unknown and the date lies before its earliest attestation.</summary>
    StartUnknown,

    /// <summary>The date lies within the bounds of its uncertain start.</summary>
    StartUncertain,

    /// <summary>Its end is unknown and the date lies after its latest attestation.</summary>
    EndUnknown,

    /// <summary>The date lies within the bounds of its uncertain end.</summary>
    EndUncertain,

    /// <summary>Its start is unknown and no source attests a date on which it held.</summary>
    NotAttested,

    /// <summary>A post only one person holds at a time, and two holders' dates both reach this date: which one held it is not known.</summary>
    SoleHolderUndecided,

    /// <summary>The date is after today: what its sources say held up to now is not known to hold then.</summary>
    AfterToday,
}

/// <summary>Whether a record holds on a date: known to, may (and why not known), or not.</summary>
public readonly record struct Holding(bool Known, PossibleReason? Reason)
{
    public static Holding No => default;

    public bool Possible => !Known && Reason is not null;

    public bool Any => Known || Reason is not null;
}

/// <summary>
/// The dates of one dated thing as its record holds them: a post's start and end, a body's establishment and
/// dissolution, a name's use, a life. Every dated field of the registry takes this one form, so one rule
/// (<see cref="Tenure"/>) answers "as of" for all of them.
/// </summary>
public readonly record struct DateSpan(
    PartialDate? Start,
    PartialDate? StartNotBefore,
    PartialDate? StartNotAfter,
    PartialDate? End,
    EndStatus EndStatus,
    PartialDate? EndNotBefore,
    PartialDate? EndNotAfter);

/// <summary>
/// The days on which a dated record (a post, a name, a body's existence) is known to hold and those on which it may,
/// from its start, end and their bounds, and the dates its sources attest. A known date counts as its whole interval
/// (a post ending <c>2022-04</c> holds through 30 April); its bounds narrow what is known and widen what is possible to
/// "no earlier than" .. "no later than". An unknown start is known only from the earliest attestation, an unknown end
/// only up to the latest; an ongoing end holds on.
/// </summary>
public sealed class Tenure
{
    private Tenure(DateOnly possibleFrom, DateOnly knownFrom, DateOnly knownTo, DateOnly possibleTo, bool startKnown, EndStatus end)
    {
        PossibleFrom = possibleFrom;
        KnownFrom = knownFrom;
        KnownTo = knownTo;
        PossibleTo = possibleTo;
        StartKnown = startKnown;
        End = end;
    }

    public DateOnly PossibleFrom { get; }

    /// <summary>False when the start is unknown and no source attests a day: then the record is known to hold on none.</summary>
    public bool Attested { get; private init; }

    /// <summary>After <see cref="KnownTo"/> when the record is known to hold on no day at all.</summary>
    public DateOnly KnownFrom { get; }

    public DateOnly KnownTo { get; }

    public DateOnly PossibleTo { get; }

    public bool StartKnown { get; }

    public EndStatus End { get; }

    public static Tenure Of(DateSpan span, IEnumerable<Source> sources) =>
        Of(span.Start, span.StartNotBefore, span.StartNotAfter, span.End, span.EndStatus, span.EndNotBefore, span.EndNotAfter, sources);

    public static Tenure Of(
        PartialDate? start, PartialDate? startNotBefore, PartialDate? startNotAfter,
        PartialDate? end, EndStatus endStatus, PartialDate? endNotBefore, PartialDate? endNotAfter,
        IEnumerable<Source> sources)
    {
        // An attestation is a date somewhere in [lower, upper]: the statement held on at least that day.
        var attested = sources
            .Select(s => (Lower: Parse(s.AttestedNotBefore ?? s.Attested ?? s.Published), Upper: Parse(s.AttestedNotAfter ?? s.Attested ?? s.Published)))
            .Where(a => a.Lower is not null && a.Upper is not null)
            .Select(a => (Lower: a.Lower!.Lower, Upper: a.Upper!.Upper))
            .ToList();

        DateOnly possibleFrom, knownFrom, knownTo, possibleTo;
        if (start is not null)
        {
            possibleFrom = (startNotBefore ?? start).Lower;
            knownFrom = startNotAfter?.Upper ?? start.Lower;
        }
        else
        {
            // Held from some day before every attested day: surely from the earliest an attestation can be late.
            possibleFrom = DateOnly.MinValue;
            knownFrom = attested.Count == 0 ? DateOnly.MaxValue : attested.Min(a => a.Upper);
        }

        // A record written without its status (straight to the database) still ended on its end date.
        if (end is not null)
        {
            endStatus = EndStatus.Known;
        }

        switch (endStatus)
        {
            case EndStatus.Known when end is not null:
                possibleTo = (endNotAfter ?? end).Upper;
                knownTo = endNotBefore?.Lower ?? end.Upper;
                break;
            case EndStatus.Unknown:
                possibleTo = DateOnly.MaxValue;
                knownTo = attested.Count == 0 ? DateOnly.MinValue : attested.Max(a => a.Lower);
                break;
            default:
                possibleTo = knownTo = DateOnly.MaxValue;
                break;
        }

        return new Tenure(possibleFrom, knownFrom, knownTo, possibleTo, start is not null, endStatus) { Attested = start is not null || attested.Count > 0 };
    }

    /// <summary>
    /// Whether the record holds at some time in [<paramref name="lower"/>, <paramref name="upper"/>]. Given
    /// <paramref name="today"/>, a period wholly after it is never known: an ongoing post or an existing body holds
    /// as of its latest source, not in a year to come.
    /// </summary>
    public Holding On(DateOnly lower, DateOnly upper, DateOnly? today = null)
    {
        if (Attested && KnownFrom <= KnownTo && KnownFrom <= upper && KnownTo >= lower)
        {
            return lower > today ? new Holding(false, PossibleReason.AfterToday) : new Holding(true, null);
        }

        if (PossibleFrom > upper || PossibleTo < lower)
        {
            return Holding.No;
        }

        PossibleReason reason;
        if (!Attested)
        {
            reason = PossibleReason.NotAttested;
        }
        else if (upper < KnownFrom)
        {
            reason = StartKnown ? PossibleReason.StartUncertain : PossibleReason.StartUnknown;
        }
        else
        {
            reason = End == EndStatus.Unknown ? PossibleReason.EndUnknown : PossibleReason.EndUncertain;
        }

        return new Holding(false, reason);
    }

    /// <summary>
    /// The reason in words, with the dates it rests on: <paramref name="subject"/> is what holds ("the post", "the
    /// unit"), <paramref name="start"/> and <paramref name="end"/> what its dates are called ("start", "establishment").
    /// </summary>
    public string Explain(PossibleReason reason, string subject, string start = "start", string end = "end") => reason switch
    {
        PossibleReason.StartUnknown => $"The {start} is unknown; the earliest attestation places {subject} no later than {KnownFrom:yyyy-MM-dd}, and it is not known to hold before.",
        PossibleReason.StartUncertain => $"The {start} lies between {PossibleFrom:yyyy-MM-dd} and {KnownFrom:yyyy-MM-dd}.",
        PossibleReason.EndUnknown => $"The {end} is unknown; the latest attestation places {subject} no earlier than {KnownTo:yyyy-MM-dd}, and it is not known to hold after.",
        PossibleReason.EndUncertain => $"The {end} lies between {KnownTo:yyyy-MM-dd} and {PossibleTo:yyyy-MM-dd}.",
        PossibleReason.NotAttested => $"The {start} is unknown and no source attests a date on which {subject} held.",
        PossibleReason.AfterToday => $"The date is after today: the sources say {subject} held up to now, not that it will hold then.",
        _ => $"More than one record's dates reach this date where only one can hold: which one held is not known.",
    };

    private static PartialDate? Parse(string? text) => PartialDate.TryParse(text, out var date) ? date : null;
}
