using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Data;
using IldRegistry.Domain.Departments;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Departments;

public sealed class DepartmentService(RegistryDbContext db)
{
    private static readonly Expression<Func<Department, DepartmentResponse>> ToResponse = d => new DepartmentResponse
    {
        Id = d.Id,
        Slug = d.Slug,
        Name = d.Name,
        ShortName = d.ShortName,
        NativeName = d.NativeName,
        RomanizedName = d.RomanizedName,
        OtherNames = d.OtherNames,
        Identifiers = d.Identifiers,
        Jurisdiction = d.Jurisdiction,
        AgencyType = d.AgencyType,
        Headquarters = d.Headquarters,
        Parent = d.Parent == null ? null : new DepartmentRef(d.Parent.Id, d.Parent.Slug, d.Parent.Name),
        Established = d.Established,
        Dissolved = d.Dissolved,
        Summary = d.Summary,
        Functions = d.Functions,
        Logo = d.Logo,
        LogoCaption = d.LogoCaption,
        Sources = d.Sources,
        CreatedAt = d.CreatedAt,
        UpdatedAt = d.UpdatedAt,
        Version = d.Version,
    };

    public async Task<PagedResult<DepartmentSummary>> ListAsync(DepartmentListQuery query, PageQuery paging, CancellationToken ct)
    {
        var departments = db.Departments.AsNoTracking();
        if (query.ParentId is { } parentId)
        {
            departments = departments.Where(d => d.ParentId == parentId);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = $"%{EscapeLike(query.Q.Trim())}%";
            departments = departments.Where(d =>
                EF.Functions.ILike(d.Name, pattern)
                || (d.ShortName != null && EF.Functions.ILike(d.ShortName, pattern))
                || (d.NativeName != null && EF.Functions.ILike(d.NativeName, pattern))
                || (d.RomanizedName != null && EF.Functions.ILike(d.RomanizedName, pattern))
                || d.OtherNames.Any(n => EF.Functions.ILike(n.Name, pattern)));
        }

        var total = await departments.CountAsync(ct);
        var items = await Sort(departments, query.Sort)
            .Skip(paging.Skip)
            .Take(paging.PageSize)
            .Select(d => new DepartmentSummary(d.Id, d.Slug, d.Name, d.ShortName, d.NativeName, d.Jurisdiction, d.ParentId, d.Established))
            .ToListAsync(ct);
        return new PagedResult<DepartmentSummary>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>Finds a department by id or by slug.</summary>
    public async Task<DepartmentResponse> GetAsync(string idOrSlug, CancellationToken ct)
    {
        var departments = db.Departments.AsNoTracking();
        departments = Guid.TryParse(idOrSlug, out var id)
            ? departments.Where(d => d.Id == id)
            : departments.Where(d => d.Slug == idOrSlug);
        return await departments.Select(ToResponse).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("department", idOrSlug);
    }

    public async Task<DepartmentResponse> CreateAsync(DepartmentRequest request, CancellationToken ct)
    {
        await EnsureSlugFreeAsync(request.Slug, null, ct);
        await EnsureParentValidAsync(null, request.ParentId, ct);
        var department = new Department();
        Apply(request, department);
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return await GetAsync(department.Id.ToString(), ct);
    }

    /// <summary>Full replace. <paramref name="ifMatch"/> is the version the client last read, when it sent one.</summary>
    public async Task<DepartmentResponse> ReplaceAsync(Guid id, DepartmentRequest request, uint? ifMatch, CancellationToken ct)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new NotFoundException("department", id.ToString());
        if (ifMatch is { } expected)
        {
            if (expected != department.Version)
            {
                throw new PreconditionFailedException(ETags.From(department.Version));
            }

            // Makes the UPDATE conditional on xmin, so a change that lands between our read and write is a 412 too.
            db.Entry(department).Property(d => d.Version).OriginalValue = expected;
        }

        await EnsureSlugFreeAsync(request.Slug, id, ct);
        await EnsureParentValidAsync(id, request.ParentId, ct);
        Apply(request, department);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id.ToString(), ct);
    }

    private async Task EnsureSlugFreeAsync(string slug, Guid? self, CancellationToken ct)
    {
        // Deleted records keep their slug: a restore must not collide.
        if (await db.Departments.IgnoreQueryFilters().AnyAsync(d => d.Slug == slug && d.Id != self, ct))
        {
            throw new ConflictException($"A department with the slug '{slug}' already exists.", "slug");
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
            var next = await db.Departments.Where(d => d.Id == currentId).Select(d => new { d.ParentId }).FirstOrDefaultAsync(ct);
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

    private static void Apply(DepartmentRequest request, Department department)
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

    private static IQueryable<Department> Sort(IQueryable<Department> departments, string? sort) => sort switch
    {
        null or "" or "name" => departments.OrderBy(d => d.Name).ThenBy(d => d.Id),
        "-name" => departments.OrderByDescending(d => d.Name).ThenBy(d => d.Id),
        "slug" => departments.OrderBy(d => d.Slug),
        "-slug" => departments.OrderByDescending(d => d.Slug),
        "established" => departments.OrderBy(d => d.Established!.Lower).ThenBy(d => d.Name).ThenBy(d => d.Id),
        "-established" => departments.OrderByDescending(d => d.Established!.Lower).ThenBy(d => d.Name).ThenBy(d => d.Id),
        _ => throw new FieldValidationException("sort", $"Unknown sort '{sort}'. Use name, slug or established, with - for descending."),
    };

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
