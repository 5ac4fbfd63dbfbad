using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;

namespace IldRegistry.Api.Features.Departments;

/// <summary>A department's whole structure on one date, in one document.</summary>
/// <param name="AsOf">The date the leadership is for.</param>
/// <param name="Department">The department itself.</param>
/// <param name="Parent">The department it reports to.</param>
/// <param name="Children">Departments that report to it.</param>
/// <param name="Leadership">Who is known to have led it on <paramref name="AsOf"/>, in rank order.</param>
/// <param name="PossibleLeadership">Who may have, but is not known to (an unknown start before the first attestation, an uncertain end, …), with the reason.</param>
/// <param name="Bureaus">Its internal units known to exist on <paramref name="AsOf"/>, as a tree, in the department's own order.</param>
/// <param name="PossibleBureaus">Units that may exist on that date but are not known to (e.g. an unknown establishment before their first attestation), each with the reason; flat, in the department's order.</param>
/// <param name="Institutions">The institutions tied to it and known to exist on that date, grouped by kind.</param>
/// <param name="PossibleInstitutions">Institutions that may exist on that date but are not known to, each with the reason.</param>
/// <param name="RecentEvents">Its latest events, newest first.</param>
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
    IReadOnlyList<OrgChartEvent> RecentEvents)
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
