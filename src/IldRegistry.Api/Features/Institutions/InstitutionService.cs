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
    : ResourceService<Institution, InstitutionRequest, InstitutionResponse>(db, clock, totals)
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
        EstablishedNotBefore = PartialDate.FromStored(i.EstablishedNotBefore!.Text),
        EstablishedNotAfter = PartialDate.FromStored(i.EstablishedNotAfter!.Text),
        Dissolved = PartialDate.FromStored(i.Dissolved!.Text),
        DissolvedStatus = i.DissolvedStatus,
        DissolvedNotBefore = PartialDate.FromStored(i.DissolvedNotBefore!.Text),
        DissolvedNotAfter = PartialDate.FromStored(i.DissolvedNotAfter!.Text),
        Location = i.Location,
        Summary = i.Summary,
        Website = i.Website,
        Sources = Array.Empty<Source>(),
        CreatedAt = i.CreatedAt,
        UpdatedAt = i.UpdatedAt,
        Version = i.Version,
    };

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
            Claims = json.ReadClaims(),
        }, ct);

}
