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
    // Each branch: (type, id, name, the text its exact-name bonus compares, snippet, search columns, base url).
    private const string Sql = """
        WITH q AS (
            SELECT ild_search_norm({0}) AS text,
                   replace(ild_search_norm({0}), ' ', '') AS compact,
                   websearch_to_tsquery('simple', ild_search_norm({0})) AS ts
        ),
        candidates AS (
            SELECT 'Department' AS type, d.id, d.name, coalesce(d.short_name, '') AS short, d.summary AS snippet,
                   d.search_names, d.search_document, '/api/v1/departments/' AS path
            FROM departments d WHERE d.deleted_at IS NULL
            UNION ALL
            SELECT 'Person', p.id, p.name, '', p.notes, p.search_names, p.search_document, '/api/v1/people/'
            FROM people p WHERE p.deleted_at IS NULL
            UNION ALL
            SELECT 'Institution', i.id, i.name, '', i.summary, i.search_names, i.search_document, '/api/v1/institutions/'
            FROM institutions i WHERE i.deleted_at IS NULL
            UNION ALL
            SELECT 'Bureau', b.id, b.name, coalesce(b.alternate_name, ''), b.region, b.search_names, b.search_document, '/api/v1/bureaus/'
            FROM bureaus b WHERE b.deleted_at IS NULL
            UNION ALL
            SELECT 'Event', e.id, e.title, '', e.description, e.search_names, e.search_document, '/api/v1/events/'
            FROM events e WHERE e.deleted_at IS NULL
        )
        SELECT c.type AS "Type", c.id AS "Id", c.name AS "Name", left(c.snippet, 240) AS "Snippet",
               greatest(
                   word_similarity(q.text, c.search_names),
                   similarity(replace(ild_search_norm(c.name), ' ', ''), q.compact),
                   CASE WHEN strpos(c.search_names, q.text) > 0 THEN 0.9 ELSE 0 END,
                   ts_rank(c.search_document, q.ts) * 0.5
               )
               + CASE WHEN ild_search_norm(c.name) = q.text OR ild_search_norm(c.short) = q.text THEN 1 ELSE 0 END
               AS "Score",
               c.path AS "Path"
        FROM candidates c, q
        WHERE ({1}::text IS NULL OR c.type = {1})
          AND (q.text <% c.search_names
               OR strpos(c.search_names, q.text) > 0
               OR c.search_document @@ q.ts
               OR similarity(replace(ild_search_norm(c.name), ' ', ''), q.compact) > 0.5)
        ORDER BY "Score" DESC, "Name", "Id"
        LIMIT {2}
        """;

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var text = query.Q.Trim();
        var rows = await db.Database
            .SqlQueryRaw<Row>(Sql, text, (object?)query.Type?.ToString() ?? DBNull.Value, query.Limit)
            .ToListAsync(ct);
        var hits = rows.Select(r => new SearchHit(
                Enum.Parse<SearchType>(r.Type), r.Id, r.Name, r.Snippet, Math.Round(r.Score, 4), r.Path + r.Id))
            .ToList();
        return new SearchResult(query.Q, hits);
    }

    private sealed record Row(string Type, Guid Id, string Name, string? Snippet, double Score, string Path);
}
