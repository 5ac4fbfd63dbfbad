using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Data;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Bureaus;

public sealed class BureauService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<Bureau, BureauResponse>(db, clock, totals)
{
    private static readonly SortMap<Bureau> Sorts = new SortMap<Bureau>("sortOrder")
        .Add("sortOrder", b => b.SortOrder)
        .Add("name", b => b.Name)
        .Add("number", b => b.Number, keyset: false)
        .Add("kind", b => b.Kind, keyset: false)
        .Add("createdAt", b => b.CreatedAt)
        .Add("updatedAt", b => b.UpdatedAt);

    private static readonly Expression<Func<Bureau, BureauResponse>> ToResponse = b => new BureauResponse
    {
        Id = b.Id,
        Department = new DepartmentRef(b.Department!.Id, b.Department.Slug, b.Department.Name),
        Name = b.Name,
        AlternateName = b.AlternateName,
        Kind = b.Kind,
        Number = b.Number,
        Region = b.Region,
        ParentBureau = b.ParentBureau == null ? null : new BureauRef(b.ParentBureau.Id, b.ParentBureau.Name),
        SortOrder = b.SortOrder,
        Sources = Array.Empty<Source>(),
        CreatedAt = b.CreatedAt,
        UpdatedAt = b.UpdatedAt,
        Version = b.Version,
    };

    protected override string ResourceName => "bureau";

    protected override string CollectionPath => "/api/v1/bureaus";

    public async Task<PagedResult<BureauResponse>> ListAsync(BureauListQuery query, PageQuery paging, CancellationToken ct)
    {
        var bureaus = Db.Bureaus.AsNoTracking();
        bureaus = bureaus.InDepartment(query.DepartmentId, query.Department);

        if (query.Kind is { } kind)
        {
            bureaus = bureaus.Where(b => b.Kind == kind);
        }

        if (query.ParentBureauId is { } parentBureauId)
        {
            bureaus = bureaus.Where(b => b.ParentBureauId == parentBureauId);
        }

        if (query.Numbered is { } numbered)
        {
            bureaus = numbered ? bureaus.Where(b => b.Number != null) : bureaus.Where(b => b.Number == null);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            bureaus = bureaus.Where(b =>
                EF.Functions.ILike(b.Name, pattern)
                || (b.AlternateName != null && EF.Functions.ILike(b.AlternateName, pattern))
                || (b.Region != null && EF.Functions.ILike(b.Region, pattern)));
        }

        var page = await PageAsync(bureaus, query with { Sort = null }, Sorts, query.Sort, paging, ToResponse, ct);
        return page with { Items = await CompleteAsync(page.Items, ct) };
    }

    public override Task<BureauResponse> GetAsync(Guid id, CancellationToken ct) => GetOneAsync(ToResponse, id, ct);

    /// <summary>The bureaus with their sources, read with one query (see <see cref="JsonColumns"/>).</summary>
    protected override Task<IReadOnlyList<BureauResponse>> CompleteAsync(IReadOnlyList<BureauResponse> items, CancellationToken ct) =>
        JsonColumns.FillAsync(Db, "bureaus", named: false, items, b => b.Id, (b, json) => b with { Sources = json.ReadSources() }, ct);

    public async Task<BureauResponse> CreateAsync(BureauRequest request, CancellationToken ct)
    {
        await EnsureValidAsync(null, request, ct);
        var bureau = new Bureau();
        Apply(request, bureau);
        Db.Bureaus.Add(bureau);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(bureau.Id, ct);
    }

