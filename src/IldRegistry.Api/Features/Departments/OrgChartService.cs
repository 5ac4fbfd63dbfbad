using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
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
/// organisations (with their ends' names). The bureau tree is assembled in memory from one flat list. With <c>recordedAsOf</c>, the same chart is drawn from the records as the registry
/// held them at that past moment.
/// </summary>
public sealed class OrgChartService(RegistryDbContext db, DepartmentService departments, OrgLinkService orgLinks, RecordedHistory history, TimeProvider clock)
{
    public const int QueryCount = 7;
    public const int RecentEventCount = 10;

    public async Task<OrgChart> GetAsync(string idOrSlug, string? asOf, string? recordedAsOf, CancellationToken ct)
    {
        var date = AsOf.Parse(asOf, clock);
        if (recordedAsOf is null)
        {
            return Build(await CurrentAsync(idOrSlug, ct), date, AsOf.Today(clock));
        }

        var moment = RecordedHistory.Parse(recordedAsOf, clock);
        return Build(await RecordedAsync(idOrSlug, moment, ct), date, AsOf.Today(clock)) with { RecordedAsOf = moment };
    }

    /// <summary>What an org chart is drawn from: the department and its parts, each list in the chart's order.</summary>
    private sealed record Parts(
        DepartmentSummary Summary,
        DepartmentRef? Parent,
        List<DepartmentRef> Children,
        List<Post> Posts,
        List<Domain.Bureaus.Bureau> Bureaus,
        List<Domain.Institutions.Institution> Institutions,
        List<OrgChartEvent> Events,
        List<NamedLink> Links);

    private sealed record Post(Domain.Leaders.Leader Leader, string Name, string? NativeName);

    /// <summary>The registry now, in <see cref="QueryCount"/> queries.</summary>
    private async Task<Parts> CurrentAsync(string idOrSlug, CancellationToken ct)
    {
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
            .Select(l => new Post(l, l.Person!.Name, l.Person.NativeName))
            .ToListAsync(ct);

        var bureaus = await db.Bureaus.AsNoTracking()
            .Where(b => b.DepartmentId == id)
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ThenBy(b => b.Id)
            .ToListAsync(ct);

        var institutions = await db.Institutions.AsNoTracking()
            .Where(i => i.DepartmentId == id)
            .OrderBy(i => i.Kind).ThenBy(i => i.Name).ThenBy(i => i.Id)
            .ToListAsync(ct);

        var events = await db.Events.AsNoTracking()
            .Where(e => e.DepartmentId == id)
            .OrderByDescending(e => e.Date.Lower).ThenByDescending(e => e.Date.Upper).ThenByDescending(e => e.Id)
            .Take(RecentEventCount)
            .Select(e => new OrgChartEvent(e.Id, PartialDate.FromStored(e.Date.Text)!, PartialDate.FromStored(e.EndDate!.Text), e.Title, e.Kind))
            .ToListAsync(ct);

        return new Parts(department.Summary, department.Parent, children, posts, bureaus, institutions, events, await orgLinks.OfOrganisationAsync(id, ct));
    }

