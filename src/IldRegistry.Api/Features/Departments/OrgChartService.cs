using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Data;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IldRegistry.Api.Features.Departments;

/// <summary>
/// Builds the org chart in exactly six SQL queries whatever the department's size: the department with its parent,
/// its children, its leadership, its bureaus, its institutions and its latest events. The bureau tree is assembled
/// in memory from one flat list.
/// </summary>
public sealed class OrgChartService(RegistryDbContext db, DepartmentService departments, TimeProvider clock)
{
    public const int QueryCount = 6;
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
        var posts = await db.Database.SqlQueryRaw<PostRow>(PostsSql, Department(id)).ToListAsync(ct);
        var holdings = LeaderService.Classify(posts, p => p.Title, p => p.Tenure(), date);
        var leadership = holdings.Where(h => h.Holding.Known).Select(h => h.Post.Node()).ToList();
        var possible = holdings.Where(h => h.Holding.Possible)
            .Select(h => new OrgChartPossibleLeader(h.Holding.Reason!.Value, h.Post.Node()))
            .ToList();

        // Units and institutions exist on the date as posts hold: by their dates and what their sources attest.
        var bureaus = Existing(await db.Database.SqlQueryRaw<BureauRow>(BureausSql, Department(id)).ToListAsync(ct), date);
        var institutions = Existing(await db.Database.SqlQueryRaw<InstitutionRow>(InstitutionsSql, Department(id)).ToListAsync(ct), date);

