using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchWordsAndTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search finds its candidates by whole words first (ix_*_search_words, the words of search_names; the last
            // word of a query as a prefix) and corrects a misspelt word against search_terms, the vocabulary of those
            // names in Latin script (a few thousand words where the records are tens of thousands; bench/README.md).
            // A trigger adds the words of every written row; words no longer used stay, and only widen a corrected
            // query. Outside the EF model, like the search columns. ild_search_terms_refill rebuilds the vocabulary
            // (after a bulk load with triggers off). A B-tree on search_compact serves the exact match without spaces: the
            // trigram index answered it by intersecting the long lists of common trigrams (11 ms for "wangweii").
            migrationBuilder.Sql("""
                CREATE TABLE search_terms (term text COLLATE "C" PRIMARY KEY);
                CREATE INDEX ix_search_terms_term ON search_terms USING gist (term gist_trgm_ops);
                CREATE FUNCTION ild_tsquery_quote(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT '''' || replace(replace(value, '\', '\\'), '''', '''''') || '''' $$;
                CREATE FUNCTION ild_search_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO search_terms (term)
                    SELECT lexeme FROM unnest(to_tsvector('simple'::regconfig, NEW.search_names)) WHERE lexeme ~ '[a-z0-9]'
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER ild_search_terms AFTER INSERT OR UPDATE ON departments FOR EACH ROW EXECUTE FUNCTION ild_search_terms_add();
                CREATE INDEX ix_departments_search_words ON departments USING gin (to_tsvector('simple'::regconfig, search_names)) WHERE deleted_at IS NULL;
                CREATE INDEX ix_departments_search_compact_equal ON departments (search_compact) WHERE deleted_at IS NULL;
                CREATE TRIGGER ild_search_terms AFTER INSERT OR UPDATE ON people FOR EACH ROW EXECUTE FUNCTION ild_search_terms_add();
                CREATE INDEX ix_people_search_words ON people USING gin (to_tsvector('simple'::regconfig, search_names)) WHERE deleted_at IS NULL;
                CREATE INDEX ix_people_search_compact_equal ON people (search_compact) WHERE deleted_at IS NULL;
                CREATE TRIGGER ild_search_terms AFTER INSERT OR UPDATE ON institutions FOR EACH ROW EXECUTE FUNCTION ild_search_terms_add();
                CREATE INDEX ix_institutions_search_words ON institutions USING gin (to_tsvector('simple'::regconfig, search_names)) WHERE deleted_at IS NULL;
                CREATE INDEX ix_institutions_search_compact_equal ON institutions (search_compact) WHERE deleted_at IS NULL;
                CREATE TRIGGER ild_search_terms AFTER INSERT OR UPDATE ON bureaus FOR EACH ROW EXECUTE FUNCTION ild_search_terms_add();
                CREATE INDEX ix_bureaus_search_words ON bureaus USING gin (to_tsvector('simple'::regconfig, search_names)) WHERE deleted_at IS NULL;
                CREATE INDEX ix_bureaus_search_compact_equal ON bureaus (search_compact) WHERE deleted_at IS NULL;
                CREATE TRIGGER ild_search_terms AFTER INSERT OR UPDATE ON events FOR EACH ROW EXECUTE FUNCTION ild_search_terms_add();
                CREATE INDEX ix_events_search_words ON events USING gin (to_tsvector('simple'::regconfig, search_names)) WHERE deleted_at IS NULL;
                CREATE INDEX ix_events_search_compact_equal ON events (search_compact) WHERE deleted_at IS NULL;
                CREATE FUNCTION ild_search_terms_refill() RETURNS void LANGUAGE sql AS $$
                    INSERT INTO search_terms (term)
                    SELECT DISTINCT w.lexeme
                    FROM (SELECT search_names FROM departments UNION ALL SELECT search_names FROM people
                          UNION ALL SELECT search_names FROM institutions UNION ALL SELECT search_names FROM bureaus
                          UNION ALL SELECT search_names FROM events) s,
                         unnest(to_tsvector('simple'::regconfig, s.search_names)) w
                    WHERE w.lexeme ~ '[a-z0-9]'
                    ON CONFLICT DO NOTHING;
                $$;
                SELECT ild_search_terms_refill();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS ild_search_terms ON departments; DROP INDEX IF EXISTS ix_departments_search_words; DROP INDEX IF EXISTS ix_departments_search_compact_equal;
                DROP TRIGGER IF EXISTS ild_search_terms ON people; DROP INDEX IF EXISTS ix_people_search_words; DROP INDEX IF EXISTS ix_people_search_compact_equal;
                DROP TRIGGER IF EXISTS ild_search_terms ON institutions; DROP INDEX IF EXISTS ix_institutions_search_words; DROP INDEX IF EXISTS ix_institutions_search_compact_equal;
                DROP TRIGGER IF EXISTS ild_search_terms ON bureaus; DROP INDEX IF EXISTS ix_bureaus_search_words; DROP INDEX IF EXISTS ix_bureaus_search_compact_equal;
                DROP TRIGGER IF EXISTS ild_search_terms ON events; DROP INDEX IF EXISTS ix_events_search_words; DROP INDEX IF EXISTS ix_events_search_compact_equal;
                DROP FUNCTION IF EXISTS ild_search_terms_refill(); DROP FUNCTION IF EXISTS ild_search_terms_add(); DROP FUNCTION IF EXISTS ild_tsquery_quote(text);
                DROP TABLE IF EXISTS search_terms;
                """);
        }
    }
}
