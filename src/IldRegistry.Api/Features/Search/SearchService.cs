using IldRegistry.Api.Common;
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
    // similarity and LIKE on search_names, full text on search_document, similarity on the name without spaces;
    // the thresholds are set on the connection, see DatabaseFaults.Harden), scores them and keeps its best; the
    // outer query ranks the survivors of every resource. Exact matches of a name or short name score above 1.
    private const string Sql = """
        SELECT c.type AS "Type", c.id AS "Id", c.name AS "Name", c.snippet AS "Snippet", c.score AS "Score", c.path AS "Path"
        FROM (
            (SELECT 'Department' AS type, d.id, d.name AS name, left(d.summary, 240) AS snippet, '/api/v1/departments/' AS path,
                    greatest(
                        word_similarity(ild_search_norm({0}), d.search_names),
                        similarity(d.search_compact, replace(ild_search_norm({0}), ' ', '')),
                        CASE WHEN d.search_names LIKE '%' || ild_search_norm({3}) || '%' THEN 0.9 ELSE 0 END,
                        ts_rank(d.search_document, websearch_to_tsquery('simple', ild_search_norm({0}))) * 0.5)
                    + CASE WHEN d.search_compact = replace(ild_search_norm({0}), ' ', '') OR ild_search_norm(coalesce(d.short_name, '')) = ild_search_norm({0}) THEN 1 ELSE 0 END AS score
             FROM departments d
             WHERE d.deleted_at IS NULL AND ({1}::text IS NULL OR {1} = 'Department')
               AND (ild_search_norm({0}) <% d.search_names
                    OR d.search_names LIKE '%' || ild_search_norm({3}) || '%'
                    OR d.search_document @@ websearch_to_tsquery('simple', ild_search_norm({0}))
                    OR d.search_compact % replace(ild_search_norm({0}), ' ', ''))
             ORDER BY score DESC, name, d.id
             LIMIT {2})
            UNION ALL
            (SELECT 'Person' AS type, p.id, p.name AS name, left(p.notes, 240) AS snippet, '/api/v1/people/' AS path,
                    greatest(
                        word_similarity(ild_search_norm({0}), p.search_names),
                        similarity(p.search_compact, replace(ild_search_norm({0}), ' ', '')),
                        CASE WHEN p.search_names LIKE '%' || ild_search_norm({3}) || '%' THEN 0.9 ELSE 0 END,
                        ts_rank(p.search_document, websearch_to_tsquery('simple', ild_search_norm({0}))) * 0.5)
                    + CASE WHEN p.search_compact = replace(ild_search_norm({0}), ' ', '') OR ild_search_norm('') = ild_search_norm({0}) THEN 1 ELSE 0 END AS score
             FROM people p
             WHERE p.deleted_at IS NULL AND ({1}::text IS NULL OR {1} = 'Person')
               AND (ild_search_norm({0}) <% p.search_names
                    OR p.search_names LIKE '%' || ild_search_norm({3}) || '%'
                    OR p.search_document @@ websearch_to_tsquery('simple', ild_search_norm({0}))
                    OR p.search_compact % replace(ild_search_norm({0}), ' ', ''))
             ORDER BY score DESC, name, p.id
             LIMIT {2})
            UNION ALL
            (SELECT 'Institution' AS type, i.id, i.name AS name, left(i.summary, 240) AS snippet, '/api/v1/institutions/' AS path,
                    greatest(
                        word_similarity(ild_search_norm({0}), i.search_names),
                        similarity(i.search_compact, replace(ild_search_norm({0}), ' ', '')),
                        CASE WHEN i.search_names LIKE '%' || ild_search_norm({3}) || '%' THEN 0.9 ELSE 0 END,
                        ts_rank(i.search_document, websearch_to_tsquery('simple', ild_search_norm({0}))) * 0.5)
                    + CASE WHEN i.search_compact = replace(ild_search_norm({0}), ' ', '') OR ild_search_norm('') = ild_search_norm({0}) THEN 1 ELSE 0 END AS score
             FROM institutions i
             WHERE i.deleted_at IS NULL AND ({1}::text IS NULL OR {1} = 'Institution')
               AND (ild_search_norm({0}) <% i.search_names
                    OR i.search_names LIKE '%' || ild_search_norm({3}) || '%'
                    OR i.search_document @@ websearch_to_tsquery('simple', ild_search_norm({0}))
                    OR i.search_compact % replace(ild_search_norm({0}), ' ', ''))
             ORDER BY score DESC, name, i.id
             LIMIT {2})
            UNION ALL
            (SELECT 'Bureau' AS type, b.id, b.name AS name, left(b.region, 240) AS snippet, '/api/v1/bureaus/' AS path,
                    greatest(
                        word_similarity(ild_search_norm({0}), b.search_names),
                        similarity(b.search_compact, replace(ild_search_norm({0}), ' ', '')),
                        CASE WHEN b.search_names LIKE '%' || ild_search_norm({3}) || '%' THEN 0.9 ELSE 0 END,
                        ts_rank(b.search_document, websearch_to_tsquery('simple', ild_search_norm({0}))) * 0.5)
                    + CASE WHEN b.search_compact = replace(ild_search_norm({0}), ' ', '') OR ild_search_norm(coalesce(b.alternate_name, '')) = ild_search_norm({0}) THEN 1 ELSE 0 END AS score
             FROM bureaus b
             WHERE b.deleted_at IS NULL AND ({1}::text IS NULL OR {1} = 'Bureau')
               AND (ild_search_norm({0}) <% b.search_names
                    OR b.search_names LIKE '%' || ild_search_norm({3}) || '%'
                    OR b.search_document @@ websearch_to_tsquery('simple', ild_search_norm({0}))
                    OR b.search_compact % replace(ild_search_norm({0}), ' ', ''))
             ORDER BY score DESC, name, b.id
             LIMIT {2})
            UNION ALL
            (SELECT 'Event' AS type, e.id, e.title AS name, left(e.description, 240) AS snippet, '/api/v1/events/' AS path,
                    greatest(
                        word_similarity(ild_search_norm({0}), e.search_names),
                        similarity(e.search_compact, replace(ild_search_norm({0}), ' ', '')),
                        CASE WHEN e.search_names LIKE '%' || ild_search_norm({3}) || '%' THEN 0.9 ELSE 0 END,
                        ts_rank(e.search_document, websearch_to_tsquery('simple', ild_search_norm({0}))) * 0.5)
                    + CASE WHEN e.search_compact = replace(ild_search_norm({0}), ' ', '') OR ild_search_norm('') = ild_search_norm({0}) THEN 1 ELSE 0 END AS score
             FROM events e
             WHERE e.deleted_at IS NULL AND ({1}::text IS NULL OR {1} = 'Event')
               AND (ild_search_norm({0}) <% e.search_names
                    OR e.search_names LIKE '%' || ild_search_norm({3}) || '%'
                    OR e.search_document @@ websearch_to_tsquery('simple', ild_search_norm({0}))
                    OR e.search_compact % replace(ild_search_norm({0}), ' ', ''))
             ORDER BY score DESC, name, e.id
             LIMIT {2})
        ) c
        ORDER BY c.score DESC, c.name, c.id
        LIMIT {2}
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