        var events = await db.Events.AsNoTracking()
            .Where(e => e.DepartmentId == id)
            .OrderByDescending(e => e.Date.Lower).ThenByDescending(e => e.Date.Upper).ThenByDescending(e => e.Id)
            .Take(RecentEventCount)
            .Select(e => new OrgChartEvent(e.Id, PartialDate.FromStored(e.Date.Text)!, PartialDate.FromStored(e.EndDate!.Text), e.Title, e.Kind))
            .ToListAsync(ct);

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
            institutions.Known.GroupBy(i => Lenient<InstitutionKind>(i.Kind).ToString()).ToDictionary(g => g.Key, g => (IReadOnlyList<OrgChartInstitution>)g.Select(Institution).ToList()),
            [.. institutions.Possible.Select(p => new OrgChartPossibleInstitution(p.Reason, p.Tenure.Explain(p.Reason, "the institution", "establishment", "dissolution"), Institution(p.Body))) ],
            events);
    }

    private static OrgChartBureau Unit(BureauRow b, IReadOnlyList<OrgChartBureau> children) =>
        new(b.Id, b.Name, b.AlternateName, Lenient<BureauKind>(b.Kind), b.Number, b.Region, PartialDate.FromStored(b.Established), PartialDate.FromStored(b.Dissolved), b.EndStatus(), children);

    private static OrgChartInstitution Institution(InstitutionRow i) =>
        new(i.Id, i.Name, i.NativeName, PartialDate.FromStored(i.Established), PartialDate.FromStored(i.Dissolved), i.EndStatus(), i.Location);

    /// <summary>The bodies known to exist on the date, in the order given, and apart from them those that may, with why.</summary>
    internal static (IEnumerable<T> Known, IEnumerable<(T Body, PossibleReason Reason, Tenure Tenure)> Possible) Existing<T>(IReadOnlyList<T> bodies, PartialDate date)
        where T : BodyRow
    {
        var all = bodies.Select(b => (Body: b, Tenure: b.Tenure())).Select(b => (b.Body, b.Tenure, Holding: b.Tenure.On(date.Lower, date.Upper))).ToList();
        return (all.Where(b => b.Holding.Known).Select(b => b.Body), all.Where(b => b.Holding.Possible).Select(b => (b.Body, b.Holding.Reason!.Value, b.Tenure)));
    }

    // The three reads of whole rows are SQL of their own: a LINQ query of the entities had EF Core build each row's
    // entity with its JSON collections (sources, claims, names, identifiers), which was most of the chart's CPU
    // (bench/README.md). The sources are read as EF Core wrote them, as the entities had them.
    private static NpgsqlParameter<Guid> Department(Guid id) => new("department", id);

    private static string DatesOf(string alias) => $"""
        {alias}.established_text AS established, {alias}.established_not_before_text AS established_not_before,
        {alias}.established_not_after_text AS established_not_after, {alias}.dissolved_text AS dissolved, {alias}.dissolved_status,
        {alias}.dissolved_not_before_text AS dissolved_not_before, {alias}.dissolved_not_after_text AS dissolved_not_after, {alias}.sources::text AS sources
        """;

    private const string PostsSql = """
        SELECT l.id, l.person_id, p.name AS person_name, p.native_name AS person_native_name, l.title, l.rank,
               l.start_text AS start, l.start_not_before_text AS start_not_before, l.start_not_after_text AS start_not_after,
               l.end_text AS "end", l.end_status, l.end_not_before_text AS end_not_before, l.end_not_after_text AS end_not_after,
               l.sources::text AS sources
        FROM leaders l
        JOIN people p ON p.id = l.person_id AND p.deleted_at IS NULL
        WHERE l.deleted_at IS NULL AND l.department_id = @department
        ORDER BY l.rank, p.name, l.id
        """;

    private static readonly string BureausSql = $"""
        SELECT b.id, b.name, b.alternate_name, b.kind, b.number, b.region, b.parent_bureau_id, {DatesOf("b")}
        FROM bureaus b
        WHERE b.deleted_at IS NULL AND b.department_id = @department
        ORDER BY b.sort_order, b.name, b.id
        """;

    private static readonly string InstitutionsSql = $"""
        SELECT i.id, i.name, i.native_name, i.kind, i.location, {DatesOf("i")}
        FROM institutions i
        WHERE i.deleted_at IS NULL AND i.department_id = @department
        ORDER BY i.kind, i.name, i.id
        """;

    // EF Core reads an enum column it does not recognise as the enum's default; so do these rows.
    private static TEnum Lenient<TEnum>(string value)
        where TEnum : struct, Enum => Enum.TryParse<TEnum>(value, out var parsed) ? parsed : default;

    /// <summary>One post with its holder; EF maps the columns by the snake_case names of these properties.</summary>
    internal sealed class PostRow
    {
        public Guid Id { get; init; }

        public Guid PersonId { get; init; }

        public required string PersonName { get; init; }

        public string? PersonNativeName { get; init; }

        public required string Title { get; init; }

        public int Rank { get; init; }

        public string? Start { get; init; }

        public string? StartNotBefore { get; init; }

        public string? StartNotAfter { get; init; }

        public string? End { get; init; }

        public required string EndStatus { get; init; }

        public string? EndNotBefore { get; init; }

        public string? EndNotAfter { get; init; }

        public required string Sources { get; init; }

        public Tenure Tenure() => Domain.Common.Tenure.Of(
            new DateSpan(PartialDate.FromStored(Start), PartialDate.FromStored(StartNotBefore), PartialDate.FromStored(StartNotAfter),
                PartialDate.FromStored(End), Lenient<EndStatus>(EndStatus), PartialDate.FromStored(EndNotBefore), PartialDate.FromStored(EndNotAfter)),
            JsonColumns.Sources(Sources));

        public OrgChartLeader Node() =>
            new(Id, PersonId, PersonName, PersonNativeName, Title, Rank, PartialDate.FromStored(Start), PartialDate.FromStored(End));
    }

    /// <summary>The columns of a unit or institution that say when it existed.</summary>
    internal abstract class BodyRow
    {
        public Guid Id { get; init; }

        public required string Name { get; init; }

        public required string Kind { get; init; }

        public string? Established { get; init; }

        public string? EstablishedNotBefore { get; init; }

        public string? EstablishedNotAfter { get; init; }

        public string? Dissolved { get; init; }

        public required string DissolvedStatus { get; init; }

        public string? DissolvedNotBefore { get; init; }

        public string? DissolvedNotAfter { get; init; }

        public required string Sources { get; init; }

        public EndStatus EndStatus() => Lenient<EndStatus>(DissolvedStatus);

        public Tenure Tenure() => Domain.Common.Tenure.Of(
            new DateSpan(PartialDate.FromStored(Established), PartialDate.FromStored(EstablishedNotBefore), PartialDate.FromStored(EstablishedNotAfter),
                PartialDate.FromStored(Dissolved), EndStatus(), PartialDate.FromStored(DissolvedNotBefore), PartialDate.FromStored(DissolvedNotAfter)),
            JsonColumns.Sources(Sources));
    }

    internal sealed class BureauRow : BodyRow
    {
        public string? AlternateName { get; init; }

        public int? Number { get; init; }

        public string? Region { get; init; }

        public Guid? ParentBureauId { get; init; }
    }

    internal sealed class InstitutionRow : BodyRow
    {
        public string? NativeName { get; init; }

        public string? Location { get; init; }
    }
}
