using IldRegistry.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <summary>
    /// Sources are searched like the other resources, but SearchWordsAndTerms gave them neither the vocabulary
    /// trigger nor the words indexes: a misspelt word that only a source's title or publisher holds ("Kyoddo") was
    /// corrected to nothing. Now they have both, and the refill reads them too. No change to the EF model.
    /// </summary>
    [DbContext(typeof(RegistryDbContext))]
    [Migration("20261202171000_SourcesSearchWords")]
    public partial class SourcesSearchWords : Migration
    {
        // The vocabulary's refill over the words of these tables (as SearchWordsAndTerms wrote it, with its five).
        private static string Refill(params string[] tables) => $"""
            CREATE OR REPLACE FUNCTION ild_search_terms_refill() RETURNS void LANGUAGE sql AS $$
                INSERT INTO search_terms (term)
                SELECT DISTINCT w.lexeme
                FROM ({string.Join(" UNION ALL ", tables.Select(t => $"SELECT search_names FROM {t}"))}) s,
                     unnest(to_tsvector('simple'::regconfig, s.search_names)) w
                WHERE w.lexeme ~ '[a-z0-9]'
                ON CONFLICT DO NOTHING;
            $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER ild_search_terms AFTER INSERT OR UPDATE ON sources FOR EACH ROW EXECUTE FUNCTION ild_search_terms_add();
                CREATE INDEX ix_sources_search_words ON sources USING gin (to_tsvector('simple'::regconfig, search_names)) WHERE deleted_at IS NULL;
                CREATE INDEX ix_sources_search_compact_equal ON sources (search_compact) WHERE deleted_at IS NULL;
                {Refill("departments", "people", "institutions", "bureaus", "events", "sources")}
                SELECT ild_search_terms_refill();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER IF EXISTS ild_search_terms ON sources;
                DROP INDEX IF EXISTS ix_sources_search_words;
                DROP INDEX IF EXISTS ix_sources_search_compact_equal;
                {Refill("departments", "people", "institutions", "bureaus", "events")}
                """);
        }
    }
}
