using System.Text.Json;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Sources;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IldRegistry.Api.Common.Resources;

/// <summary>A live record that cites a source: shown on <c>GET /sources/{id}</c>.</summary>
/// <param name="Type">The record's resource (its collection: <c>departments</c>, <c>leaders</c>).</param>
/// <param name="Id">The record's id.</param>
/// <param name="Label">What names it in messages (a slug, a name, a post and its holder).</param>
/// <param name="Url">Where to read it.</param>
/// <param name="Fields">The fields the citations of this source support (a claim's citations support the claim's field); empty: the record as a whole.</param>
public sealed record CitingRecord(string Type, Guid Id, string Label, string Url, IReadOnlyList<string> Fields);

/// <summary>What citations of source records share: how they are stored, found and checked.</summary>
internal static class Citations
{
    /// <summary>
    /// A citation of a source record keeps only what is its own (the quote, the date it attests, the fields it
    /// supports): the title, address, publisher, published date, language and weight are the source's, copied into
    /// reads (<c>ild_cite</c>) and dropped here, so that a record read, edited and written back stores none of them.
    /// </summary>
    public static void Normalize(Entity entity)
    {
        Strip(entity.Sources);
        foreach (var claim in entity.Claims)
        {
            Strip(claim.Sources);
        }
    }

    /// <summary>Every live source record, by id (a few hundred at most: they are documents, not facts).</summary>
    public static Task<Dictionary<Guid, SourceDocument>> SourcesAsync(RegistryDbContext db, CancellationToken ct) =>
        db.Sources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);

    /// <summary>A request's citations (its <c>Sources</c>) as reads show them, in place: for answers built from the export's requests.</summary>
    public static object WithCitedSources(object request, IReadOnlyDictionary<Guid, SourceDocument> sources)
    {
        if (request.GetType().GetProperty(nameof(Entity.Sources)) is { CanWrite: true } property && property.GetValue(request) is IEnumerable<Source> citations)
        {
            property.SetValue(request, Cited(citations, sources));
        }

        return request;
    }

    /// <summary>
    /// Citations as reads show them, for records rebuilt in memory (what <c>ild_cite</c> does in SQL): each citation
    /// of a known source record with that source's title, address, publisher, published date, language and weight.
    /// </summary>
    public static List<Source> Cited(IEnumerable<Source> citations, IReadOnlyDictionary<Guid, SourceDocument> sources) =>
    [
        .. citations.Select(c => c.SourceId is { } id && sources.TryGetValue(id, out var source)
            ? new Source
            {
                SourceId = c.SourceId,
                Fields = c.Fields,
                Quote = c.Quote,
                RetrievedOn = c.RetrievedOn,
                Attested = c.Attested,
                AttestedNotBefore = c.AttestedNotBefore,
                AttestedNotAfter = c.AttestedNotAfter,
                Title = source.Title,
                Url = source.Url,
                Publisher = source.Publisher,
                Published = source.Published?.Text,
                Language = source.Language,
                Weight = source.Weight,
            }
            : c),
    ];

    /// <summary>Every source id the record cites, with its JSON path.</summary>
    public static IEnumerable<(string Path, Guid Id)> SourceIds(Entity entity)
    {
        for (var i = 0; i < entity.Sources.Count; i++)
        {
            if (entity.Sources[i].SourceId is { } id)
            {
                yield return ($"sources[{i}].sourceId", id);
            }
        }

        for (var c = 0; c < entity.Claims.Count; c++)
        {
            for (var i = 0; i < entity.Claims[c].Sources.Count; i++)
            {
                if (entity.Claims[c].Sources[i].SourceId is { } id)
                {
                    yield return ($"claims[{c}].sources[{i}].sourceId", id);
                }
            }
        }
    }

    /// <summary>The fields of <paramref name="entity"/> that its citations of <paramref name="sourceId"/> support.</summary>
    public static IReadOnlyList<string> FieldsCiting(Entity entity, Guid sourceId) =>
    [
        .. entity.Sources.Where(s => s.SourceId == sourceId).SelectMany(s => s.Fields)
            .Concat(entity.Claims.Where(c => c.Sources.Any(s => s.SourceId == sourceId)).Select(c => c.Field))
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>
    /// The live rows of <paramref name="table"/> citing <paramref name="sourceId"/>: jsonb containment on
    /// <c>sources</c> and <c>claims</c>, which the GIN index <c>ix_{table}_cited</c> answers without a scan.
    /// </summary>
    public static IQueryable<TEntity> CitingRows<TEntity>(RegistryDbContext db, string table, Guid sourceId)
        where TEntity : Entity
    {
        // EF Core writes the JSON of complex collections with the CLR property names.
        var citation = JsonSerializer.Serialize(new[] { new Dictionary<string, Guid> { ["SourceId"] = sourceId } });
        var claim = JsonSerializer.Serialize(new[] { new Dictionary<string, object> { ["Sources"] = new[] { new Dictionary<string, Guid> { ["SourceId"] = sourceId } } } });
#pragma warning disable EF1002 // table is one of the code's constants, never input; the values are parameters.
        // Only the ids come from SQL (composed into the LINQ query as a subquery): EF maps the rows of a raw entity
        // query by other column names than its tables use for complex properties.
        var ids = db.Database.SqlQueryRaw<Guid>(
            $"SELECT id AS \"Value\" FROM {table} WHERE deleted_at IS NULL AND (sources @> @citation::jsonb OR claims @> @claim::jsonb)",
            new NpgsqlParameter("citation", citation),
            new NpgsqlParameter("claim", claim));
        return db.Set<TEntity>().AsNoTracking().Where(e => ids.Contains(e.Id));
#pragma warning restore EF1002
    }

    private static void Strip(List<Source> citations)
    {
        foreach (var citation in citations.Where(c => c.SourceId is not null))
        {
            citation.Title = null;
            citation.Url = null;
            citation.Publisher = null;
            citation.Published = null;
            citation.Language = null;
            citation.Weight = null;
        }
    }
}

