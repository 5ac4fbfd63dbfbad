using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Search;

/// <summary>
/// One ranked search over every resource, in one SQL statement: pg_trgm word similarity over the normalised names
/// (lower-cased, accents and tone marks removed), the same with spaces removed (so <c>Lukang</c> finds
/// <c>Lu Kang</c>), substring matches (so a Chinese fragment finds its record) and full text over summaries.
/// </summary>
public sealed class SearchService(RegistryDbContext db)
{
    // Each branch finds its candidates through the GIN indexes of the SearchAndListIndexes migration (word
    // similarity and LIKE on search_names, full text on search_document, similarity on the name without spaces in
    // search_compact; the thresholds are set on the connection, see DatabaseFaults.Harden), scores them and keeps
    // its best; the outer query ranks the survivors of every resource. Exact name matches score above 1.
    // Parameters: {0} the query, {1} the type or null, {2} the limit, {3} the query escaped for LIKE.
    private static readonly string Sql = $$"""
        SELECT c.type AS "Type", c.id AS "Id", c.name AS "Name", c.snippet AS "Snippet", c.score AS "Score", c.path AS "Path"
        FROM ({{string.Join("\n            UNION ALL\n", ResourceRegistry.Instance.All.Where(r => r.Search is not null).Select(Branch))}}) c
        ORDER BY c.score DESC, c.name, c.id
        LIMIT {2}
        """;

    // One branch per searched resource, with the columns its definition names (see SearchColumns).
    private static string Branch(IResourceDefinition resource) => Branch(resource.Search!, resource.Collection, resource.Path + "/");

    private static string Branch(SearchColumns resource, string table, string path) => $$"""
            (SELECT '{{resource.Type}}' AS type, r.id, r.{{resource.Name}} AS name, left(r.{{resource.Snippet}}, 240) AS snippet, '{{path}}' AS path,
                    greatest(
                        word_similarity(ild_search_norm({0}), r.search_names),
                        similarity(r.search_compact, replace(ild_search_norm({0}), ' ', '')),
                        CASE WHEN r.search_names LIKE '%' || ild_search_norm({3}) || '%' THEN 0.9 ELSE 0 END,
                        ts_rank(r.search_document, websearch_to_tsquery('simple', ild_search_norm({0}))) * 0.5)
                    + CASE WHEN r.search_compact = replace(ild_search_norm({0}), ' ', '')
                             OR ild_search_norm({{resource.ShortName}}) = ild_search_norm({0}) THEN 1 ELSE 0 END AS score
             FROM {{table}} r
             WHERE r.deleted_at IS NULL AND ({1}::text IS NULL OR {1} = '{{resource.Type}}')
               AND (ild_search_norm({0}) <% r.search_names
                    OR r.search_names LIKE '%' || ild_search_norm({3}) || '%'
                    OR r.search_document @@ websearch_to_tsquery('simple', ild_search_norm({0}))
                    OR r.search_compact % replace(ild_search_norm({0}), ' ', ''))
             ORDER BY score DESC, name, r.id
             LIMIT {2})
        """;

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var text = query.Q.Trim();
        var rows = await db.Database
            .SqlQueryRaw<Row>(Sql, text, (object?)query.Type?.ToString() ?? DBNull.Value, query.Limit, ContainsPattern(text))
            .ToListAsync(ct);
        var hits = rows.Select(r => new SearchHit(
                Enum.Parse<SearchType>(r.Type), r.Id, r.Name, r.Snippet, Math.Round(r.Score, 4), r.Path + r.Id))
            .ToList();
        return new SearchResult(query.Q, hits);
    }

    // A literal substring match on the normalised names: the user's % and _ are not wildcards. Normalisation
    // (lower case, no accents) happens in SQL; escaping first is safe because unaccent leaves the escapes alone.
    private static string ContainsPattern(string text) => LikePattern.Contains(text)[1..^1];

    private sealed record Row(string Type, Guid Id, string Name, string? Snippet, double Score, string Path);
}
