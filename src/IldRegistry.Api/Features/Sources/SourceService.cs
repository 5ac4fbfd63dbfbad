using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Sources;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Sources;

public sealed class SourceService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<SourceDocument, SourceRequest, SourceResponse>(db, clock, totals)
{
    /// <summary>At most this many citing records per resource on one source's page.</summary>
    private const int ShownCitingRecords = 200;

    private static readonly SortMap<SourceDocument> Sorts = new SortMap<SourceDocument>("title")
        .Add("title", s => s.Title)
        .Add("published", s => s.Published!.Lower, keyset: false);

    private static readonly Expression<Func<SourceDocument, SourceResponse>> ToResponse = s => new SourceResponse
    {
        Id = s.Id,
        Title = s.Title,
        Url = s.Url,
        Publisher = s.Publisher,
        Published = PartialDate.FromStored(s.Published!.Text),
        Language = s.Language,
        Weight = s.Weight,
        Notes = s.Notes,
        CitedBy = Array.Empty<CitingRecord>(),
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        Version = s.Version,
    };

    public Task<PagedResult<SourceResponse>> ListAsync(SourceListQuery query, PageQuery paging, CancellationToken ct)
    {
        var sources = Db.Sources.AsNoTracking();
        if (query.Weight is { } weight)
        {
            sources = sources.Where(s => s.Weight == weight);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            sources = sources.Where(s =>
                EF.Functions.ILike(s.Title, pattern)
                || (s.Publisher != null && EF.Functions.ILike(s.Publisher, pattern))
                || (s.Url != null && EF.Functions.ILike(s.Url, pattern))
                || (s.Notes != null && EF.Functions.ILike(s.Notes, pattern)));
        }

        return PageAsync(sources, query with { Sort = null }, Sorts, query.Sort, paging, ToResponse, ct);
    }

    /// <summary>The source with what rests on it: one containment query per resource, served by its GIN index.</summary>
    public override async Task<SourceResponse> GetAsync(Guid id, CancellationToken ct)
    {
        var source = await GetOneAsync(ToResponse, id, ct);
        var citing = new List<CitingRecord>();
        foreach (var resource in ResourceRegistry.Instance.All)
        {
            citing.AddRange(await resource.CitingAsync(Db, id, ShownCitingRecords, ct));
        }

        return source with { CitedBy = citing };
    }
}
