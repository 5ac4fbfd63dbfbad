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
/// <param name="Bureaus">Its internal units as a tree, in the department's own order.</param>
/// <param name="Institutions">The institutions tied to it, grouped by kind.</param>
/// <param name="RecentEvents">Its latest events, newest first.</param>
public sealed record OrgChart(
    string AsOf,
    DepartmentSummary Department,
    DepartmentRef? Parent,
    IReadOnlyList<DepartmentRef> Children,
    IReadOnlyList<OrgChartLeader> Leadership,
    IReadOnlyList<OrgChartPossibleLeader> PossibleLeadership,
    IReadOnlyList<OrgChartBureau> Bureaus,
    IReadOnlyDictionary<string, IReadOnlyList<OrgChartInstitution>> Institutions,
    IReadOnlyList<OrgChartEvent> RecentEvents);

/// <summary>A post held on the chart's date.</summary>
public sealed record OrgChartLeader(Guid Id, Guid PersonId, string Name, string? NativeName, string Title, int Rank, PartialDate? Start, PartialDate? End);

/// <summary>A post that may be held on the chart's date, but is not known to be (see the leadership's <c>possible</c>).</summary>
public sealed record OrgChartPossibleLeader(PossibleReason Reason, OrgChartLeader Post);

/// <summary>A unit with the units under it.</summary>
public sealed record OrgChartBureau(Guid Id, string Name, string? AlternateName, BureauKind Kind, int? Number, string? Region, IReadOnlyList<OrgChartBureau> Children);

/// <summary>An institution on the chart.</summary>
public sealed record OrgChartInstitution(Guid Id, string Name, string? NativeName, PartialDate? Established, string? Location);

/// <summary>An event on the chart.</summary>
public sealed record OrgChartEvent(Guid Id, PartialDate Date, PartialDate? EndDate, string Title, EventKind Kind);
