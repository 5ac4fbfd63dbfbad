using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using Npgsql;
using NpgsqlTypes;

namespace IldRegistry.Api.Features.Search;

/// <summary>
/// One ranked search over every resource, in one SQL statement over <c>search_index</c>. Candidates are found by whole
/// words of the normalised names (lower-cased, accents and tone marks removed; the last word of the query also as a
/// prefix, a misspelt word also as its nearest words of the vocabulary), by the name without spaces (so <c>Lukang</c>
/// finds <c>Lu Kang</c>), by substring (so a Chinese fragment finds its record) and by full text over summaries; only
/// those candidates are scored, with pg_trgm similarity.
/// </summary>
public sealed class SearchService(RegistryDbContext db)
{
    // How many vocabulary words stand in for a query word that is in no name, and how close they must be
    // (pg_trgm similarity: "kanng" to "kang" is 0.57, "weii" to "wei" 0.5, "lluo" to "luo" 0.5). The GIN index on
    // search_terms finds them with %>>, pg_trgm's strict word similarity, which for one word against one word is the
    // similarity, at pg_trgm.strict_word_similarity_threshold: every connection sets it to this (DatabaseFaults).
    private const int Corrections = 3;
    internal const double CorrectionSimilarity = 0.3;

    // At most this many candidates are scored, so that a word shared by thousands of records ("wang", "party") costs
    // what a rare one does; past a cap, which of the equally matching records are scored is arbitrary. The candidates
    // come in three sets with a cap each, so that one kind of match cannot crowd out a better one: records named
    // exactly by the query (they score above 1), records matched by the words of their names, and records matched by
    // their text (summaries, descriptions: thousands of events hold "delegation"). word_similarity costs about 28 µs a
    // row (bench/README.md), so the caps bound a query's scoring at about 20 ms.
    private const int ExactCandidates = 100;
    private const int NameCandidates = 300;
    private const int DocumentCandidates = 300;

    // q: the query normalised once; c: without spaces or hyphens ("Wang Jia-xiang" is Wang Jiaxiang). words: a tsquery with one group per query word, ANDed: the word itself (the
    // last one also as a prefix when no name holds it whole: "wang we" finds Wang Wei, "lin li" does not widen to
    // every Liang and Liu) or, when no name holds it, the word OR its nearest words in
    // search_terms (pg_trgm's %>> over a GIN index of a few thousand words, not over the records; the closest first, ties by
    // the word, so the same query always finds the same corrections). single: a one-word query may also be
    // a misspelt name without spaces ("Lukanng"), matched by similarity on search_compact; NULL otherwise, so that
    // the trigram index is not read at all. fragment: substrings find candidates only in scripts written without
    // spaces (a Chinese fragment); in Latin script whole words and the prefix of the last one do, and the substring
    // still scores (0.9) among them, but five trigram index scans less per query.
    // The candidates come from search_index, one row per live record of every searched resource (kept by a trigger on
    // each table, migration SearchIndex): five index scans in all, where a branch per resource ran five each. q is read
    // through scalar subqueries, not joined: joined, a generic plan scanned the whole table computing to_tsvector for
    // each row; as subqueries its values are parameters of index scans in every plan. A record in two sets appears
    // once (DISTINCT ON).
    // Parameters (positional, so Npgsql sends the text as it is, without parsing it for placeholders): $1 the query,
    // $2 the type or null, $3 the limit, $4 the query escaped for LIKE.
    private static string Sql(string typeCondition) => $$"""
        WITH q AS MATERIALIZED (
            SELECT s.n, regexp_replace(s.n, '[\s-]+', '', 'g') AS c, ild_search_norm($4) AS pattern,
                   CASE WHEN s.n ~ '[^\x01-\x7f]' THEN ild_search_norm($4) END AS fragment,
                   websearch_to_tsquery('simple', s.n) AS doc,
                   CASE WHEN s.n !~ '\s' THEN s.n END AS single,
                   (SELECT string_agg('(' || w.alternatives || ')', ' & ')::tsquery FROM (
                        SELECT (SELECT string_agg(x.quoted, ' | ') FROM (
                                    SELECT ild_tsquery_quote(k.lexeme) || CASE WHEN k.last THEN ':*' ELSE '' END AS quoted
                                    UNION ALL
                                    SELECT ild_tsquery_quote(a.term) FROM (
                                        SELECT t.term FROM search_terms t
                                        WHERE NOT k.known AND k.lexeme ~ '[a-z0-9]' AND t.term %>> k.lexeme
                                        ORDER BY similarity(t.term, k.lexeme) DESC, t.term
                                        LIMIT {{Corrections}}) a
                                    WHERE similarity(a.term, k.lexeme) >= {{CorrectionSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture)}}) x) AS alternatives
                        FROM (SELECT l.lexeme, l.last AND l.next IS DISTINCT FROM l.lexeme AS last,
                                     coalesce(l.next = l.lexeme OR (l.last AND starts_with(l.next, l.lexeme)), false) AS known
                              FROM (SELECT v.lexeme, v.positions[cardinality(v.positions)] = max(v.positions[cardinality(v.positions)]) OVER () AS last,
                                           (SELECT min(e.term) FROM search_terms e WHERE e.term >= v.lexeme COLLATE "C") AS next
                                    FROM unnest(to_tsvector('simple', s.n)) v) l) k) w) AS words
            FROM (SELECT ild_search_norm($1) AS n) s)
        SELECT c.type AS "Type", c.id AS "Id", c.name AS "Name", c.snippet AS "Snippet", c.score AS "Score"
        FROM (SELECT DISTINCT ON (r.type, r.id) r.type, r.id, r.name, r.snippet,
                     greatest(
                         word_similarity((SELECT q.n FROM q), r.search_names),
                         similarity(r.search_compact, (SELECT q.c FROM q)),
                         CASE WHEN r.search_names LIKE '%' || (SELECT q.pattern FROM q) || '%' THEN 0.9 ELSE 0 END,
                         ts_rank(r.search_document, (SELECT q.doc FROM q)) * 0.5)
                     + CASE WHEN r.search_compact = (SELECT q.c FROM q) OR r.short_norm = (SELECT q.n FROM q) THEN 1 ELSE 0 END AS score
              FROM ((SELECT * FROM search_index r
                     WHERE {{typeCondition}} AND r.search_compact = (SELECT q.c FROM q)
                     LIMIT {{ExactCandidates}})
                    UNION ALL
                    (SELECT * FROM search_index r
                     WHERE {{typeCondition}}
                       AND (to_tsvector('simple'::regconfig, r.search_names) @@ (SELECT q.words FROM q)
                            OR r.search_names LIKE '%' || (SELECT q.fragment FROM q) || '%'
                            OR r.search_compact % (SELECT q.single FROM q))
                     LIMIT {{NameCandidates}})
                    UNION ALL
                    (SELECT * FROM search_index r
                     WHERE {{typeCondition}} AND r.search_document @@ (SELECT q.doc FROM q)
                     LIMIT {{DocumentCandidates}})) r
              ORDER BY r.type, r.id) c
        ORDER BY c.score DESC, c.name, c.id
        LIMIT $3
        """;

