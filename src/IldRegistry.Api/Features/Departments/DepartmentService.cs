using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Departments;

public sealed class DepartmentService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<Department, DepartmentResponse>(db, clock, totals)
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

    protected override string ResourceName => "department";

    protected override string CollectionPath => "/api/v1/departments";

    public override Task<DepartmentResponse> GetAsync(Guid id, CancellationToken ct) => GetAsync(id.ToString(), ct);

    /// <summary>A department's summary and parent by id or slug, in one query; 404, or 410 when deleted.</summary>
    public async Task<(DepartmentSummary Summary, DepartmentRef? Parent)> GetSummaryAsync(string idOrSlug, CancellationToken ct)
    {
        var match = Match(idOrSlug);
        var found = await Db.Departments.AsNoTracking().Where(match)
            .Select(d => new
            {
                Summary = new DepartmentSummary(d.Id, d.Slug, d.Name, d.ShortName, d.NativeName, d.Jurisdiction, d.ParentId, PartialDate.FromStored(d.Established!.Text)),
                Parent = d.Parent == null ? null : new DepartmentRef(d.Parent.Id, d.Parent.Slug, d.Parent.Name),
            })
            .FirstOrDefaultAsync(ct)
            ?? throw await MissingAsync(idOrSlug, match, ct);
        return (found.Summary, found.Parent);
    }

    /// <summary>Finds a department by id or by slug; 404, or 410 when deleted.</summary>
    public async Task<DepartmentResponse> GetAsync(string idOrSlug, CancellationToken ct) =>
        await DepartmentDetailQuery.FindAsync(Db, idOrSlug, ct) ?? throw await MissingAsync(idOrSlug, Match(idOrSlug), ct);

    public async Task<DepartmentResponse> CreateAsync(DepartmentRequest request, CancellationToken ct)
    {
        await EnsureSlugFreeAsync(request.Slug, null, ct);
        await EnsureNameFreeAsync(request.Name, null, ct);
        await EnsureParentValidAsync(null, request.ParentId, ct);
        var department = new Department();
        Apply(request, department);
        Db.Departments.Add(department);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(department.Id, ct);
    }

    /// <summary>Full replace. <paramref name="ifMatch"/> is the version the client last read, when it sent one.</summary>
    public async Task<DepartmentResponse> ReplaceAsync(Guid id, DepartmentRequest request, uint? ifMatch, CancellationToken ct)
    {
        var department = await LoadForWriteAsync(id, ifMatch, ct);
        await EnsureSlugFreeAsync(request.Slug, id, ct);
        await EnsureNameFreeAsync(request.Name, id, ct);
        await EnsureParentValidAsync(id, request.ParentId, ct);
        Apply(request, department);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private static Expression<Func<Department, bool>> Match(string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id) ? d => d.Id == id : d => d.Slug == idOrSlug;

    protected override async Task<IReadOnlyList<string>> FindDependentsAsync(Guid id, CancellationToken ct)
    {
        var dependents = new List<string>();
        await AddDependentsAsync(dependents, Db.Departments.Where(d => d.ParentId == id).Select(d => d.Slug), "child departments", s => s, ct);
        await AddDependentsAsync(dependents, Db.Leaders.Where(l => l.DepartmentId == id).Select(l => l.Title + " " + l.Person!.Name), "leader posts", s => s, ct);
        await AddDependentsAsync(dependents, Db.Bureaus.Where(b => b.DepartmentId == id).OrderBy(b => b.Name).Select(b => b.Name), "bureaus", s => s, ct);
        await AddDependentsAsync(dependents, Db.Institutions.Where(i => i.DepartmentId == id).Select(i => i.Name), "institutions", s => s, ct);
        await AddDependentsAsync(dependents, Db.Events.Where(e => e.DepartmentId == id).Select(e => e.Title), "events", s => s, ct);
        return dependents;
    }

    protected override async Task EnsureRestorableAsync(Department entity, CancellationToken ct)
    {
        if (entity.ParentId is { } parentId && !await Db.Departments.AnyAsync(d => d.Id == parentId, ct))
        {
            throw new ConflictException("The department's parent is deleted: restore the parent first.", "parentId");
        }
    }

    private async Task EnsureSlugFreeAsync(string slug, Guid? self, CancellationToken ct)
    {
        // Deleted records keep their slug: a restore must not collide.
        if (await Db.Departments.IgnoreQueryFilters().AnyAsync(d => d.Slug == slug && d.Id != self, ct))
        {
            throw new ConflictException($"A department with the slug '{slug}' already exists.", "slug");
        }
    }

    private async Task EnsureNameFreeAsync(string name, Guid? self, CancellationToken ct)
    {
        // Compared as the unique index on lower(name) compares (both sides are SQL lower()); a deleted department frees its name.
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), which has no culture argument
        if (await Db.Departments.AnyAsync(d => d.Name.ToLower() == name.ToLower() && d.Id != self, ct))
#pragma warning restore CA1304, CA1311, CA1862
        {
            throw new ConflictException($"A department named '{name}' already exists (names are compared ignoring case).", "name");
        }
    }

    private async Task EnsureParentValidAsync(Guid? self, Guid? parentId, CancellationToken ct)
    {
        if (parentId is null)
        {
            return;
        }

        if (parentId == self)
        {
            throw new FieldValidationException("parentId", "A department cannot be its own parent.");
        }

        // Walk up from the new parent: meeting ourselves means the change would make a cycle.
        var current = parentId;
        var seen = new HashSet<Guid>();
        while (current is { } currentId && seen.Add(currentId))
        {
            var next = await Db.Departments.Where(d => d.Id == currentId).Select(d => new { d.ParentId }).FirstOrDefaultAsync(ct);
            if (next is null)
            {
                throw new FieldValidationException("parentId", current == parentId
                    ? $"No department '{parentId}' exists."
                    : $"The parent chain of '{parentId}' is broken.");
            }

            if (next.ParentId == self && self is not null)
            {
                throw new FieldValidationException("parentId", "That parent would make a cycle: it already reports to this department.");
            }

            current = next.ParentId;
        }
    }

    /// <summary>Copies a request onto the record: the one mapping that create, replace and import share.</summary>
    internal static void Apply(DepartmentRequest request, Department department)
    {
        department.Slug = request.Slug;
        department.Name = request.Name;
        department.ShortName = request.ShortName;
        department.NativeName = request.NativeName;
        department.RomanizedName = request.RomanizedName;
        department.OtherNames = request.OtherNames;
        department.Identifiers = request.Identifiers;
        department.Jurisdiction = request.Jurisdiction;
        department.AgencyType = request.AgencyType;
        department.Headquarters = request.Headquarters;
        department.ParentId = request.ParentId;
        department.Established = request.Established;
        department.Dissolved = request.Dissolved;
        department.Summary = request.Summary;
        department.Functions = request.Functions;
        department.Logo = request.Logo;
        department.LogoCaption = request.LogoCaption;
        department.Sources = request.Sources;
    }
}
