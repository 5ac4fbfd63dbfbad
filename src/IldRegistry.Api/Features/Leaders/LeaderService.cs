using System.Data;
using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Leaders;

public sealed class LeaderService(RegistryDbContext db, TimeProvider clock, TotalCounts totals, DepartmentService departments)
    : ResourceService<Leader, LeaderRequest, LeaderResponse>(db, clock, totals)
{
    private static readonly SortMap<Leader> Sorts = new SortMap<Leader>("rank")
        // Rank then start, so posts of equal rank read in the order they were taken up (an unknown start last).
        .Add("rank", l => l.Rank, l => l.Start!.Lower, keyset: false)
        .Add("start", l => l.Start!.Lower, keyset: false)
        .Add("title", l => l.Title)
        .Add("person", l => l.Person!.Name)
        .Add("createdAt", l => l.CreatedAt)
        .Add("updatedAt", l => l.UpdatedAt);

    private static readonly Expression<Func<Leader, LeaderResponse>> ToResponse = l => new LeaderResponse
    {
        Id = l.Id,
        Person = new LeaderPersonRef(l.Person!.Id, l.Person.Name, l.Person.NativeName),
        Department = new DepartmentRef(l.Department!.Id, l.Department.Slug, l.Department.Name),
        Title = l.Title,
        Rank = l.Rank,
        Start = PartialDate.FromStored(l.Start!.Text),
        StartNotBefore = PartialDate.FromStored(l.StartNotBefore!.Text),
        StartNotAfter = PartialDate.FromStored(l.StartNotAfter!.Text),
        End = PartialDate.FromStored(l.End!.Text),
        EndStatus = l.EndStatus,
        EndNotBefore = PartialDate.FromStored(l.EndNotBefore!.Text),
        EndNotAfter = PartialDate.FromStored(l.EndNotAfter!.Text),
        Sources = Array.Empty<Source>(),
        CreatedAt = l.CreatedAt,
        UpdatedAt = l.UpdatedAt,
        Version = l.Version,
    };

    // A field initializer, not a capture: the parameter also goes to the base constructor.
    private readonly TimeProvider _clock = clock;

    public async Task<PagedResult<LeaderResponse>> ListAsync(LeaderListQuery query, PageQuery paging, CancellationToken ct)
    {
        var leaders = Db.Leaders.AsNoTracking();
        leaders = leaders.InDepartment(query.DepartmentId, query.Department);

        if (query.PersonId is { } personId)
        {
            leaders = leaders.Where(l => l.PersonId == personId);
        }

        if (!string.IsNullOrWhiteSpace(query.Title))
        {
            var title = EscapeLike(query.Title.Trim());
            leaders = leaders.Where(l => EF.Functions.ILike(l.Title, title));
        }

        if (query.Current is { } current)
        {
            leaders = current ? leaders.Where(l => l.EndStatus == EndStatus.Ongoing) : leaders.Where(l => l.End != null);
        }

        // The validator has already rejected dates that do not parse.
        if (PartialDate.TryParse(query.AsOf, out var asOf))
        {
            leaders = Serving(leaders, asOf.Lower, asOf.Upper);
        }

        if (PartialDate.TryParse(query.From, out var from))
        {
            leaders = leaders.Where(l => l.End == null || l.End.Upper >= from.Lower);
        }

        if (PartialDate.TryParse(query.To, out var to))
        {
            leaders = leaders.Where(l => l.Start == null || l.Start.Lower <= to.Upper);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = $"%{EscapeLike(query.Q.Trim())}%";
            leaders = leaders.Where(l =>
                EF.Functions.ILike(l.Title, pattern)
                || EF.Functions.ILike(l.Person!.Name, pattern)
                || (l.Person.NativeName != null && EF.Functions.ILike(l.Person.NativeName, pattern))
                || (l.Person.RomanizedName != null && EF.Functions.ILike(l.Person.RomanizedName, pattern))
                || l.Person.OtherNames.Any(n => EF.Functions.ILike(n.Name, pattern)));
        }

        if (asOf is not null)
        {
            return await ListAsOfAsync(leaders, query, asOf, paging, ct);
        }

        var page = await PageAsync(leaders, query with { Sort = null }, Sorts, query.Sort, paging, ToResponse, ct);
        return page with { Items = await CompleteAsync(page.Items, ct) };
    }

    /// <summary>
    /// The list as of a date, in three values: whether a post is known to be held then or only may be depends on its
    /// sources' attestations and, for a sole-holder post, on the other holders in its department. So the posts the SQL
    /// filter lets through (every one that may hold) are classified as the leadership is (<see cref="Classify{T}"/>),
    /// department by department, and the page is cut from those of the mode asked for.
    /// </summary>
    private async Task<PagedResult<LeaderResponse>> ListAsOfAsync(
        IQueryable<Leader> leaders, LeaderListQuery query, PartialDate asOf, PageQuery paging, CancellationToken ct)
    {
        if (paging.After is not null)
        {
            throw new FieldValidationException("after", "With 'asOf', page with 'page': which posts hold is decided after the database's filter, so there is no keyset to go on from.");
        }

        var candidates = await CompleteAsync(await Sorts.Apply(leaders, query.Sort).Select(ToResponse).ToListAsync(ct), ct);
        var today = AsOf.Today(_clock);
        var holdings = candidates
            .GroupBy(p => p.Department.Id)
            .SelectMany(department => Classify(department.ToList(), p => p.Title, TenureOf, asOf, today))
            .ToDictionary(h => h.Post.Id, h => h.Holding);
        var possible = query.AsOfMode == AsOfMode.Possible;
        var selected = candidates
            .Where(p => holdings.TryGetValue(p.Id, out var holding) && (possible ? holding.Possible : holding.Known))
            .Select(p => possible ? p with { PossibleReason = holdings[p.Id].Reason } : p)
            .ToList();
        return new PagedResult<LeaderResponse>([.. selected.Skip(paging.Skip).Take(paging.PageSize)], paging.Page, paging.PageSize, selected.Count);
    }

    /// <summary>
    /// The posts of one department on <see cref="LeadershipQuery.AsOf"/> (default today, UTC), by rank: those known to
    /// be held then, and apart from them those that may be, with the reason (see <see cref="Tenure"/>). On a single day a
    /// sole-holder post (<see cref="SoleHolderTitles"/>) has at most one holder known: a known holder rules out the
    /// merely possible ones, and two holders whose dates both reach the day are both only possible.
    /// </summary>
    public async Task<DepartmentLeadershipResponse> LeadershipAsync(string idOrSlug, LeadershipQuery query, CancellationToken ct)
    {
        var asOf = AsOf.Parse(query.AsOf, _clock);
        var recordedAsOf = query.RecordedAsOf is { } moment ? RecordedHistory.Parse(moment, _clock) : (DateTimeOffset?)null;
        DepartmentRef department;
        List<LeaderResponse> complete;
        if (recordedAsOf is { } at)
        {
            var (summary, _) = await departments.GetSummaryAsync(idOrSlug, ct);
            department = new DepartmentRef(summary.Id, summary.Slug, summary.Name);
            complete = await RecordedPostsAsync(department.Id, at, ct);
        }
        else
        {
            (department, complete) = await ServingPostsAsync(idOrSlug, asOf, ct);
        }

        var holdings = Classify(complete, p => p.Title, TenureOf, asOf, AsOf.Today(_clock));

        return new DepartmentLeadershipResponse(
            department,
            asOf,
            [.. holdings.Where(h => h.Holding.Known).Select(h => h.Post)],
            [.. holdings.Where(h => h.Holding.Possible).Select(h => new PossibleLeaderResponse(h.Holding.Reason!.Value, Explain(h.Post, h.Holding.Reason.Value), h.Post))])
        {
            RecordedAsOf = recordedAsOf,
        };
    }

    /// <summary>
    /// The department and, in the order of <see cref="Sorts"/>' rank, its posts whose dates at their widest reach the
    /// date (<see cref="Serving"/>: no other can hold then, known or possibly) with their sources, whose attestations
    /// decide which of them hold: one round trip, the summary and <see cref="Leadership"/> in one batch. Reading every
    /// post of a department with 100 made the sources of the other 95 most of the request's work, and the summary, the
    /// posts and their sources were three round trips (bench/README.md). A department that is not live costs one more
    /// query, to tell 404 from 410.
    /// </summary>
    private async Task<(DepartmentRef Department, List<LeaderResponse> Posts)> ServingPostsAsync(string idOrSlug, PartialDate asOf, CancellationToken ct)
    {
        var key = DepartmentService.KeyOf(idOrSlug);
        var found = await SqlBatch.ReadAsync(
            Db,
            [
                DepartmentService.SummaryStatement(key),
                new SqlBatch.Statement(key.Id == DepartmentKey.ById ? Leadership.ById : Leadership.BySlug, key.Parameter,
                    new Npgsql.NpgsqlParameter<DateOnly>("lower", asOf.Lower), new Npgsql.NpgsqlParameter<DateOnly>("upper", asOf.Upper)) { GenericPlan = true },
            ],
            async (reader, token) =>
            {
                var summary = await SqlBatch.RowsAsync(reader, DepartmentService.ReadSummary, token);
                if (summary.Count == 0)
                {
                    return ((DepartmentRef, List<LeaderResponse>)?)null;
                }

                var department = new DepartmentRef(summary[0].Summary.Id, summary[0].Summary.Slug, summary[0].Summary.Name);
                return (department, await SqlBatch.RowsAsync(reader, r => Leadership.Read(r, department), token));
            },
            ct);
        return found ?? throw await departments.MissingAsync(idOrSlug, ct);
    }

    /// <summary>
    /// The SQL of <see cref="ServingPostsAsync"/>'s posts: the columns and order of <see cref="ToResponse"/> under
    /// <see cref="Sorts"/>' rank (as EF Core writes that query, its holder live), filtered as <see cref="Serving"/>
    /// filters (<see cref="DatedSql.Reaching"/>), with the jsonb columns as <see cref="JsonColumns"/> reads them.
    /// </summary>
    private static class Leadership
    {
        public static readonly string ById = For(DepartmentKey.ById);

        public static readonly string BySlug = For(DepartmentKey.BySlug);

        private static string For(string department) => $"""
            SELECT l.id, p.id AS person_id, p.name AS person_name, p.native_name AS person_native_name, l.title, l.rank,
                   l.start_text AS start, l.start_not_before_text AS start_not_before, l.start_not_after_text AS start_not_after,
                   l.end_text AS "end", l.end_status, l.end_not_before_text AS end_not_before, l.end_not_after_text AS end_not_after,
                   l.created_at, l.updated_at, l.xmin::text::bigint AS version,
                   {JsonColumns.Cited("l.sources")} AS sources, {JsonColumns.Claimed("l.claims")} AS claims
            FROM leaders l
            JOIN people p ON p.id = l.person_id AND p.deleted_at IS NULL
            WHERE l.deleted_at IS NULL AND l.department_id = {department} AND {DatedSql.Reaching("l", "start", "end")}
            ORDER BY l.rank, l.start_lower, l.id
            """;

        public static LeaderResponse Read(System.Data.Common.DbDataReader r, DepartmentRef department) => new()
        {
            Id = r.GetGuid("id"),
            Person = new LeaderPersonRef(r.GetGuid("person_id"), r.GetString("person_name"), SqlBatch.Text(r, "person_native_name")),
            Department = department,
            Title = r.GetString("title"),
            Rank = r.GetInt32("rank"),
            Start = PartialDate.FromStored(SqlBatch.Text(r, "start")),
            StartNotBefore = PartialDate.FromStored(SqlBatch.Text(r, "start_not_before")),
            StartNotAfter = PartialDate.FromStored(SqlBatch.Text(r, "start_not_after")),
            End = PartialDate.FromStored(SqlBatch.Text(r, "end")),
            EndStatus = SqlBatch.Lenient<EndStatus>(r.GetString("end_status")),
            EndNotBefore = PartialDate.FromStored(SqlBatch.Text(r, "end_not_before")),
            EndNotAfter = PartialDate.FromStored(SqlBatch.Text(r, "end_not_after")),
            Sources = JsonColumns.Sources(r.GetString("sources")),
            Claims = JsonColumns.Claims(r.GetString("claims")),
            CreatedAt = r.GetFieldValue<DateTimeOffset>("created_at"),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>("updated_at"),
            Version = (uint)r.GetInt64("version"),
        };
    }

    /// <summary>
    /// The department's posts as the registry held them at <paramref name="at"/>, live then, in the order of
    /// <see cref="Sorts"/>' rank: the same projection as today's, run in memory over records rebuilt from history.
    /// </summary>
    private async Task<List<LeaderResponse>> RecordedPostsAsync(Guid departmentId, DateTimeOffset at, CancellationToken ct)
    {
        var history = new RecordedHistory(Db);
        var people = await history.AllAsync<Person>(at, ct);
        var departmentsThen = await history.AllAsync<Department>(at, ct);
        var sourcesThen = (await history.AllAsync<IldRegistry.Domain.Sources.SourceDocument>(at, ct))
            .Where(s => !s.Value.Deleted).ToDictionary(s => s.Key, s => s.Value.Record);
        var posts = (await history.AllAsync<Leader>(at, ct)).Values
            .Select(s => s.Record)
            .Where(l => l.DeletedAt is null && l.DepartmentId == departmentId)
            .ToList();
        foreach (var post in posts)
        {
            post.Person = people.GetValueOrDefault(post.PersonId)?.Record;
            post.Department = departmentsThen.GetValueOrDefault(post.DepartmentId)?.Record;
        }

        var project = CompiledResponse.Value;
        return [.. posts.Where(p => p.Person is not null && p.Department is not null)
            .OrderBy(p => p.Rank).ThenBy(p => p.Start is null).ThenBy(p => p.Start?.Lower)
            .Select(p => project(p) with
            {
                Sources = Citations.Cited(p.Sources, sourcesThen),
                Claims = [.. p.Claims.Select(c => new Claim { Field = c.Field, Value = c.Value, Preferred = c.Preferred, Note = c.Note, Sources = Citations.Cited(c.Sources, sourcesThen) })],
            })];
    }

    private static readonly Lazy<Func<Leader, LeaderResponse>> CompiledResponse = new(() => RecordedHistory.InMemory(ToResponse));

    /// <summary>Every post of one department, by rank then start, with its sources (for the timeline picture).</summary>
    public async Task<DepartmentTimeline> TimelineAsync(string idOrSlug, CancellationToken ct)
    {
        var (summary, _) = await departments.GetSummaryAsync(idOrSlug, ct);
        var posts = await Sorts.Apply(Db.Leaders.AsNoTracking().Where(l => l.DepartmentId == summary.Id), "rank").Select(ToResponse).ToListAsync(ct);
        return new DepartmentTimeline(new DepartmentRef(summary.Id, summary.Slug, summary.Name), [.. await CompleteAsync(posts, ct)]);
    }

    /// <summary>The posts that one person holds at a time (titles compared without case).</summary>
    public static readonly IReadOnlySet<string> SoleHolderTitles = new HashSet<string>(["Head"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The posts that hold on <paramref name="asOf"/>, known or possible, in the order given. On a single day a
    /// sole-holder post has at most one known holder: a known one rules out the merely possible, and two known ones
    /// are both only possible (<see cref="PossibleReason.SoleHolderUndecided"/>).
    /// </summary>
    internal static List<(T Post, Holding Holding)> Classify<T>(IReadOnlyList<T> posts, Func<T, string> title, Func<T, Tenure> tenure, PartialDate asOf, DateOnly today)
        where T : notnull
    {
        var holdings = posts
            .Select((p, i) => (Post: (Item: p, Index: i), Holding: tenure(p).On(asOf.Lower, asOf.Upper, today)))
            .Where(h => h.Holding.Any)
            .ToList();
        if (asOf.Lower == asOf.Upper)
        {
            holdings = [.. holdings.GroupBy(h => SoleHolderTitles.Contains(title(h.Post.Item)) ? "sole:" + title(h.Post.Item).ToUpperInvariant() : "post:" + h.Post.Index)
                .SelectMany(SoleHolder)
                .OrderBy(h => h.Post.Index)];
        }

        return [.. holdings.Select(h => (h.Post.Item, h.Holding))];
    }

    internal static Tenure TenureOf(LeaderResponse p) =>
        Tenure.Of(new DateSpan(p.Start, p.StartNotBefore, p.StartNotAfter, p.End, p.EndStatus, p.EndNotBefore, p.EndNotAfter), p.Sources);

    private static IEnumerable<(T Post, Holding Holding)> SoleHolder<T>(IEnumerable<(T Post, Holding Holding)> group)
    {
        var all = group.ToList();
        var known = all.Count(h => h.Holding.Known);
        return known switch
        {
            0 => all,
            1 => all.Where(h => h.Holding.Known),
            _ => all.Select(h => h.Holding.Known ? (h.Post, new Holding(false, PossibleReason.SoleHolderUndecided)) : h)
                .Where(h => h.Item2.Reason == PossibleReason.SoleHolderUndecided),
        };
    }

    private static string Explain(LeaderResponse post, PossibleReason reason) =>
        reason == PossibleReason.SoleHolderUndecided
            ? $"Only one person holds the post '{post.Title}' at a time, and the dates of more than one holder reach this date: which one held it is not known."
            : TenureOf(post).Explain(reason, "the post");

    public override Task<LeaderResponse> GetAsync(Guid id, CancellationToken ct) => GetOneAsync(ToResponse, id, ct);

    /// <summary>The posts with their sources, read for all of them with one query (see <see cref="JsonColumns"/>).</summary>
    protected override Task<IReadOnlyList<LeaderResponse>> CompleteAsync(IReadOnlyList<LeaderResponse> items, CancellationToken ct) =>
        JsonColumns.FillAsync(Db, "leaders", named: false, items, l => l.Id, (l, json) => l with { Sources = json.ReadSources(), Claims = json.ReadClaims() }, ct);

    /// <summary>
    /// The posts serving at some time in [<paramref name="lower"/>, <paramref name="upper"/>], with a partial start
    /// counting from its first day and a partial end to its last: every post that may hold then, known or possibly
    /// (a start's or end's bounds lie within it, and an unknown start or end is no limit), and a few that do not. Its SQL
    /// form, for reads that skip EF Core: <see cref="DatedSql.Reaching"/>.
    /// </summary>
    internal static IQueryable<Leader> Serving(IQueryable<Leader> leaders, DateOnly lower, DateOnly upper) =>
        leaders.Where(l => (l.Start == null || l.Start.Lower <= upper) && (l.End == null || l.End.Upper >= lower));

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