/// <summary>
/// The reference every resource's records have to source records through their citations (<c>sources[i].sourceId</c>,
/// <c>claims[i].sources[j].sourceId</c>): checked like a declared <c>RefersToEach</c> on write, import and restore, and
/// asked for dependents when a source is deleted.
/// </summary>
internal sealed class CitationReference<TEntity, TRequest>(ResourceDefinition<TEntity, TRequest> owner) : IReference
    where TEntity : Entity, new()
{
    private const int ShownDependents = 5;

    public Type Target => typeof(SourceDocument);

    public async Task CheckAsync(TEntity record, IRegistryView view, RuleErrors errors, RuleMode mode, CancellationToken ct)
    {
        var ids = Citations.SourceIds(record).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var live = await view.LiveAsync<SourceDocument>([.. ids.Select(i => i.Id).Distinct()], ct);
        foreach (var (path, id) in ids.Where(i => !live.Contains(i.Id)))
        {
            if (mode == RuleMode.Restore)
            {
                errors.Conflict(path, $"The {owner.Singular} cites a deleted source ('{id}'): restore the source first.");
            }
            else
            {
                errors.Invalid(path, $"No source '{id}' exists (or it was deleted): cite a record of /api/v1/sources by its id.");
            }
        }
    }

    public async Task<string?> DependentsAsync(RegistryDbContext db, Guid targetId, CancellationToken ct)
    {
        var found = await owner.CitingAsync(db, targetId, ShownDependents + 1, ct);
        return found.Count == 0
            ? null
            : $"{owner.Collection} citing it: {string.Join(", ", found.Take(ShownDependents).Select(f => f.Label))}{(found.Count > ShownDependents ? ", …" : string.Empty)}";
    }
}
