using System.Data;
using System.Data.Common;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.OrgLinks;
using IldRegistry.Data;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.OrgLinks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IldRegistry.Api.Features.Departments;

/// <summary>
/// Builds the org chart in one round trip to the database whatever the department's size: one batch of the department
/// with its parent, its children, its leadership, its bureaus, its institutions, its latest events and its links to
/// other organisations (with their ends' names). The bureau tree is assembled in memory from one flat list. With <c>recordedAsOf</c>, the same chart is drawn from the records as the registry
/// held them at that past moment.
/// </summary>
public sealed class OrgChartService(RegistryDbContext db, DepartmentService departments, RecordedHistory history, TimeProvider clock)
{
    public const int RecentEventCount = 10;

    public async Task<OrgChart> GetAsync(string idOrSlug, string? asOf, string? recordedAsOf, CancellationToken ct)
    {
        var date = AsOf.Parse(asOf, clock);
        var today = AsOf.Today(clock);
        if (recordedAsOf is null)
        {
            return Build(await CurrentAsync(idOrSlug, date, ct), date, today);
        }

        var moment = RecordedHistory.Parse(recordedAsOf, clock);
        return Build(await RecordedAsync(idOrSlug, moment, ct), date, today) with { RecordedAsOf = moment };
    }

    /// <summary>What an org chart is drawn from: the department and its parts, each list in the chart's order.</summary>
    private sealed record Parts(
        DepartmentSummary Summary,
        DepartmentRef? Parent,
        List<DepartmentRef> Children,
        List<Post> Posts,
        List<Unit> Bureaus,
        List<Member> Institutions,
        List<OrgChartEvent> Events,
        List<NamedLink> Links);

    /// <summary>A post as the chart shows it, with its title and the tenure its dates and sources give.</summary>
    private sealed record Post(OrgChartLeader Node, string Title, Tenure Tenure);

    /// <summary>A unit as the chart shows it (without children), with its parent unit and its existence.</summary>
    private sealed record Unit(OrgChartBureau Node, Guid? ParentBureauId, Tenure Tenure);

    /// <summary>An institution as the chart shows it, with its kind and its existence.</summary>
    private sealed record Member(OrgChartInstitution Node, string Kind, Tenure Tenure);

