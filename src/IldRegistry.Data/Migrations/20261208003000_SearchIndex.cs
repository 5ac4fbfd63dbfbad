using IldRegistry.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <summary>
    /// One table that search reads, instead of six. Each searched table kept its own five candidate indexes, so a
    /// search ran thirty index scans and six scored branches, most of them finding nothing ("Cao Huaxiu" is in no
    /// department, bureau, institution, event or source); at S=1000 that was about 1 ms of PostgreSQL per search,
    /// against about 0.5 ms over one table with the same five indexes (pgbench, bench/README.md). search_index holds,
    /// per live record, what search matches and shows: its search columns (still generated on the record), its name,
    /// its short name normalised and its snippet. A trigger on each searched table keeps it: a write of the record
    /// writes its row (only when something search reads changed), a soft delete or a delete removes it, a restore
    /// writes it again, and TRUNCATE empties the table's rows. The trigger's arguments are the resource's type and
    /// its name, short name and snippet columns, as the resource's definition names them (SearchColumns; a test
    /// compares the two). The per-table indexes go: nothing else reads them. No change to the EF model.
    /// </summary>
    [DbContext(typeof(RegistryDbContext))]
    [Migration("20261208003000_SearchIndex")]
    public partial class SearchIndex : Migration
    {
        // The searched tables as of this migration: table, type, name column, short name column ('' for none), snippet column.
        private static readonly (string Table, string Type, string Name, string ShortName, string Snippet)[] Tables =
        [
            ("departments", "Department", "name", "short_name", "summary"),
            ("people", "Person", "name", "native_name", "notes"),
            ("institutions", "Institution", "name", "", "summary"),
            ("bureaus", "Bureau", "name", "alternate_name", "region"),
            ("events", "Event", "title", "", "description"),
            ("sources", "Source", "title", "", "notes"),
        ];

        private static readonly string[] Kinds = ["compact", "compact_equal", "document", "names", "words"];

        private static string TableIndex(string table, string kind) => kind switch
        {
            "compact" => $"CREATE INDEX ix_{table}_search_compact ON {table} USING gin (search_compact gin_trgm_ops) WHERE deleted_at IS NULL;",
            "compact_equal" => $"CREATE INDEX ix_{table}_search_compact_equal ON {table} (search_compact) WHERE deleted_at IS NULL;",
            "document" => $"CREATE INDEX ix_{table}_search_document ON {table} USING gin (search_document) WHERE deleted_at IS NULL;",
            "names" => $"CREATE INDEX ix_{table}_search_names ON {table} USING gin (search_names gin_trgm_ops) WHERE deleted_at IS NULL;",
            _ => $"CREATE INDEX ix_{table}_search_words ON {table} USING gin (to_tsvector('simple'::regconfig, search_names)) WHERE deleted_at IS NULL;",
        };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                CREATE TABLE search_index (
                    type text NOT NULL,
                    id uuid NOT NULL,
                    name text NOT NULL,
                    short_norm text,
                    snippet text,
                    search_names text,
                    search_compact text,
                    search_document tsvector,
                    PRIMARY KEY (type, id));

                -- TG_ARGV: the type, then the record's name, short name and snippet columns ('' for none).
                CREATE FUNCTION ild_search_index() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    r jsonb;
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        DELETE FROM search_index WHERE type = TG_ARGV[0];
                        RETURN NULL;
                    ELSIF TG_OP = 'DELETE' THEN
                        DELETE FROM search_index WHERE type = TG_ARGV[0] AND id = OLD.id;
                        RETURN NULL;
                    ELSIF NEW.deleted_at IS NOT NULL THEN
                        DELETE FROM search_index WHERE type = TG_ARGV[0] AND id = NEW.id;
                        RETURN NULL;
                    END IF;
                    r := to_jsonb(NEW);
                    INSERT INTO search_index AS s (type, id, name, short_norm, snippet, search_names, search_compact, search_document)
                    VALUES (TG_ARGV[0], NEW.id, coalesce(r ->> TG_ARGV[1], ''), ild_search_norm(r ->> TG_ARGV[2]),
                            left(r ->> TG_ARGV[3], 240), NEW.search_names, NEW.search_compact, NEW.search_document)
                    ON CONFLICT (type, id) DO UPDATE
                        SET name = EXCLUDED.name, short_norm = EXCLUDED.short_norm, snippet = EXCLUDED.snippet,
                            search_names = EXCLUDED.search_names, search_compact = EXCLUDED.search_compact,
                            search_document = EXCLUDED.search_document
                        WHERE (s.name, s.short_norm, s.snippet, s.search_names, s.search_compact, s.search_document)
                              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.short_norm, EXCLUDED.snippet, EXCLUDED.search_names,
                                                EXCLUDED.search_compact, EXCLUDED.search_document);
                    RETURN NULL;
                END $$;

                {{string.Join("\n", Tables.Select(t => $"""
                    CREATE TRIGGER ild_search_index AFTER INSERT OR UPDATE OR DELETE ON {t.Table}
                        FOR EACH ROW EXECUTE FUNCTION ild_search_index('{t.Type}', '{t.Name}', '{t.ShortName}', '{t.Snippet}');
                    CREATE TRIGGER ild_search_index_truncate AFTER TRUNCATE ON {t.Table}
                        FOR EACH STATEMENT EXECUTE FUNCTION ild_search_index('{t.Type}', '{t.Name}', '{t.ShortName}', '{t.Snippet}');
                    INSERT INTO search_index (type, id, name, short_norm, snippet, search_names, search_compact, search_document)
                    SELECT '{t.Type}', id, coalesce({t.Name}, ''), ild_search_norm({(t.ShortName == "" ? "NULL" : t.ShortName)}), left({t.Snippet}, 240),
                           search_names, search_compact, search_document
                    FROM {t.Table} WHERE deleted_at IS NULL;
                    {string.Join(" ", Kinds.Select(k => $"DROP INDEX IF EXISTS ix_{t.Table}_search_{k};"))}
                    """))}}

                -- The type is a key of every candidate index (btree_gin for the GIN ones), so that a search of one
                -- type reads only its candidates; a search of all types uses the same indexes without it.
                CREATE EXTENSION IF NOT EXISTS btree_gin;
                CREATE INDEX ix_search_index_words ON search_index USING gin (type, to_tsvector('simple'::regconfig, search_names));
                CREATE INDEX ix_search_index_compact_equal ON search_index (search_compact, type);
                CREATE INDEX ix_search_index_names ON search_index USING gin (type, search_names gin_trgm_ops);
                CREATE INDEX ix_search_index_document ON search_index USING gin (type, search_document);
                CREATE INDEX ix_search_index_compact ON search_index USING gin (type, search_compact gin_trgm_ops);
                ANALYZE search_index;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                {string.Join("\n", Tables.Select(t => $"""
                    DROP TRIGGER IF EXISTS ild_search_index ON {t.Table};
                    DROP TRIGGER IF EXISTS ild_search_index_truncate ON {t.Table};
                    {string.Join("\n", Kinds.Select(k => TableIndex(t.Table, k)))}
                    """))}
                DROP FUNCTION IF EXISTS ild_search_index();
                DROP TABLE IF EXISTS search_index;
                DROP EXTENSION IF EXISTS btree_gin;
                """);
        }
    }
}
