using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Departments;

public sealed class DepartmentService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<Department, DepartmentRequest, DepartmentResponse>(db, clock, totals)
{
    private static readonly SortMap<Department> Sorts = new SortMap<Department>("name")
        .Add("name", d => d.Name)
        .Add("slug", d => d.Slug)
        .Add("established", d => d.Established!.Lower, keyset: false)
        .Add("createdAt", d => d.CreatedAt)
        .Add("updatedAt", d => d.UpdatedAt);

    public async Task<PagedResult<DepartmentSummary>> ListAsync(DepartmentListQuery query, PageQuery paging, CancellationToken ct)
    {
        var departments = Db.Departments.AsNoTracking();
        if (query.ParentId is { } parentId)
        {
            departments = departments.Where(d => d.ParentId == parentId);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            departments = departments.Where(d =>
                EF.Functions.ILike(d.Name, pattern)
                || (d.ShortName != null && EF.Functions.ILike(d.ShortName, pattern))
                || (d.NativeName != null && EF.Functions.ILike(d.NativeName, pattern))
                || (d.RomanizedName != null && EF.Functions.ILike(d.RomanizedName, pattern))
                || d.OtherNames.Any(n => EF.Functions.ILike(n.Name, pattern)));
        }

        return await PageAsync(departments, query with { Sort = null }, Sorts, query.Sort, paging, d => new DepartmentSummary(d.Id, d.Slug, d.Name, d.ShortName, d.NativeName, d.Jurisdiction, d.ParentId, PartialDate.FromStored(d.Established!.Text)), ct);
    }

    public override Task<DepartmentResponse> GetAsync(Guid id, CancellationToken ct) => GetAsync(id.ToString(), ct);

    /// <summary>A department's summary and parent by id or slug, in one query; 404, or 410 when deleted.</summary>
    public async Task<(DepartmentSummary Summary, DepartmentRef? Parent)> GetSummaryAsync(string idOrSlug, CancellationToken ct)
    {
        // The statement the org chart sends in its batch, here on its own. (It was an EF Core compiled query: SQL sent
        // through Npgsql skips EF's materializer and is the one definition for both.)
        var found = await SqlBatch.RowsAsync(Db, SummaryStatement(KeyOf(idOrSlug)), ReadSummary, ct);
        return found.Count == 0 ? throw await MissingAsync(idOrSlug, ct) : found[0];
    }

    /// <summary>
    /// The department named by <paramref name="idOrSlug"/> as batch statements name it: <see cref="DepartmentKey.Id"/>
    /// is SQL for its id (a slug's id looked up in the statement itself, so that a read of several statements that
    /// starts from a slug is still one round trip) and <see cref="DepartmentKey.Parameter"/> is the <c>@key</c> it uses.
    /// </summary>
    public static DepartmentKey KeyOf(string idOrSlug) => Guid.TryParse(idOrSlug, out var id)
        ? new(DepartmentKey.ById, new Npgsql.NpgsqlParameter<Guid>("key", id))
        : new(DepartmentKey.BySlug, new Npgsql.NpgsqlParameter<string>("key", idOrSlug));

    /// <summary>
    /// <see cref="GetSummaryAsync"/> as a batch statement for <paramref name="key"/>: no row when there is no live
    /// department (then <see cref="MissingAsync(string, CancellationToken)"/> says 404 or 410); read by <see cref="ReadSummary"/>.
    /// </summary>
    public static SqlBatch.Statement SummaryStatement(DepartmentKey key) => new(
        key.Id == DepartmentKey.ById ? SummaryByIdSql : SummaryBySlugSql, key.Parameter) { GenericPlan = true };

    /// <summary>A row of <see cref="SummaryStatement"/>.</summary>
    public static (DepartmentSummary Summary, DepartmentRef? Parent) ReadSummary(System.Data.Common.DbDataReader r) => (
        new DepartmentSummary(
            r.GetGuid(0), r.GetString(1), r.GetString(2), SqlBatch.Text(r, 3), SqlBatch.Text(r, 4), SqlBatch.Text(r, 5),
            r.IsDBNull(6) ? null : r.GetGuid(6), PartialDate.FromStored(SqlBatch.Text(r, 7))),
        r.IsDBNull(8) ? null : new DepartmentRef(r.GetGuid(8), r.GetString(9), r.GetString(10)));

    private static string SummarySql(string id) => $"""
        SELECT d.id, d.slug, d.name, d.short_name, d.native_name, d.jurisdiction, d.parent_id, d.established_text,
               p.id, p.slug, p.name
        FROM departments d
        LEFT JOIN departments p ON p.id = d.parent_id AND p.deleted_at IS NULL
        WHERE d.deleted_at IS NULL AND d.id = {id}
        """;

    private static readonly string SummaryByIdSql = SummarySql(DepartmentKey.ById);

    private static readonly string SummaryBySlugSql = SummarySql(DepartmentKey.BySlug);

    /// <summary>Why there is no live department named <paramref name="idOrSlug"/>: 404, or 410 when deleted.</summary>
    public Task<Exception> MissingAsync(string idOrSlug, CancellationToken ct) => MissingAsync(idOrSlug, Match(idOrSlug), ct);

    /// <summary>Finds a department by id or by slug; 404, or 410 when deleted.</summary>
    public async Task<DepartmentResponse> GetAsync(string idOrSlug, CancellationToken ct) =>
        await DepartmentDetailQuery.FindAsync(Db, idOrSlug, ct) ?? throw await MissingAsync(idOrSlug, Match(idOrSlug), ct);

    private static Expression<Func<Department, bool>> Match(string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id) ? d => d.Id == id : d => d.Slug == idOrSlug;

    /// <summary>A department is named by its id or its slug, on every method of its URL.</summary>
    public override async Task<Guid> ResolveAsync(string key, CancellationToken ct) =>
        Guid.TryParse(key, out var id)
            ? id
            : await Db.Departments.IgnoreQueryFilters().Where(d => d.Slug == key).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct)
              ?? throw new NotFoundException(ResourceName, key);
}

/// <summary>A department as batch statements name it (<see cref="DepartmentService.KeyOf"/>).</summary>
/// <param name="Id">SQL for the department's id: <see cref="ById"/> or <see cref="BySlug"/>.</param>
/// <param name="Parameter">The <c>@key</c> parameter: the id, or the slug.</param>
public sealed record DepartmentKey(string Id, Npgsql.NpgsqlParameter Parameter)
{
    /// <summary>The id given.</summary>
    public const string ById = "@key";

    /// <summary>The id of the live department with the slug given (none: NULL, which matches no row).</summary>
    public const string BySlug = "(SELECT k.id FROM departments k WHERE k.slug = @key AND k.deleted_at IS NULL)";
}