    /// <summary>
    /// The registry now, in one round trip: the department with its parent, its children, of the posts, units and
    /// institutions those whose dates at their widest reach <paramref name="date"/> (no other can hold or exist then,
    /// known or possibly), its latest events and its links with their ends' names. A department that is not live
    /// costs one more query, to tell 404 from 410.
    /// </summary>
    private async Task<Parts> CurrentAsync(string idOrSlug, PartialDate date, CancellationToken ct)
    {
        var key = DepartmentService.KeyOf(idOrSlug);
        var sql = key.Id == DepartmentKey.ById ? ById : BySlug;

        // Seven statements, one batch. Each finds its rows by an index on the department whatever the date, so each
        // runs its generic plan.
        var parts = await SqlBatch.ReadAsync(
            db,
            [
                DepartmentService.SummaryStatement(key),
                new SqlBatch.Statement(sql.Children, key.Parameter) { GenericPlan = true },
                new SqlBatch.Statement(sql.Posts, On(key, date)) { GenericPlan = true },
                new SqlBatch.Statement(sql.Bureaus, On(key, date)) { GenericPlan = true },
                new SqlBatch.Statement(sql.Institutions, On(key, date)) { GenericPlan = true },
                new SqlBatch.Statement(sql.Events, key.Parameter) { GenericPlan = true },
                new SqlBatch.Statement(sql.Links, key.Parameter) { GenericPlan = true },
            ],
            async (reader, token) =>
            {
                var department = await SqlBatch.RowsAsync(reader, DepartmentService.ReadSummary, token);
                return department.Count == 0 ? null : new Parts(
                    department[0].Summary,
                    department[0].Parent,
                    await SqlBatch.RowsAsync(reader, r => new DepartmentRef(r.GetGuid("id"), r.GetString("slug"), r.GetString("name")), token),
                    await SqlBatch.RowsAsync(reader, r => PostRow.Read(r).Post(), token),
                    await SqlBatch.RowsAsync(reader, r => BureauRow.Read(r), token),
                    await SqlBatch.RowsAsync(reader, r => InstitutionRow.Read(r), token),
                    await SqlBatch.RowsAsync(reader, r => new OrgChartEvent(
                        r.GetGuid("id"), PartialDate.FromStored(r.GetString("date"))!, PartialDate.FromStored(SqlBatch.Text(r, "end_date")),
                        r.GetString("title"), SqlBatch.Lenient<EventKind>(r.GetString("kind"))), token),
                    await SqlBatch.RowsAsync(reader, LinkRow.Read, token));
            },
            ct);

        return parts ?? throw await departments.MissingAsync(idOrSlug, ct);
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
            .OrderBy(l => l.Rank).ThenBy(l => people[l.PersonId].Name, StringComparer.Ordinal).ThenBy(l => l.Id)
            .Select(l => new Post(
                new OrgChartLeader(l.Id, l.PersonId, people[l.PersonId].Name, people[l.PersonId].NativeName, l.Title, l.Rank, l.Start, l.End),
                l.Title,
                Tenure.Of(l.Tenure(), l.Sources)))
            .ToList();
        var bureausThen = await history.AllAsync<Domain.Bureaus.Bureau>(at, ct);
        var institutionsThen = await history.AllAsync<Domain.Institutions.Institution>(at, ct);
        var bureaus = Live(bureausThen, b => b.DepartmentId == id)
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Name, StringComparer.Ordinal).ThenBy(b => b.Id)
            .Select(b => new Unit(
                new OrgChartBureau(b.Id, b.Name, b.AlternateName, b.Kind, b.Number, b.Region, b.Established, b.Dissolved, b.DissolvedStatus, []),
                b.ParentBureauId,
                Tenure.Of(b.Existence(), b.Sources)))
            .ToList();
        var institutions = Live(institutionsThen, i => i.DepartmentId == id)
            .OrderBy(i => i.Kind.ToString(), StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id)
            .Select(i => new Member(
                new OrgChartInstitution(i.Id, i.Name, i.NativeName, i.Established, i.Dissolved, i.DissolvedStatus, i.Location),
                i.Kind.ToString(),
                Tenure.Of(i.Existence(), i.Sources)))
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
        var holdings = LeaderService.Classify(parts.Posts, p => p.Title, p => p.Tenure, date, today);
        var leadership = holdings.Where(h => h.Holding.Known).Select(h => h.Post.Node).ToList();
        var possible = holdings.Where(h => h.Holding.Possible)
            .Select(h => new OrgChartPossibleLeader(h.Holding.Reason!.Value, h.Post.Node))
            .ToList();

        // Units and institutions exist on the date as posts hold: by their dates and what their sources attest.
        var bureaus = Existing(parts.Bureaus, b => b.Tenure, date, today);
        var institutions = Existing(parts.Institutions, i => i.Tenure, date, today);

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
        var ids = known.Select(b => b.Node.Id).ToHashSet();
        var byParent = known.ToLookup(b => b.ParentBureauId is { } p && ids.Contains(p) ? p : (Guid?)null);
        IReadOnlyList<OrgChartBureau> Tree(Guid? parent) => byParent[parent].Select(b => b.Node with { Children = Tree(b.Node.Id) }).ToList();

