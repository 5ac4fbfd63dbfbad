using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Institutions;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Institutions;

public sealed class InstitutionService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<Institution, InstitutionResponse>(db, clock, totals)
{
    private static readonly SortMap<Institution> Sorts = new SortMap<Institution>("name")
        .Add("name", i => i.Name)
        .Add("established", i => i.Established!.Lower, keyset: false)
        // Kinds are stored by name, so their declaration order (child agencies first, as the article lists them) is
        // spelled out; the name follows so that a kind's institutions read alphabetically.
        .Add("kind", i => (i.Kind == InstitutionKind.ChildAgency ? "0"
            : i.Kind == InstitutionKind.AffiliatedInstitution ? "1"
            : i.Kind == InstitutionKind.AffiliatedEnterprise ? "2"
            : "3") + i.Name, keyset: false);

    private static readonly Expression<Func<Institution, InstitutionResponse>> ToResponse = i => new InstitutionResponse
    {
        Id = i.Id,
        Department = new DepartmentRef(i.Department!.Id, i.Department.Slug, i.Department.Name),
        Name = i.Name,
        NativeName = i.NativeName,
        OtherNames = Array.Empty<OtherName>(),
        Identifiers = Array.Empty<Identifier>(),
        Kind = i.Kind,
        Established = PartialDate.FromStored(i.Established!.Text),
        Location = i.Location,
        Summary = i.Summary,
        Website = i.Website,
        Sources = Array.Empty<Source>(),
        CreatedAt = i.CreatedAt,
        UpdatedAt = i.UpdatedAt,
        Version = i.Version,
    };

    protected override string ResourceName => "institution";

    protected override string CollectionPath => "/api/v1/institutions";

    public async Task<PagedResult<InstitutionResponse>> ListAsync(InstitutionListQuery query, PageQuery paging, CancellationToken ct)
    {
        var institutions = Db.Institutions.AsNoTracking();
        institutions = institutions.InDepartment(query.DepartmentId, query.Department);

        if (query.Kind is { } kind)
        {
            institutions = institutions.Where(i => i.Kind == kind);
        }

        // The validator has already rejected text that does not parse.
        if (PartialDate.TryParse(query.From, out var from))
        {
            var lower = from.Lower;
            institutions = institutions.Where(i => i.Established != null && i.Established.Upper >= lower);
        }

        if (PartialDate.TryParse(query.To, out var to))
        {
            var upper = to.Upper;
            institutions = institutions.Where(i => i.Established != null && i.Established.Lower <= upper);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            institutions = institutions.Where(i =>
                EF.Functions.ILike(i.Name, pattern)
                || (i.NativeName != null && EF.Functions.ILike(i.NativeName, pattern))
                || (i.Summary != null && EF.Functions.ILike(i.Summary, pattern))
                || i.OtherNames.Any(n => EF.Functions.ILike(n.Name, pattern)));
        }

        var page = await PageAsync(institutions, query with { Sort = null }, Sorts, query.Sort, paging, ToResponse, ct);
        return page with { Items = await CompleteAsync(page.Items, ct) };
    }

    public override Task<InstitutionResponse> GetAsync(Guid id, CancellationToken ct) => GetOneAsync(ToResponse, id, ct);

    /// <summary>The institutions with their names, identifiers and sources, read with one query (see <see cref="JsonColumns"/>).</summary>
    protected override Task<IReadOnlyList<InstitutionResponse>> CompleteAsync(IReadOnlyList<InstitutionResponse> items, CancellationToken ct) =>
        JsonColumns.FillAsync(Db, "institutions", named: true, items, i => i.Id, (i, json) => i with
        {
            OtherNames = json.ReadOtherNames(),
            Identifiers = json.ReadIdentifiers(),
            Sources = json.ReadSources(),
        }, ct);

    public async Task<InstitutionResponse> CreateAsync(InstitutionRequest request, CancellationToken ct)
    {
        await EnsureValidAsync(request, null, ct);
        var institution = new Institution();
        Apply(request, institution);
        Db.Institutions.Add(institution);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(institution.Id, ct);
    }

    /// <summary>Full replace. <paramref name="ifMatch"/> is the version the client last read, when it sent one.</summary>
    public async Task<InstitutionResponse> ReplaceAsync(Guid id, InstitutionRequest request, uint? ifMatch, CancellationToken ct)
    {
        var institution = await LoadForWriteAsync(id, ifMatch, ct);
        await EnsureValidAsync(request, id, ct);
        Apply(request, institution);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    protected override async Task<IReadOnlyList<string>> FindDependentsAsync(Guid id, CancellationToken ct)
    {
        var dependents = new List<string>();
        await AddDependentsAsync(dependents, Db.Events.Where(e => e.InstitutionIds.Contains(id)).OrderBy(e => e.Title).Select(e => e.Title), "events", s => s, ct);
        return dependents;
    }

    protected override async Task EnsureRestorableAsync(Institution entity, CancellationToken ct)
    {
        if (!await Db.Departments.AnyAsync(d => d.Id == entity.DepartmentId, ct))
        {
            throw new ConflictException("The institution's department is deleted: restore the department first.", "departmentId");
        }

        // The unique index covers live rows only, so another institution may have taken the name meanwhile.
        await EnsureNameFreeAsync(entity.DepartmentId, entity.Name, entity.Id, ct);
    }

    private async Task EnsureValidAsync(InstitutionRequest request, Guid? self, CancellationToken ct)
    {
        await EnsureExistsAsync<Department>(request.DepartmentId, "departmentId", "department", ct);
        await EnsureNameFreeAsync(request.DepartmentId!.Value, request.Name, self, ct);
    }

    private async Task EnsureNameFreeAsync(Guid departmentId, string name, Guid? self, CancellationToken ct)
    {
        if (await Db.Institutions.AnyAsync(i => i.DepartmentId == departmentId && i.Name == name && i.Id != self, ct))
        {
            throw new ConflictException($"The department already has an institution named '{name}'.", "name");
        }
    }

    /// <summary>Copies a request onto the record: the one mapping that create, replace and import share.</summary>
    internal static void Apply(InstitutionRequest request, Institution institution)
    {
        institution.DepartmentId = request.DepartmentId!.Value;
        institution.Name = request.Name;
        institution.NativeName = request.NativeName;
        institution.OtherNames = request.OtherNames;
        institution.Identifiers = request.Identifiers;
        institution.Kind = request.Kind!.Value;
        institution.Established = request.Established;
        institution.Location = request.Location;
        institution.Summary = request.Summary;
        institution.Website = request.Website;
        institution.Sources = request.Sources;
    }
}
