using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Leaders;

/// <summary>The person who holds a post, as the post shows them.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Name">Their name in English.</param>
/// <param name="NativeName">Their name in their own language and script.</param>
public sealed record LeaderPersonRef(Guid Id, string Name, string? NativeName);

/// <summary>One person holding one post in one department for one period.</summary>
public sealed record LeaderResponse : IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>Who holds the post.</summary>
    public required LeaderPersonRef Person { get; init; }

    /// <summary>The department the post belongs to.</summary>
    public required DepartmentRef Department { get; init; }

    /// <summary>The post: Head, Deputy Head, …</summary>
    public required string Title { get; init; }

    /// <summary>Order of precedence within the department, 1 first.</summary>
    public required int Rank { get; init; }

    /// <summary>When the tenure began (partial date); null when unknown (see <c>startStatus</c>), never "since forever".</summary>
    public PartialDate? Start { get; init; }

    /// <summary><c>Known</c> when <c>start</c> holds a date, else <c>Unknown</c>: then the post is known to be held only from its earliest attestation on.</summary>
    public StartStatus StartStatus => Start is null ? StartStatus.Unknown : StartStatus.Known;

    /// <summary>An uncertain start lies no earlier than this (within <c>start</c>).</summary>
    public PartialDate? StartNotBefore { get; init; }

    /// <summary>An uncertain start lies no later than this (within <c>start</c>).</summary>
    public PartialDate? StartNotAfter { get; init; }

    /// <summary>When the tenure ended (partial date); null unless <c>endStatus</c> is <c>Known</c>.</summary>
    public PartialDate? End { get; init; }

    /// <summary>
    /// <c>Known</c>: it ended on <c>end</c>; <c>Ongoing</c>: still held as of the latest source; <c>Unknown</c>: not
    /// known whether or when it ended (known to be held only up to its latest attestation).
    /// </summary>
    public required EndStatus EndStatus { get; init; }

    /// <summary>An uncertain end lies no earlier than this (within <c>end</c>), e.g. <c>2025-07</c> for an end in <c>2025</c>.</summary>
    public PartialDate? EndNotBefore { get; init; }

    /// <summary>An uncertain end lies no later than this (within <c>end</c>), e.g. <c>2025-09-30</c>.</summary>
    public PartialDate? EndNotAfter { get; init; }

    /// <summary>
    /// Only in <c>GET /leaders?asOf=…&amp;asOfMode=Possible</c>: why the post may be held on that date but is not known
    /// to be (<c>StartUnknown</c>, <c>StartUncertain</c>, <c>EndUnknown</c>, <c>EndUncertain</c>, <c>NotAttested</c>,
    /// <c>SoleHolderUndecided</c>, <c>AfterToday</c>); absent elsewhere.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PossibleReason? PossibleReason { get; init; }

    /// <summary>Where the facts of this record come from.</summary>
    public required IReadOnlyList<Source> Sources { get; init; }

    /// <summary>Values claimed for the record's fields, each with its citations; the field shows the preferred one.</summary>
    public IReadOnlyList<Claim> Claims { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The concurrency token, also sent as the ETag header.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>What a client sends to create or fully replace a leader post.</summary>
public sealed record LeaderRequest
{
    /// <summary>The id of the department the post belongs to (required; must exist and not be deleted).</summary>
    public Guid DepartmentId { get; init; }

    /// <summary>The id of the person who holds the post (required; must exist and not be deleted).</summary>
    public Guid PersonId { get; init; }

    /// <summary>The post, e.g. <c>Head</c> or <c>Deputy Head</c> (1 to 200 characters).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Order of precedence within the department, 1 (first) to 1000.</summary>
    public int Rank { get; init; }

    /// <summary>When the tenure began; omit when unknown (an unknown start is not "since forever").</summary>
    public PartialDate? Start { get; init; }

    /// <summary>Optional, as a read shows it: <c>Known</c> with <c>start</c>, <c>Unknown</c> without; one that disagrees is a 400.</summary>
    public StartStatus? StartStatus { get; init; }

    /// <summary>With <c>start</c> only: the start lies no earlier than this, a date within <c>start</c>.</summary>
    public PartialDate? StartNotBefore { get; init; }

    /// <summary>With <c>start</c> only: the start lies no later than this, a date within <c>start</c> and not before <c>startNotBefore</c>.</summary>
    public PartialDate? StartNotAfter { get; init; }

    /// <summary>When the tenure ended, with <c>endStatus</c> <c>Known</c> (or omitted). Must not lie before <c>start</c>.</summary>
    public PartialDate? End { get; init; }

    /// <summary>
    /// <c>Known</c> (requires <c>end</c>), <c>Ongoing</c> (still held as of the latest source) or <c>Unknown</c>
    /// (neither with <c>end</c>). Omitted: <c>Known</c> when <c>end</c> is given, else <c>Ongoing</c>, as before.
    /// </summary>
    public EndStatus? EndStatus { get; init; }

    /// <summary>With <c>end</c> only: the end lies no earlier than this, a date within <c>end</c>.</summary>
    public PartialDate? EndNotBefore { get; init; }

    /// <summary>With <c>end</c> only: the end lies no later than this, a date within <c>end</c> and not before <c>endNotBefore</c>.</summary>
    public PartialDate? EndNotAfter { get; init; }

    public List<Source> Sources { get; init; } = [];

    /// <summary>
    /// Values claimed for the record's fields, each with its citations, as Wikidata ranks statements: the claims of one
    /// field have exactly one <c>preferred</c>, whose value the field must hold; the others are kept beside it.
    /// </summary>
    public List<Claim> Claims { get; init; } = [];
}

/// <summary>What the list's <c>asOf</c> answers: the posts known to be held on the date, or those that only may be.</summary>
public enum AsOfMode
{
    Known,
    Possible,
}

/// <summary>Filters and sort for the leader list.</summary>
public sealed record LeaderListQuery
{
    /// <summary>Only posts in this department (by id).</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>Only posts in this department (by slug, e.g. <c>ild</c>).</summary>
    public string? Department { get; init; }

    /// <summary>Only posts held by this person.</summary>
    public Guid? PersonId { get; init; }

    /// <summary>Only posts with exactly this title (case-insensitive), e.g. <c>Deputy Head</c>.</summary>
    public string? Title { get; init; }

    /// <summary><c>true</c>: only posts still held (<c>endStatus</c> Ongoing); <c>false</c>: only posts that ended (an end date known).</summary>
    public bool? Current { get; init; }

    /// <summary>
    /// Only posts serving on this date: a partial date such as <c>2019</c>, <c>2019-06</c> or <c>2019-06-01</c>.
    /// A post serves when its start's first day is not after the date and its end's last day is not before it (a post
    /// ending <c>2022-04</c> serves through 30 April 2022). A year or month matches the posts serving at any time in it.
    /// </summary>
    public string? AsOf { get; init; }

    /// <summary>
    /// With <c>asOf</c>: <c>Known</c> (default) lists the posts known to be held on that date; <c>Possible</c> the posts
    /// that may be held then but are not known to be, each with its <c>possibleReason</c> (an unknown start before the
    /// first attestation, an uncertain end, two holders of a sole-holder post, …). Nothing only possible is listed as known.
    /// </summary>
    public AsOfMode AsOfMode { get; init; } = AsOfMode.Known;

    /// <summary>Only posts whose tenure reaches to or past this partial date (its first day).</summary>
    public string? From { get; init; }

    /// <summary>Only posts whose tenure began on or before this partial date (its last day).</summary>
    public string? To { get; init; }

    /// <summary>Text filter over the person's names and the title.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Sort field: <c>rank</c> (default, then start), <c>start</c>, <c>title</c>, <c>person</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}

/// <summary>The date for a department's leadership.</summary>
public sealed record LeadershipQuery
{
    /// <summary>
    /// The date: a partial date such as <c>2019</c> or <c>2019-06-01</c>; default today (UTC). A year or month
    /// gives the posts serving at any time in it.
    /// </summary>
    public string? AsOf { get; init; }

    /// <summary>
    /// Valid time and transaction time together: the leadership on <c>asOf</c> as the registry recorded it at this
    /// past moment (a timestamp with its offset, or a date meaning its end in UTC), rebuilt from the history of the
    /// posts, people and departments; posts deleted since count as they were. The answer carries
    /// <c>recordedAsOf</c> and <c>Memento-Datetime</c>.
    /// </summary>
    public string? RecordedAsOf { get; init; }
}

/// <summary>The leadership of one department on one date, in rank order, in three values: known, possible, neither (left out).</summary>
/// <param name="Department">The department.</param>
/// <param name="AsOf">The date asked for (today, UTC, when none was given).</param>
/// <param name="Leaders">The posts known to be held on that date (at some time in it, for a month or year), by rank and then start.</param>
/// <param name="Possible">The posts that may be held on that date but are not known to be, each with the reason, by rank and then start.</param>
public sealed record DepartmentLeadershipResponse(DepartmentRef Department, PartialDate AsOf, IReadOnlyList<LeaderResponse> Leaders, IReadOnlyList<PossibleLeaderResponse> Possible)
{
    /// <summary>With <c>recordedAsOf</c>: the moment whose records the answer describes (else absent: the registry now).</summary>
    public DateTimeOffset? RecordedAsOf { get; init; }
}

/// <summary>A post that may be held on the date asked for, but is not known to be.</summary>
/// <param name="Reason">
/// Why it is not known: <c>StartUnknown</c> (the date lies before its earliest attestation), <c>StartUncertain</c> or
/// <c>EndUncertain</c> (within the bounds of an uncertain date), <c>EndUnknown</c> (after its latest attestation),
/// <c>NotAttested</c> (start unknown and no source attests a date), <c>SoleHolderUndecided</c> (a post held by one
/// person at a time, and two holders' dates both reach the date), <c>AfterToday</c> (the date is after today: a post
/// known to hold up to now is not known to hold in a year to come).
/// </param>
/// <param name="Detail">The reason in words, with the dates it rests on.</param>
/// <param name="Post">The post.</param>
public sealed record PossibleLeaderResponse(PossibleReason Reason, string Detail, LeaderResponse Post);
