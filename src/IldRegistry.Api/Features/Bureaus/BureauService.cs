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
    : ResourceService<Bureau, BureauRequest, BureauResponse>(db, clock, totals)
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
        Established = PartialDate.FromStored(b.Established!.Text),
        EstablishedNotBefore = PartialDate.FromStored(b.EstablishedNotBefore!.Text),
        EstablishedNotAfter = PartialDate.FromStored(b.EstablishedNotAfter!.Text),
        Dissolved = PartialDate.FromStored(b.Dissolved!.Text),
        DissolvedStatus = b.DissolvedStatus,
        DissolvedNotBefore = PartialDate.FromStored(b.DissolvedNotBefore!.Text),
        DissolvedNotAfter = PartialDate.FromStored(b.DissolvedNotAfter!.Text),
        Sources = Array.Empty<Source>(),
        CreatedAt = b.CreatedAt,
        UpdatedAt = b.UpdatedAt,
        Version = b.Version,
    };

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
        JsonColumns.FillAsync(Db, "bureaus", named: false, items, b => b.Id, (b, json) => b with { Sources = json.ReadSources(), Claims = json.ReadClaims() }, ct);

}