    /// <summary>
    /// The registry as it was recorded at <paramref name="at"/> (transaction time), rebuilt from the history of every
    /// record the chart shows: the records live then, in the same order as <see cref="CurrentAsync"/>'s. A department
    /// the registry did not hold then is a 404, one deleted then a 410 (its record now may have been restored).
    /// </summary>
    private async Task<Parts> RecordedAsync(string idOrSlug, DateTimeOffset at, CancellationToken ct)
    {
        var id = await departments.ResolveAsync(idOrSlug, ct);
        var departmentsThen = await history.AllAsync<Domain.Departments.Department>(at, ct);
        var department = departmentsThen.GetValueOrDefault(id) ?? throw new NotFoundException("department", idOrSlug);
        if (department.Deleted)
        {
            throw new GoneException("department", idOrSlug, $"/api/v1/departments/{id}/restore");
        }

        List<T> Live<T>(Dictionary<Guid, RecordedState<T>> states, Func<T, bool> belongs)
            where T : Domain.Common.Entity =>
            [.. states.Values.Where(s => !s.Deleted && belongs(s.Record)).Select(s => s.Record)];

        var d = department.Record;
        var live = Live(departmentsThen, _ => true).ToDictionary(x => x.Id);
        DepartmentRef Ref(Domain.Departments.Department x) => new(x.Id, x.Slug, x.Name);
        var summary = new DepartmentSummary(d.Id, d.Slug, d.Name, d.ShortName, d.NativeName, d.Jurisdiction, d.ParentId, d.Established);
        var parent = d.ParentId is { } p && live.TryGetValue(p, out var parentThen) ? Ref(parentThen) : null;
        var children = live.Values.Where(x => x.ParentId == id).OrderBy(x => x.Name, StringComparer.Ordinal).Select(Ref).ToList();

        var people = Live(await history.AllAsync<Domain.People.Person>(at, ct), _ => true).ToDictionary(x => x.Id);
        var posts = Live(await history.AllAsync<Domain.Leaders.Leader>(at, ct), l => l.DepartmentId == id)
            .Where(l => people.ContainsKey(l.PersonId))
            .Select(l => new Post(l, people[l.PersonId].Name, people[l.PersonId].NativeName))
            .OrderBy(x => x.Leader.Rank).ThenBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Leader.Id)
            .ToList();
        var bureausThen = await history.AllAsync<Domain.Bureaus.Bureau>(at, ct);
        var institutionsThen = await history.AllAsync<Domain.Institutions.Institution>(at, ct);
        var bureaus = Live(bureausThen, b => b.DepartmentId == id)
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Name, StringComparer.Ordinal).ThenBy(b => b.Id)
            .ToList();
        var institutions = Live(institutionsThen, i => i.DepartmentId == id)
            .OrderBy(i => i.Kind.ToString(), StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id)
            .ToList();
        var events = Live(await history.AllAsync<Domain.Events.HistoricalEvent>(at, ct), e => e.DepartmentId == id)
            .OrderByDescending(e => e.Date.Lower).ThenByDescending(e => e.Date.Upper).ThenByDescending(e => e.Id)
            .Take(RecentEventCount)
            .Select(e => new OrgChartEvent(e.Id, e.Date, e.EndDate, e.Title, e.Kind))
            .ToList();

        // The links of the department then, with their ends' names then, in the order of OrgLinkRows.OfAsync.
        string? NameOf(OrgType type, Guid end) => type switch
        {
            OrgType.Department => departmentsThen.GetValueOrDefault(end)?.Record.Name,
            OrgType.Bureau => bureausThen.GetValueOrDefault(end)?.Record.Name,
            _ => institutionsThen.GetValueOrDefault(end)?.Record.Name,
        };
        var links = Live(await history.AllAsync<OrgLink>(at, ct), l => l.FromId == id || l.ToId == id)
            .OrderBy(l => l.Start is null).ThenBy(l => l.Start?.Lower).ThenBy(l => l.Id)
            .Select(l => new NamedLink(l, NameOf(l.FromType, l.FromId), NameOf(l.ToType, l.ToId)))
            .ToList();

        return new Parts(summary, parent, children, posts, bureaus, institutions, events, links);
    }

    private static OrgChart Build(Parts parts, PartialDate date, DateOnly today)
    {
        var holdings = LeaderService.Classify(
            parts.Posts,
            p => p.Leader.Title,
            p => Tenure.Of(p.Leader.Tenure(), p.Leader.Sources),
            date,
            today);
        OrgChartLeader Node(Post p) =>
            new(p.Leader.Id, p.Leader.PersonId, p.Name, p.NativeName, p.Leader.Title, p.Leader.Rank, p.Leader.Start, p.Leader.End);
        var leadership = holdings.Where(h => h.Holding.Known).Select(h => Node(h.Post)).ToList();
        var possible = holdings.Where(h => h.Holding.Possible)
            .Select(h => new OrgChartPossibleLeader(h.Holding.Reason!.Value, Node(h.Post)))
            .ToList();

        // Units and institutions exist on the date as posts hold: by their dates and what their sources attest.
        var bureaus = Existing(parts.Bureaus, date, today);
        var institutions = Existing(parts.Institutions, date, today);

        // Links hold on the date as posts do: by their dates and what their sources attest.
        var id = parts.Summary.Id;
        var links = parts.Links
            .Select(n => (Named: n, Tenure: Tenure.Of(n.Link.Span(), n.Link.Sources)))
            .Select(n => (n.Named, n.Tenure, Holding: n.Tenure.On(date.Lower, date.Upper, today)))
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
            parts.Summary,
            parts.Parent,
            parts.Children,
            leadership,
            possible,
            Tree(null),
            [.. bureaus.Possible.Select(p => new OrgChartPossibleBureau(p.Reason, p.Tenure.Explain(p.Reason, "the unit", "establishment", "dissolution"), Unit(p.Body, []))) ],
            institutions.Known.GroupBy(i => i.Kind.ToString()).ToDictionary(g => g.Key, g => (IReadOnlyList<OrgChartInstitution>)g.Select(Institution).ToList()),
            [.. institutions.Possible.Select(p => new OrgChartPossibleInstitution(p.Reason, p.Tenure.Explain(p.Reason, "the institution", "establishment", "dissolution"), Institution(p.Body))) ],
            parts.Events,
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
    internal static (IEnumerable<T> Known, IEnumerable<(T Body, PossibleReason Reason, Tenure Tenure)> Possible) Existing<T>(IReadOnlyList<T> bodies, PartialDate date, DateOnly today)
        where T : Body
    {
        var all = bodies.Select(b => (Body: b, Tenure: Tenure.Of(b.Existence(), b.Sources))).Select(b => (b.Body, b.Tenure, Holding: b.Tenure.On(date.Lower, date.Upper, today))).ToList();
        return (all.Where(b => b.Holding.Known).Select(b => b.Body), all.Where(b => b.Holding.Possible).Select(b => (b.Body, b.Holding.Reason!.Value, b.Tenure)));
    }
}