    // Two statements, so that each runs its own generic plan: with a type, the type is a key of every candidate index
    // (btree_gin), so a search of departments for "delegation" does not read the thousands of events that hold it
    // (325 to 339 ms when the type was only a filter); without one, no type condition at all.
    private static readonly string AnyType = Sql("$2::text IS NULL");

    private static readonly string OneType = Sql("r.type = $2");

    // A hit's address: its resource's path, by the type search_index gives.
    private static readonly Dictionary<string, (SearchType Type, string Path)> Types =
        ResourceRegistry.Instance.All.Where(r => r.Search is not null)
            .ToDictionary(r => r.Search!.Type, r => (Enum.Parse<SearchType>(r.Search!.Type), r.Path + "/"));

    // The statement goes straight to Npgsql (SqlBatch), not through EF Core's SqlQueryRaw: EF regenerated the 6 KB of
    // SQL on every execution and Npgsql then parsed it again for placeholders (bench/README.md, "Figures behind the code").
    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var text = query.Q.Trim();
        var statement = new SqlBatch.Statement(query.Type is null ? AnyType : OneType,
            new NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)query.Type?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = query.Limit, NpgsqlDbType = NpgsqlDbType.Integer },
            new NpgsqlParameter { Value = ContainsPattern(text), NpgsqlDbType = NpgsqlDbType.Text })
        {
            // Its plan is the same for any query (the candidates' index scans take q's values as parameters), but
            // over one table PostgreSQL planned it anew on every run: 0.6 to 0.9 ms of planning for 0.5 ms of running.
            GenericPlan = true,
        };
        var hits = await SqlBatch.RowsAsync(db, statement, r =>
        {
            var (type, path) = Types[r.GetString(0)];
            return new SearchHit(type, r.GetGuid(1), r.GetString(2), SqlBatch.Text(r, 3), Math.Round(r.GetDouble(4), 4), path + r.GetGuid(1));
        }, ct);
        return new SearchResult(query.Q, hits);
    }

    // A literal substring match on the normalised names: the user's % and _ are not wildcards. Normalisation
    // (lower case, no accents) happens in SQL; escaping first is safe because unaccent leaves the escapes alone.
    private static string ContainsPattern(string text) => LikePattern.Contains(text)[1..^1];

}