    /// <summary>Full replace. <paramref name="ifMatch"/> is the version the client last read, when it sent one.</summary>
    public async Task<BureauResponse> ReplaceAsync(Guid id, BureauRequest request, uint? ifMatch, CancellationToken ct)
    {
        var bureau = await LoadForWriteAsync(id, ifMatch, ct);
        if (bureau.DepartmentId != request.DepartmentId && await Db.Bureaus.AnyAsync(b => b.ParentBureauId == id, ct))
        {
            // Its children would end up under a parent in another department.
            throw new FieldValidationException("departmentId", "A bureau with child bureaus cannot move to another department: move or delete the child bureaus first.");
        }

        await EnsureValidAsync(id, request, ct);
        Apply(request, bureau);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    protected override async Task<IReadOnlyList<string>> FindDependentsAsync(Guid id, CancellationToken ct)
    {
        var dependents = new List<string>();
        await AddDependentsAsync(dependents, Db.Bureaus.Where(b => b.ParentBureauId == id).OrderBy(b => b.SortOrder).ThenBy(b => b.Id).Select(b => b.Name), "child bureaus", s => s, ct);
        return dependents;
    }

    protected override async Task EnsureRestorableAsync(Bureau entity, CancellationToken ct)
    {
        if (!await Db.Departments.AnyAsync(d => d.Id == entity.DepartmentId, ct))
        {
            throw new ConflictException("The bureau's department is deleted: restore the department first.", "departmentId");
        }

        if (entity.ParentBureauId is { } parentId && !await Db.Bureaus.AnyAsync(b => b.Id == parentId, ct))
        {
            throw new ConflictException("The bureau's parent bureau is deleted: restore the parent bureau first.", "parentBureauId");
        }

        // The unique indexes only cover live rows, so a live bureau may have taken the name or number meanwhile.
        if (await Db.Bureaus.AnyAsync(b => b.DepartmentId == entity.DepartmentId && b.Name == entity.Name, ct))
        {
            throw new ConflictException($"A live bureau of the department is now named '{entity.Name}': rename or delete it first.", "name");
        }

        if (entity.Number is { } number)
        {
            var holder = await NumberHolderAsync(entity.DepartmentId, number, entity.Id, ct);
            if (holder is not null)
            {
                throw new ConflictException($"The number {number} is now held by '{holder}' in the department: renumber or delete it first.", "number");
            }
        }
    }

    private async Task EnsureValidAsync(Guid? self, BureauRequest request, CancellationToken ct)
    {
        await EnsureExistsAsync<Department>(request.DepartmentId, "departmentId", "department", ct);
        await EnsureParentValidAsync(self, request, ct);
        if (request.Number is { } number)
        {
            var holder = await NumberHolderAsync(request.DepartmentId, number, self, ct);
            if (holder is not null)
            {
                throw new FieldValidationException("number", $"The number {number} is already held by '{holder}' in this department.");
            }
        }

        // Checked before saving for a clear message; the unique index still catches a concurrent insert (409 too).
        if (await Db.Bureaus.AnyAsync(b => b.DepartmentId == request.DepartmentId && b.Name == request.Name && b.Id != self, ct))
        {
            throw new ConflictException($"The department already has a bureau named '{request.Name}'.", "name");
        }
    }

    private async Task EnsureParentValidAsync(Guid? self, BureauRequest request, CancellationToken ct)
    {
        if (request.ParentBureauId is not { } parentId)
        {
            return;
        }

        if (parentId == self)
        {
            throw new FieldValidationException("parentBureauId", "A bureau cannot be its own parent.");
        }

        var parent = await Db.Bureaus.Where(b => b.Id == parentId).Select(b => new { b.DepartmentId, b.ParentBureauId }).FirstOrDefaultAsync(ct)
            ?? throw new FieldValidationException("parentBureauId", $"No bureau '{parentId}' exists (or it was deleted).");
        if (parent.DepartmentId != request.DepartmentId)
        {
            throw new FieldValidationException("parentBureauId", "The parent bureau belongs to another department: a bureau sits only under a unit of its own department.");
        }

        if (self is null)
        {
            // A new bureau has no children, so it cannot close a cycle.
            return;
        }

        // Walk up from the new parent: meeting ourselves means the change would make a cycle.
        var current = parent.ParentBureauId;
        var seen = new HashSet<Guid> { parentId };
        while (current is { } currentId && seen.Add(currentId))
        {
            if (currentId == self)
            {
                throw new FieldValidationException("parentBureauId", "That parent would make a cycle: it already sits under this bureau.");
            }

            current = await Db.Bureaus.Where(b => b.Id == currentId).Select(b => b.ParentBureauId).FirstOrDefaultAsync(ct);
        }
    }

    private Task<string?> NumberHolderAsync(Guid departmentId, int number, Guid? self, CancellationToken ct) =>
        Db.Bureaus.Where(b => b.DepartmentId == departmentId && b.Number == number && b.Id != self).Select(b => b.Name).FirstOrDefaultAsync(ct);

    /// <summary>Copies a request onto the record: the one mapping that create, replace and import share.</summary>
    internal static void Apply(BureauRequest request, Bureau bureau)
    {
        bureau.DepartmentId = request.DepartmentId;
        bureau.Name = request.Name;
        bureau.AlternateName = request.AlternateName;
        bureau.Kind = request.Kind!.Value;
        bureau.Number = request.Number;
        bureau.Region = request.Region;
        bureau.ParentBureauId = request.ParentBureauId;
        bureau.SortOrder = request.SortOrder;
        bureau.Sources = request.Sources;
    }
}
