using IldRegistry.Domain.Common;

namespace IldRegistry.Domain.OrgLinks;

/// <summary>What an end of a link is: each kind of organisation the registry keeps.</summary>
public enum OrgType
{
    Department,

    /// <summary>An internal unit of a department (the <c>bureaus</c> resource).</summary>
    Bureau,

    Institution,
}

/// <summary>
/// What a link says of its <c>from</c> end, in the words of the W3C Organization Ontology (<c>org:</c>) and of
/// GOV.UK's closure types. Relationships that hold for a period: <c>PartOf</c> (<c>org:subOrganizationOf</c>, a parent
/// that can change over time), <c>FundedBy</c>. Change events (<c>org:ChangeEvent</c>) on the link's start, whose
/// outcome holds from then on: <c>SucceededBy</c> (GOV.UK "replaced"), <c>MergedInto</c> ("merged"), <c>SplitFrom</c>
/// ("split"), <c>RenamedTo</c> ("changed name"), <c>EstablishedBy</c> (the founding event's organiser).
/// </summary>
public enum OrgLinkKind
{
    /// <summary><c>from</c> is part of <c>to</c> (<c>org:subOrganizationOf</c>): a parent that can change over time.</summary>
    PartOf,

    /// <summary><c>from</c> was succeeded by <c>to</c>, which took over its role (<c>org:resultedFrom</c> read backwards; GOV.UK "replaced").</summary>
    SucceededBy,

    /// <summary><c>from</c> merged into <c>to</c> (GOV.UK "merged").</summary>
    MergedInto,

    /// <summary><c>from</c> was split off from <c>to</c> (GOV.UK "split").</summary>
    SplitFrom,

    /// <summary><c>from</c> was renamed, becoming <c>to</c> (GOV.UK "changed name").</summary>
    RenamedTo,

    /// <summary><c>from</c> was established by <c>to</c> (<c>org:originalOrganization</c> of its founding event).</summary>
    EstablishedBy,

    /// <summary><c>from</c> is funded by <c>to</c>, alone or with others.</summary>
    FundedBy,
}

/// <summary>A typed, dated, cited link between two organisations (departments, units, institutions).</summary>
public sealed class OrgLink : Entity
{
    public OrgType FromType { get; set; }

    /// <summary>The id of a record of <see cref="FromType"/>.</summary>
    public Guid FromId { get; set; }

    public OrgLinkKind Kind { get; set; }

    public OrgType ToType { get; set; }

    public Guid ToId { get; set; }

    /// <summary>When the link began (for a change event: when it happened); null when unknown.</summary>
    public PartialDate? Start { get; set; }

    public PartialDate? StartNotBefore { get; set; }

    public PartialDate? StartNotAfter { get; set; }

    /// <summary>Set only when <see cref="EndStatus"/> is <see cref="EndStatus.Known"/>.</summary>
    public PartialDate? End { get; set; }

    public EndStatus EndStatus { get; set; } = EndStatus.Ongoing;

    public PartialDate? EndNotBefore { get; set; }

    public PartialDate? EndNotAfter { get; set; }

    public string? Note { get; set; }

    public DateSpan Span() => new(Start, StartNotBefore, StartNotAfter, End, EndStatus, EndNotBefore, EndNotAfter);

    /// <summary>Change events happen on their start and their outcome holds on: they have no end.</summary>
    public static bool IsEvent(OrgLinkKind kind) => kind is not (OrgLinkKind.PartOf or OrgLinkKind.FundedBy);
}
