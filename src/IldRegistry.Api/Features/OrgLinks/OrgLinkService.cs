using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.OrgLinks;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.OrgLinks;

public sealed class OrgLinkService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<OrgLink, OrgLinkRequest, OrgLinkResponse>(db, clock, totals)
{
    private static readonly SortMap<OrgLink> Sorts = new SortMap<OrgLink>("start")
        // Unknown starts last, then by start and end: the order in which links began.
        .Add("start", l => l.Start == null, l => l.Start!.Lower, keyset: false)
        .Add("kind", l => l.Kind, keyset: false)
        .Add("createdAt", l => l.CreatedAt);

    public async Task<PagedResult<OrgLinkResponse>> ListAsync(OrgLinkListQuery query, PageQuery paging, CancellationToken ct)
    {
        var links = Db.OrgLinks.AsNoTracking();
        if (query.Kind is { } kind)
        {
            links = links.Where(l => l.Kind == kind);
        }

        if (query.OrganisationId is { } organisation)
        {
            links = links.Where(l => l.FromId == organisation || l.ToId == organisation);
        }

        if (query.FromId is { } from)
        {
            links = links.Where(l => l.FromId == from);
        }

        if (query.ToId is { } to)
        {
            links = links.Where(l => l.ToId == to);
        }

        // The validator has already rejected dates that do not parse.
        if (PartialDate.TryParse(query.AsOf, out var asOf))
        {
            links = MayHold(links, asOf.Lower, asOf.Upper);
        }

        var page = await PageAsync(links, query with { Sort = null }, Sorts, query.Sort, paging, OrgLinkRows.Response(Db), ct);
        return page with { Items = await CompleteAsync(page.Items, ct) };
    }

    public override Task<OrgLinkResponse> GetAsync(Guid id, CancellationToken ct) => GetOneAsync(OrgLinkRows.Response(Db), id, ct);

    /// <summary>The links with their sources and claims, read for all of them with one query (see <see cref="JsonColumns"/>).</summary>
    protected override Task<IReadOnlyList<OrgLinkResponse>> CompleteAsync(IReadOnlyList<OrgLinkResponse> items, CancellationToken ct) =>
        JsonColumns.FillAsync(Db, "org_links", named: false, items, l => l.Id, (l, json) => l with { Sources = json.ReadSources(), Claims = json.ReadClaims() }, ct);

    /// <summary>Every link with either end at <paramref name="organisationId"/>, whole, with the names of both ends, earliest first: one query.</summary>
    public Task<List<NamedLink>> OfOrganisationAsync(Guid organisationId, CancellationToken ct) => OrgLinkRows.OfAsync(Db, organisationId, ct);

    /// <summary>The links that may hold at some time in [<paramref name="lower"/>, <paramref name="upper"/>], their dates taken at their widest.</summary>
    internal static IQueryable<OrgLink> MayHold(IQueryable<OrgLink> links, DateOnly lower, DateOnly upper) =>
        links.Where(l => (l.Start == null || (l.StartNotBefore == null ? l.Start.Lower : l.StartNotBefore.Lower) <= upper)
                         && (l.End == null || (l.EndNotAfter == null ? l.End.Upper : l.EndNotAfter.Upper) >= lower));
}

