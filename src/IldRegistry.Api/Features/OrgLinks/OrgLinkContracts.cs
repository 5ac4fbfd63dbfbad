using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.OrgLinks;

namespace IldRegistry.Api.Features.OrgLinks;

/// <summary>
/// A typed, dated, cited link between two organisations: <c>from</c> is <c>kind</c> <c>to</c> ("the ILD is PartOf the
/// Central Committee", "the CAIU is EstablishedBy the ILD").
/// </summary>
public sealed record OrgLinkResponse : IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>What the <c>from</c> end is: <c>Department</c>, <c>Bureau</c> (a department's unit) or <c>Institution</c>.</summary>
    public required OrgType FromType { get; init; }

    /// <summary>The id of the <c>from</c> end, a record of <c>fromType</c>.</summary>
    public required Guid FromId { get; init; }

    /// <summary>The <c>from</c> end's name.</summary>
    public string? FromName { get; init; }

    /// <summary>
    /// What <c>from</c> is to <c>to</c>. Relationships for a period: <c>PartOf</c> (W3C org:subOrganizationOf; a parent
    /// that can change over time) and <c>FundedBy</c>. Change events (org:ChangeEvent; GOV.UK's closure types), which
    /// happen on <c>start</c> and whose outcome holds from then on (<c>endStatus</c> Ongoing): <c>SucceededBy</c>
    /// (replaced), <c>MergedInto</c>, <c>SplitFrom</c>, <c>RenamedTo</c> (changed name), <c>EstablishedBy</c>.
    /// </summary>
    public required OrgLinkKind Kind { get; init; }

    /// <summary>What the <c>to</c> end is: <c>Department</c>, <c>Bureau</c> or <c>Institution</c>.</summary>
    public required OrgType ToType { get; init; }

    /// <summary>The id of the <c>to</c> end, a record of <c>toType</c>.</summary>
    public required Guid ToId { get; init; }

    /// <summary>The <c>to</c> end's name.</summary>
    public string? ToName { get; init; }

    /// <summary>When the link began, or the change event happened (partial date); null when unknown (see <c>startStatus</c>).</summary>
    public PartialDate? Start { get; init; }

    /// <summary><c>Known</c> when <c>start</c> holds a date, else <c>Unknown</c>: then the link is known to hold only from its earliest attestation on.</summary>
    public StartStatus StartStatus => Start is null ? StartStatus.Unknown : StartStatus.Known;

    /// <summary>An uncertain start lies no earlier than this (within <c>start</c>).</summary>
    public PartialDate? StartNotBefore { get; init; }

    /// <summary>An uncertain start lies no later than this (within <c>start</c>).</summary>
    public PartialDate? StartNotAfter { get; init; }

    /// <summary>When the link ended (partial date); null unless <c>endStatus</c> is <c>Known</c>.</summary>
    public PartialDate? End { get; init; }

    /// <summary>
    /// <c>Known</c>: it ended on <c>end</c>; <c>Ongoing</c>: it holds as of the latest source (always, for a change
    /// event); <c>Unknown</c>: not known whether or when it ended.
    /// </summary>
    public required EndStatus EndStatus { get; init; }

    /// <summary>An uncertain end lies no earlier than this (within <c>end</c>).</summary>
    public PartialDate? EndNotBefore { get; init; }

    /// <summary>An uncertain end lies no later than this (within <c>end</c>).</summary>
    public PartialDate? EndNotAfter { get; init; }

    /// <summary>What else the sources say of the link.</summary>
    public string? Note { get; init; }

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

/// <summary>What a client sends to create or fully replace a link between two organisations.</summary>
public sealed record OrgLinkRequest
{
    /// <summary>What the <c>from</c> end is (required): <c>Department</c>, <c>Bureau</c> or <c>Institution</c>.</summary>
    public OrgType? FromType { get; init; }

    /// <summary>The id of the <c>from</c> end (required; a live record of <c>fromType</c>).</summary>
    public Guid FromId { get; init; }

    /// <summary>
    /// What <c>from</c> is to <c>to</c> (required). <c>PartOf</c> (org:subOrganizationOf) and <c>FundedBy</c> hold for
    /// a period; <c>SucceededBy</c>, <c>MergedInto</c>, <c>SplitFrom</c>, <c>RenamedTo</c> and <c>EstablishedBy</c> are
    /// change events (org:ChangeEvent, GOV.UK's closure types) on <c>start</c>, with no end. No organisation is part of
    /// itself, directly or not, on any date the links' dates may cover.
    /// </summary>
    public OrgLinkKind? Kind { get; init; }

    /// <summary>What the <c>to</c> end is (required).</summary>
    public OrgType? ToType { get; init; }

    /// <summary>The id of the <c>to</c> end (required; a live record of <c>toType</c>, not the <c>from</c> end).</summary>
    public Guid ToId { get; init; }

    /// <summary>When the link began, or the event happened; omit when unknown (an unknown start is not "since forever").</summary>
    public PartialDate? Start { get; init; }

    /// <summary>Optional, as a read shows it: <c>Known</c> with <c>start</c>, <c>Unknown</c> without; one that disagrees is a 400.</summary>
    public StartStatus? StartStatus { get; init; }

    /// <summary>With <c>start</c> only: the start lies no earlier than this, a date within <c>start</c>.</summary>
    public PartialDate? StartNotBefore { get; init; }

    /// <summary>With <c>start</c> only: the start lies no later than this, a date within <c>start</c>.</summary>
    public PartialDate? StartNotAfter { get; init; }

    /// <summary>When the link ended, with <c>endStatus</c> <c>Known</c> (or omitted); not before <c>start</c>. A change event has none.</summary>
    public PartialDate? End { get; init; }

    /// <summary>
    /// <c>Known</c> (requires <c>end</c>), <c>Ongoing</c> or <c>Unknown</c>. Omitted: <c>Known</c> when <c>end</c> is
    /// given, else <c>Ongoing</c>. A change event's is <c>Ongoing</c>.
    /// </summary>
    public EndStatus? EndStatus { get; init; }

    /// <summary>With <c>end</c> only: the end lies no earlier than this, a date within <c>end</c>.</summary>
    public PartialDate? EndNotBefore { get; init; }

    /// <summary>With <c>end</c> only: the end lies no later than this, a date within <c>end</c>.</summary>
    public PartialDate? EndNotAfter { get; init; }

    /// <summary>What else the sources say of the link (at most 4000 characters).</summary>
    public string? Note { get; init; }

    public List<Source> Sources { get; init; } = [];

    /// <summary>
    /// Values claimed for the record's fields, each with its citations, as Wikidata ranks statements: the claims of one
    /// field have exactly one <c>preferred</c>, whose value the field must hold; the others are kept beside it.
    /// </summary>
    public List<Claim> Claims { get; init; } = [];
}

/// <summary>Filters and sort for the list of links.</summary>
public sealed record OrgLinkListQuery
{
    /// <summary>Only links of this kind.</summary>
    public OrgLinkKind? Kind { get; init; }

    /// <summary>Only links with this organisation (a department, unit or institution, by id) at either end.</summary>
    public Guid? OrganisationId { get; init; }

    /// <summary>Only links from this organisation (by id).</summary>
    public Guid? FromId { get; init; }

    /// <summary>Only links to this organisation (by id).</summary>
    public Guid? ToId { get; init; }

    /// <summary>
    /// Only links that may hold on this date (a partial date: <c>1960</c>, <c>2022-02</c>): a partial start counts from
    /// its first day (its lower bound), an end to its last (its upper bound), an unknown start from the beginning and an
    /// unknown or ongoing end to the present, so a link only possibly holding is listed too. The org chart tells known
    /// from possible.
    /// </summary>
    public string? AsOf { get; init; }

    /// <summary>Sort field: <c>start</c> (default; unknown starts last), <c>kind</c>, <c>createdAt</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}

