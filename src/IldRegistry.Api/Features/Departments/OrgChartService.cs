using IldRegistry.Api.Common;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.OrgLinks;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.OrgLinks;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Departments;

/// <summary>
/// Builds the org chart in exactly seven SQL queries whatever the department's size: the department with its parent,
/// its children, its leadership, its bureaus, its institutions, its latest events and its links to other
/// organisations (with their ends' names). The bureau tree is assembled in memory from one flat list.
/// </summary>
public sealed class OrgChartService(RegistryDbContext db, DepartmentService departments, OrgLinkService orgLinks, TimeProvider clock)
{
    public const int QueryCount = 7;
    public const int RecentEventCount = 10;

    public async Task<OrgChart> GetAsync(string idOrSlug, string? asOf, CancellationToken ct)
    {
        var date = AsOf.Parse(asOf, clock);
        var department = await departments.GetSummaryAsync(idOrSlug, ct);
        var id = department.Summary.Id;

        var children = await db.Departments.AsNoTracking()
            .Where(d => d.ParentId == id)
            .OrderBy(d => d.Name)
            .Select(d => new DepartmentRef(d.Id, d.Slug, d.Name))
            .ToListAsync(ct);

        // Every post with its sources, in one query: which hold on the date depends on what their sources attest.
        var posts = await db.Leaders.AsNoTracking().Where(l => l.DepartmentId == id)
            .OrderBy(l => l.Rank).ThenBy(l => l.Person!.Name).ThenBy(l => l.Id)
            .Select(l => new { Leader = l, l.Person!.Name, l.Person.NativeName })
            .ToListAsync(ct);
        var holdings = LeaderService.Classify(
            posts,
            p => p.Leader.Title,
            p => Tenure.Of(p.Leader.Tenure(), p.Leader.Sources),
            date);
        OrgChartLeader Node(Domain.Leaders.Leader l, string name, string? nativeName) =>
            new(l.Id, l.PersonId, name, nativeName, l.Title, l.Rank, l.Start, l.End);
        var leadership = holdings.Where(h => h.Holding.Known).Select(h => Node(h.Post.Leader, h.Post.Name, h.Post.NativeName)).ToList();
        var possible = holdings.Where(h => h.Holding.Possible)
            .Select(h => new OrgChartPossibleLeader(h.Holding.Reason!.Value, Node(h.Post.Leader, h.Post.Name, h.Post.NativeName)))
            .ToList();

        // Units and institutions exist on the date as posts hold: by their dates and what their sources attest.
        var bureaus = Existing(
            await db.Bureaus.AsNoTracking()
                .Where(b => b.DepartmentId == id)
                .OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ThenBy(b => b.Id)
                .ToListAsync(ct),
            date);

        var institutions = Existing(
            await db.Institutions.AsNoTracking()
                .Where(i => i.DepartmentId == id)
                .OrderBy(i => i.Kind).ThenBy(i => i.Name).ThenBy(i => i.Id)
                .ToListAsync(ct),
            date);

        var events = await db.Events.AsNoTracking()
            .Where(e => e.DepartmentId == id)
            .OrderByDescending(e => e.Date.Lower).ThenByDescending(e => e.Date.Upper).ThenByDescending(e => e.Id)
            .Take(RecentEventCount)
            .Select(e => new OrgChartEvent(e.Id, PartialDate.FromStored(e.Date.Text)!, PartialDate.FromStored(e.EndDate!.Text), e.Title, e.Kind))
            .ToListAsync(ct);

        // Links hold on the date as posts do: by their dates and what their sources attest.
        var links = (await orgLinks.OfOrganisationAsync(id, ct))
            .Select(n => (Named: n, Tenure: Tenure.Of(n.Link.Span(), n.Link.Sources)))
            .Select(n => (n.Named, n.Tenure, Holding: n.Tenure.On(date.Lower, date.Upper)))
            .Where(n => n.Holding.Any)
            .ToList();
        bool Parent(NamedLink n) => n.Link.Kind == OrgLinkKind.PartOf && n.Link.FromId == id;
        OrgChartPossibleLink Possible((NamedLink Named, Tenure Tenure, Holding Holding) n) =>
            new(n.Holding.Reason!.Value, n.Tenure.Explain(n.Holding.Reason.Value, "the link"), Link(n.Named));

        // Units whose parent is missing, deleted or not known to exist on the date hang from the root rather than vanish.
        var known = bureaus.Known.ToList();
        var ids = known.Select(b => b.Id).ToHashSet();
        var byParent = known.ToLookup(b => b.ParentBureauId is { } p && ids.Contains(p) ? p : (Guid?)null);
        IReadOnlyList<OrgChartBureau> Tree(Guid? parent) => byParent[parent].Select(b => Unit(b, Tree(b.Id))).ToList();

        return new OrgChart(
            date.Text,
            department.Summary,
            department.Parent,
            children,
            leadership,
            possible,
            Tree(null),
            [.. bureaus.Possible.Select(p => new OrgChartPossibleBureau(p.Reason, p.Tenure.Explain(p.Reason, "the unit", "establishment", "dissolution"), Unit(p.Body, []))) ],
            institutions.Known.GroupBy(i => i.Kind.ToString()).ToDictionary(g => g.Key, g => (IReadOnlyList<OrgChartInstitution>)g.Select(Institution).ToList()),
            [.. institutions.Possible.Select(p => new OrgChartPossibleInstitution(p.Reason, p.Tenure.Explain(p.Reason, "the institution", "establishment", "dissolution"), Institution(p.Body))) ],
            events,
            [.. links.Where(n => Parent(n.Named) && n.Holding.Known).Select(n => Link(n.Named))],
            [.. links.Where(n => Parent(n.Named) && n.Holding.Possible).Select(Possible)],
            [.. links.Where(n => !Parent(n.Named) && n.Holding.Known).Select(n => Link(n.Named))],
            [.. links.Where(n => !Parent(n.Named) && n.Holding.Possible).Select(Possible)]);
    }

    private static OrgChartLink Link(NamedLink n) =>
        new(n.Link.Id, n.Link.Kind, n.Link.FromType, n.Link.FromId, n.FromName, n.Link.ToType, n.Link.ToId, n.ToName, n.Link.Start, n.Link.End, n.Link.EndStatus);

    private static OrgChartBureau Unit(Domain.Bureaus.Bureau b, IReadOnlyList<OrgChartBureau> children) =>
        new(b.Id, b.Name, b.AlternateName, b.Kind, b.Number, b.Region, b.Established, b.Dissolved, b.DissolvedStatus, children);

    private static OrgChartInstitution Institution(Domain.Institutions.Institution i) =>
        new(i.Id, i.Name, i.NativeName, i.Established, i.Dissolved, i.DissolvedStatus, i.Location);

    /// <summary>The bodies known to exist on the date, in the order given, and apart from them those that may, with why.</summary>
    internal static (IEnumerable<T> Known, IEnumerable<(T Body, PossibleReason Reason, Tenure Tenure)> Possible) Existing<T>(IReadOnlyList<T> bodies, PartialDate date)
        where T : Body
    {
        var all = bodies.Select(b => (Body: b, Tenure: Tenure.Of(b.Existence(), b.Sources))).Select(b => (b.Body, b.Tenure, Holding: b.Tenure.On(date.Lower, date.Upper))).ToList();
        return (all.Where(b => b.Holding.Known).Select(b => b.Body), all.Where(b => b.Holding.Possible).Select(b => (b.Body, b.Holding.Reason!.Value, b.Tenure)));
    }
}