        return new OrgChart(
            date.Text,
            parts.Summary,
            parts.Parent,
            parts.Children,
            leadership,
            possible,
            Tree(null),
            [.. bureaus.Possible.Select(p => new OrgChartPossibleBureau(p.Reason, p.Tenure.Explain(p.Reason, "the unit", "establishment", "dissolution"), p.Body.Node)) ],
            institutions.Known.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => (IReadOnlyList<OrgChartInstitution>)g.Select(i => i.Node).ToList()),
            [.. institutions.Possible.Select(p => new OrgChartPossibleInstitution(p.Reason, p.Tenure.Explain(p.Reason, "the institution", "establishment", "dissolution"), p.Body.Node)) ],
            parts.Events,
            [.. links.Where(n => Parent(n.Named) && n.Holding.Known).Select(n => Link(n.Named))],
            [.. links.Where(n => Parent(n.Named) && n.Holding.Possible).Select(Possible)],
            [.. links.Where(n => !Parent(n.Named) && n.Holding.Known).Select(n => Link(n.Named))],
            [.. links.Where(n => !Parent(n.Named) && n.Holding.Possible).Select(Possible)]);
    }

    private static OrgChartLink Link(NamedLink n) =>
        new(n.Link.Id, n.Link.Kind, n.Link.FromType, n.Link.FromId, n.FromName, n.Link.ToType, n.Link.ToId, n.ToName, n.Link.Start, n.Link.End, n.Link.EndStatus);

    /// <summary>The bodies known to exist on the date, in the order given, and apart from them those that may, with why.</summary>
    private static (IEnumerable<T> Known, IEnumerable<(T Body, PossibleReason Reason, Tenure Tenure)> Possible) Existing<T>(IReadOnlyList<T> bodies, Func<T, Tenure> tenure, PartialDate date, DateOnly today)
    {
        var all = bodies.Select(b => (Body: b, Tenure: tenure(b))).Select(b => (b.Body, b.Tenure, Holding: b.Tenure.On(date.Lower, date.Upper, today))).ToList();
        return (all.Where(b => b.Holding.Known).Select(b => b.Body), all.Where(b => b.Holding.Possible).Select(b => (b.Body, b.Holding.Reason!.Value, b.Tenure)));
    }

    // The reads are SQL of their own, sent as one batch: a LINQ query of the entities had EF Core build each row's
    // entity with its JSON collections (sources, claims, names, identifiers), which was most of the chart's CPU
    // (bench/README.md). The sources are read as EF Core wrote them, as the entities had them.
    // Only rows whose dates at their widest reach the date: a known start or end counts from its first day to its
    // last (its bounds lie within it), an unknown one is no limit. Reading every row of a department with 100 posts
    // made the other posts' sources most of the chart's work (bench/README.md).
    private static NpgsqlParameter[] On(DepartmentKey key, PartialDate date) =>
        [key.Parameter, new NpgsqlParameter<DateOnly>("lower", date.Lower), new NpgsqlParameter<DateOnly>("upper", date.Upper)];

    private static string DatesOf(string alias) => $"""
        {alias}.established_text AS established, {alias}.established_not_before_text AS established_not_before,
        {alias}.established_not_after_text AS established_not_after, {alias}.dissolved_text AS dissolved, {alias}.dissolved_status,
        {alias}.dissolved_not_before_text AS dissolved_not_before, {alias}.dissolved_not_after_text AS dissolved_not_after, {alias}.sources::text AS sources
        """;

    private static readonly Statements ById = new(DepartmentKey.ById);

    private static readonly Statements BySlug = new(DepartmentKey.BySlug);

    /// <summary>The chart's statements for a department whose id is the SQL <paramref name="department"/> (<see cref="DepartmentKey"/>).</summary>
    private sealed class Statements(string department)
    {
        public string Children { get; } = $"""
            SELECT d.id, d.slug, d.name
            FROM departments d
            WHERE d.deleted_at IS NULL AND d.parent_id = {department}
            ORDER BY d.name
            """;

        public string Posts { get; } = $"""
            SELECT l.id, l.person_id, p.name AS person_name, p.native_name AS person_native_name, l.title, l.rank,
                   l.start_text AS start, l.start_not_before_text AS start_not_before, l.start_not_after_text AS start_not_after,
                   l.end_text AS "end", l.end_status, l.end_not_before_text AS end_not_before, l.end_not_after_text AS end_not_after,
                   l.sources::text AS sources
            FROM leaders l
            JOIN people p ON p.id = l.person_id AND p.deleted_at IS NULL
            WHERE l.deleted_at IS NULL AND l.department_id = {department} AND {DatedSql.Reaching("l", "start", "end")}
            ORDER BY l.rank, p.name, l.id
            """;

        public string Bureaus { get; } = $"""
            SELECT b.id, b.name, b.alternate_name, b.kind, b.number, b.region, b.parent_bureau_id, {DatesOf("b")}
            FROM bureaus b
            WHERE b.deleted_at IS NULL AND b.department_id = {department} AND {DatedSql.Reaching("b", "established", "dissolved")}
            ORDER BY b.sort_order, b.name, b.id
            """;

        public string Institutions { get; } = $"""
            SELECT i.id, i.name, i.native_name, i.kind, i.location, {DatesOf("i")}
            FROM institutions i
            WHERE i.deleted_at IS NULL AND i.department_id = {department} AND {DatedSql.Reaching("i", "established", "dissolved")}
            ORDER BY i.kind, i.name, i.id
            """;

        public string Events { get; } = $"""
            SELECT e.id, e.date_text AS date, e.end_date_text AS end_date, e.title, e.kind
            FROM events e
            WHERE e.deleted_at IS NULL AND e.department_id = {department}
            ORDER BY e.date_lower DESC, e.date_upper DESC, e.id DESC
            LIMIT {RecentEventCount}
            """;

        // Every live link with either end at the department, as OrgLinkRows.OfAsync reads them (same order, each
        // end's name from the table its type names, a deleted end read as no name).
        public string Links { get; } = $"""
            SELECT o.id, o.from_type, o.from_id, o.kind, o.to_type, o.to_id,
                   o.start_text AS start, o.start_not_before_text AS start_not_before, o.start_not_after_text AS start_not_after,
                   o.end_text AS "end", o.end_status, o.end_not_before_text AS end_not_before, o.end_not_after_text AS end_not_after,
                   o.note, o.sources::text AS sources, o.created_at, o.updated_at, o.xmin::text::bigint AS version,
                   {EndName("o.from_type", "o.from_id")} AS from_name, {EndName("o.to_type", "o.to_id")} AS to_name
            FROM org_links o
            WHERE o.deleted_at IS NULL AND (o.from_id = {department} OR o.to_id = {department})
            ORDER BY o.start_lower IS NULL, o.start_lower, o.id
            """;

        private static string EndName(string type, string id) => $"""
            CASE {type}
                WHEN '{nameof(OrgType.Department)}' THEN (SELECT n.name FROM departments n WHERE n.id = {id} AND n.deleted_at IS NULL)
                WHEN '{nameof(OrgType.Bureau)}' THEN (SELECT n.name FROM bureaus n WHERE n.id = {id} AND n.deleted_at IS NULL)
                ELSE (SELECT n.name FROM institutions n WHERE n.id = {id} AND n.deleted_at IS NULL)
            END
            """;
    }

    /// <summary>One post with its holder, read from <see cref="Statements.Posts"/>' columns by name.</summary>
    private sealed record PostRow(
        Guid Id, Guid PersonId, string PersonName, string? PersonNativeName, string Title, int Rank,
        string? Start, string? StartNotBefore, string? StartNotAfter, string? End, string EndStatus, string? EndNotBefore, string? EndNotAfter, string Sources)
    {
        public static PostRow Read(DbDataReader r) => new(
            r.GetGuid("id"), r.GetGuid("person_id"), r.GetString("person_name"), SqlBatch.Text(r, "person_native_name"), r.GetString("title"), r.GetInt32("rank"),
            SqlBatch.Text(r, "start"), SqlBatch.Text(r, "start_not_before"), SqlBatch.Text(r, "start_not_after"),
            SqlBatch.Text(r, "end"), r.GetString("end_status"), SqlBatch.Text(r, "end_not_before"), SqlBatch.Text(r, "end_not_after"), r.GetString("sources"));

        public Post Post() => new(
            new OrgChartLeader(Id, PersonId, PersonName, PersonNativeName, Title, Rank, PartialDate.FromStored(Start), PartialDate.FromStored(End)),
            Title,
            Tenure.Of(
                new DateSpan(PartialDate.FromStored(Start), PartialDate.FromStored(StartNotBefore), PartialDate.FromStored(StartNotAfter),
                    PartialDate.FromStored(End), SqlBatch.Lenient<EndStatus>(EndStatus), PartialDate.FromStored(EndNotBefore), PartialDate.FromStored(EndNotAfter)),
                JsonColumns.Sources(Sources)));
    }

    /// <summary>The columns of a unit or institution that say when it existed (<see cref="DatesOf"/>), read by name.</summary>
    private sealed record BodyDates(
        string? Established, string? EstablishedNotBefore, string? EstablishedNotAfter,
        string? Dissolved, EndStatus DissolvedStatus, string? DissolvedNotBefore, string? DissolvedNotAfter, string Sources)
    {
        public static BodyDates Read(DbDataReader r) => new(
            SqlBatch.Text(r, "established"), SqlBatch.Text(r, "established_not_before"), SqlBatch.Text(r, "established_not_after"),
            SqlBatch.Text(r, "dissolved"), SqlBatch.Lenient<EndStatus>(r.GetString("dissolved_status")), SqlBatch.Text(r, "dissolved_not_before"),
            SqlBatch.Text(r, "dissolved_not_after"), r.GetString("sources"));

        public Tenure Tenure() => Domain.Common.Tenure.Of(
            new DateSpan(PartialDate.FromStored(Established), PartialDate.FromStored(EstablishedNotBefore), PartialDate.FromStored(EstablishedNotAfter),
                PartialDate.FromStored(Dissolved), DissolvedStatus, PartialDate.FromStored(DissolvedNotBefore), PartialDate.FromStored(DissolvedNotAfter)),
            JsonColumns.Sources(Sources));
    }

    /// <summary>One unit, read from <see cref="Statements.Bureaus"/>' columns by name.</summary>
    private static class BureauRow
    {
        public static Unit Read(DbDataReader r)
        {
            var dates = BodyDates.Read(r);
            var node = new OrgChartBureau(
                r.GetGuid("id"), r.GetString("name"), SqlBatch.Text(r, "alternate_name"), SqlBatch.Lenient<BureauKind>(r.GetString("kind")),
                r.IsDBNull("number") ? null : r.GetInt32("number"), SqlBatch.Text(r, "region"),
                PartialDate.FromStored(dates.Established), PartialDate.FromStored(dates.Dissolved), dates.DissolvedStatus, []);
            return new Unit(node, r.IsDBNull("parent_bureau_id") ? null : r.GetGuid("parent_bureau_id"), dates.Tenure());
        }
    }

    /// <summary>One institution, read from <see cref="Statements.Institutions"/>' columns by name.</summary>
    private static class InstitutionRow
    {
        public static Member Read(DbDataReader r)
        {
            var dates = BodyDates.Read(r);
            var node = new OrgChartInstitution(
                r.GetGuid("id"), r.GetString("name"), SqlBatch.Text(r, "native_name"),
                PartialDate.FromStored(dates.Established), PartialDate.FromStored(dates.Dissolved), dates.DissolvedStatus, SqlBatch.Text(r, "location"));
            return new Member(node, SqlBatch.Lenient<InstitutionKind>(r.GetString("kind")).ToString(), dates.Tenure());
        }
    }

    /// <summary>One link with its ends' names, read from <see cref="Statements.Links"/>' columns by name: the link's own fields, without its claims, which the chart does not show.</summary>
    private static class LinkRow
    {
        public static NamedLink Read(DbDataReader r) => new(
            new OrgLink
            {
                Id = r.GetGuid("id"),
                FromType = SqlBatch.Lenient<OrgType>(r.GetString("from_type")),
                FromId = r.GetGuid("from_id"),
                Kind = SqlBatch.Lenient<OrgLinkKind>(r.GetString("kind")),
                ToType = SqlBatch.Lenient<OrgType>(r.GetString("to_type")),
                ToId = r.GetGuid("to_id"),
                Start = PartialDate.FromStored(SqlBatch.Text(r, "start")),
                StartNotBefore = PartialDate.FromStored(SqlBatch.Text(r, "start_not_before")),
                StartNotAfter = PartialDate.FromStored(SqlBatch.Text(r, "start_not_after")),
                End = PartialDate.FromStored(SqlBatch.Text(r, "end")),
                EndStatus = SqlBatch.Lenient<EndStatus>(r.GetString("end_status")),
                EndNotBefore = PartialDate.FromStored(SqlBatch.Text(r, "end_not_before")),
                EndNotAfter = PartialDate.FromStored(SqlBatch.Text(r, "end_not_after")),
                Note = SqlBatch.Text(r, "note"),
                Sources = JsonColumns.Sources(r.GetString("sources")),
                CreatedAt = r.GetFieldValue<DateTimeOffset>("created_at"),
                UpdatedAt = r.GetFieldValue<DateTimeOffset>("updated_at"),
                Version = (uint)r.GetInt64("version"),
            },
            SqlBatch.Text(r, "from_name"),
            SqlBatch.Text(r, "to_name"));
    }
}
