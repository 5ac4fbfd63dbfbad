using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.OrgLinks;

namespace IldRegistry.Api.Features.Departments;

/// <summary>A department's whole structure on one date, in one document.</summary>
/// <param name="AsOf">The date the leadership is for.</param>
/// <param name="Department">The department itself.</param>
/// <param name="Parent">The department its record names as parent (<c>parentId</c>), whatever the date; <paramref name="PartOf"/> is the dated answer.</param>
/// <param name="Children">Departments that report to it.</param>
/// <param name="Leadership">Who is known to have led it on <paramref name="AsOf"/>, in rank order.</param>
/// <param name="PossibleLeadership">Who may have, but is not known to (an unknown start before the first attestation, an uncertain end, …), with the reason.</param>
/// <param name="Bureaus">Its internal units known to exist on <paramref name="AsOf"/>, as a tree, in the department's own order.</param>
/// <param name="PossibleBureaus">Units that may exist on that date but are not known to (e.g. an unknown establishment before their first attestation), each with the reason; flat, in the department's order.</param>
/// <param name="Institutions">The institutions tied to it and known to exist on that date, grouped by kind.</param>
/// <param name="PossibleInstitutions">Institutions that may exist on that date but are not known to, each with the reason.</param>
/// <param name="RecentEvents">Its latest events, newest first.</param>
/// <param name="PartOf">What it is known to be part of on <paramref name="AsOf"/>, by its <c>PartOf</c> links (its parent as of the date), earliest first.</param>
/// <param name="PossiblePartOf">What it may be part of on that date but is not known to be (an unknown start before the first attestation, an uncertain end, …), with the reason.</param>
/// <param name="Links">Its other links known to hold on that date, from it or to it (established by, funded by, the bodies part of it, …), earliest first.</param>
/// <param name="PossibleLinks">Its other links that may hold on that date but are not known to, with the reason.</param>
public sealed record OrgChart(
    string AsOf,
    DepartmentSummary Department,
    DepartmentRef? Parent,
    IReadOnlyList<DepartmentRef> Children,
    IReadOnlyList<OrgChartLeader> Leadership,
    IReadOnlyList<OrgChartPossibleLeader> PossibleLeadership,
    IReadOnlyList<OrgChartBureau> Bureaus,
    IReadOnlyList<OrgChartPossibleBureau> PossibleBureaus,
    IReadOnlyDictionary<string, IReadOnlyList<OrgChartInstitution>> Institutions,
    IReadOnlyList<OrgChartPossibleInstitution> PossibleInstitutions,
    IReadOnlyList<OrgChartEvent> RecentEvents,
    IReadOnlyList<OrgChartLink> PartOf,
    IReadOnlyList<OrgChartPossibleLink> PossiblePartOf,
    IReadOnlyList<OrgChartLink> Links,
    IReadOnlyList<OrgChartPossibleLink> PossibleLinks)
{
    /// <summary>With <c>recordedAsOf</c>: the moment whose records the chart describes (else absent: the registry now).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? RecordedAsOf { get; init; }
}

/// <summary>A post held on the chart's date.</summary>
public sealed record OrgChartLeader(Guid Id, Guid PersonId, string Name, string? NativeName, string Title, int Rank, PartialDate? Start, PartialDate? End);

/// <summary>A post that may be held on the chart's date, but is not known to be (see the leadership's <c>possible</c>).</summary>
public sealed record OrgChartPossibleLeader(PossibleReason Reason, OrgChartLeader Post);

/// <summary>A unit with the units under it.</summary>
public sealed record OrgChartBureau(Guid Id, string Name, string? AlternateName, BureauKind Kind, int? Number, string? Region, PartialDate? Established, PartialDate? Dissolved, EndStatus DissolvedStatus, IReadOnlyList<OrgChartBureau> Children);

/// <summary>A unit that may exist on the chart's date, but is not known to.</summary>
/// <param name="Reason">Why not known: <c>StartUnknown</c> (the date lies before its earliest attestation), <c>StartUncertain</c>, <c>EndUncertain</c>, <c>EndUnknown</c>, <c>NotAttested</c>, <c>AfterToday</c> (the date is after today).</param>
/// <param name="Detail">The reason in words, with the dates it rests on.</param>
/// <param name="Bureau">The unit (without children: its place in the tree is not known either).</param>
public sealed record OrgChartPossibleBureau(PossibleReason Reason, string Detail, OrgChartBureau Bureau);

/// <summary>An institution on the chart.</summary>
public sealed record OrgChartInstitution(Guid Id, string Name, string? NativeName, PartialDate? Established, PartialDate? Dissolved, EndStatus DissolvedStatus, string? Location);

/// <summary>An institution that may exist on the chart's date, but is not known to.</summary>
/// <param name="Reason">Why not known (as for units).</param>
/// <param name="Detail">The reason in words, with the dates it rests on.</param>
/// <param name="Institution">The institution.</param>
public sealed record OrgChartPossibleInstitution(PossibleReason Reason, string Detail, OrgChartInstitution Institution);

/// <summary>An event on the chart.</summary>
public sealed record OrgChartEvent(Guid Id, PartialDate Date, PartialDate? EndDate, string Title, EventKind Kind);

/// <summary>A link of the department on the chart's date (see <c>/api/v1/org-links</c>): <c>from</c> is <c>kind</c> <c>to</c>.</summary>
/// <param name="Id">The link's id.</param>
/// <param name="Kind">What <c>from</c> is to <c>to</c> (<c>PartOf</c>, <c>EstablishedBy</c>, <c>FundedBy</c>, …).</param>
/// <param name="FromType">What the <c>from</c> end is (<c>Department</c>, <c>Bureau</c>, <c>Institution</c>).</param>
/// <param name="FromId">The <c>from</c> end's id.</param>
/// <param name="FromName">The <c>from</c> end's name.</param>
/// <param name="ToType">What the <c>to</c> end is.</param>
/// <param name="ToId">The <c>to</c> end's id.</param>
/// <param name="ToName">The <c>to</c> end's name.</param>
/// <param name="Start">When it began (null: unknown).</param>
/// <param name="End">When it ended (null unless <paramref name="EndStatus"/> is Known).</param>
/// <param name="EndStatus">Known, Ongoing or Unknown.</param>
public sealed record OrgChartLink(
    Guid Id, OrgLinkKind Kind, OrgType FromType, Guid FromId, string? FromName, OrgType ToType, Guid ToId, string? ToName, PartialDate? Start, PartialDate? End, EndStatus EndStatus);

/// <summary>A link that may hold on the chart's date, but is not known to.</summary>
/// <param name="Reason">Why not known: <c>StartUnknown</c>, <c>StartUncertain</c>, <c>EndUncertain</c>, <c>EndUnknown</c>, <c>NotAttested</c>, <c>AfterToday</c> (the date is after today).</param>
/// <param name="Detail">The reason in words, with the dates it rests on.</param>
/// <param name="Link">The link.</param>
public sealed record OrgChartPossibleLink(PossibleReason Reason, string Detail, OrgChartLink Link);