/// <summary>How links are read: the link's columns and the names of its two ends, in one SQL statement.</summary>
internal static class OrgLinkRows
{
    /// <summary>
    /// The response's scalar fields, each end's name read by a subquery on the table its type names (a deleted end,
    /// which the references never let a live link have, would read as no name).
    /// </summary>
    public static Expression<Func<OrgLink, OrgLinkResponse>> Response(RegistryDbContext db) => l => new OrgLinkResponse
    {
        Id = l.Id,
        FromType = l.FromType,
        FromId = l.FromId,
        FromName = l.FromType == OrgType.Department ? db.Departments.Where(d => d.Id == l.FromId).Select(d => d.Name).FirstOrDefault()
            : l.FromType == OrgType.Bureau ? db.Bureaus.Where(b => b.Id == l.FromId).Select(b => b.Name).FirstOrDefault()
            : db.Institutions.Where(i => i.Id == l.FromId).Select(i => i.Name).FirstOrDefault(),
        Kind = l.Kind,
        ToType = l.ToType,
        ToId = l.ToId,
        ToName = l.ToType == OrgType.Department ? db.Departments.Where(d => d.Id == l.ToId).Select(d => d.Name).FirstOrDefault()
            : l.ToType == OrgType.Bureau ? db.Bureaus.Where(b => b.Id == l.ToId).Select(b => b.Name).FirstOrDefault()
            : db.Institutions.Where(i => i.Id == l.ToId).Select(i => i.Name).FirstOrDefault(),
        Start = PartialDate.FromStored(l.Start!.Text),
        StartNotBefore = PartialDate.FromStored(l.StartNotBefore!.Text),
        StartNotAfter = PartialDate.FromStored(l.StartNotAfter!.Text),
        End = PartialDate.FromStored(l.End!.Text),
        EndStatus = l.EndStatus,
        EndNotBefore = PartialDate.FromStored(l.EndNotBefore!.Text),
        EndNotAfter = PartialDate.FromStored(l.EndNotAfter!.Text),
        Note = l.Note,
        Sources = Array.Empty<Source>(),
        CreatedAt = l.CreatedAt,
        UpdatedAt = l.UpdatedAt,
        Version = l.Version,
    };

    /// <summary>Every link with either end at <paramref name="organisationId"/>, whole, with the names of both ends: one query.</summary>
    internal static async Task<List<NamedLink>> OfAsync(RegistryDbContext db, Guid organisationId, CancellationToken ct) =>
        await Of(db, organisationId).ToListAsync(ct);

    // Compiled: EF Core evaluated the subqueries' db.Departments, db.Bureaus and db.Institutions anew on each run of
    // the LINQ query (a sixth of the org chart's allocations, for no link at all, when the chart read its links here;
    // the chart now reads them in its own batch, OrgChartService's Statements.Links, in the same order).
    private static readonly Func<RegistryDbContext, Guid, IAsyncEnumerable<NamedLink>> Of = EF.CompileAsyncQuery((RegistryDbContext db, Guid organisationId) =>
        db.OrgLinks.AsNoTracking()
            .Where(l => l.FromId == organisationId || l.ToId == organisationId)
            .OrderBy(l => l.Start == null).ThenBy(l => l.Start!.Lower).ThenBy(l => l.Id)
            .Select(l => new NamedLink(
                l,
                l.FromType == OrgType.Department ? db.Departments.Where(d => d.Id == l.FromId).Select(d => d.Name).FirstOrDefault()
                    : l.FromType == OrgType.Bureau ? db.Bureaus.Where(b => b.Id == l.FromId).Select(b => b.Name).FirstOrDefault()
                    : db.Institutions.Where(i => i.Id == l.FromId).Select(i => i.Name).FirstOrDefault(),
                l.ToType == OrgType.Department ? db.Departments.Where(d => d.Id == l.ToId).Select(d => d.Name).FirstOrDefault()
                    : l.ToType == OrgType.Bureau ? db.Bureaus.Where(b => b.Id == l.ToId).Select(b => b.Name).FirstOrDefault()
                    : db.Institutions.Where(i => i.Id == l.ToId).Select(i => i.Name).FirstOrDefault())));
}

/// <summary>A link as stored, with the names of its ends.</summary>
/// <param name="Link">The link.</param>
/// <param name="FromName">The <c>from</c> end's name.</param>
/// <param name="ToName">The <c>to</c> end's name.</param>
public sealed record NamedLink(OrgLink Link, string? FromName, string? ToName)
{
    /// <summary>The link in words (<c>ILD part of Central Committee</c>).</summary>
    public string Words => $"{FromName ?? Link.FromId.ToString()} {Link.Kind switch
    {
        OrgLinkKind.PartOf => "part of",
        OrgLinkKind.SucceededBy => "succeeded by",
        OrgLinkKind.MergedInto => "merged into",
        OrgLinkKind.SplitFrom => "split from",
        OrgLinkKind.RenamedTo => "renamed to",
        OrgLinkKind.EstablishedBy => "established by",
        _ => "funded by",
    }} {ToName ?? Link.ToId.ToString()}";
}
