using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class SourceRecordsAndClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "claims",
                table: "people",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "claims",
                table: "leaders",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "claims",
                table: "institutions",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "claims",
                table: "events",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "claims",
                table: "departments",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "office_count",
                table: "departments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "claims",
                table: "bureaus",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    publisher = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    weight = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    published_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    published_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    published_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    published_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    published_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    claims = table.Column<string>(type: "jsonb", nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sources", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sources_title",
                table: "sources",
                column: "title");

            // Written by hand (docs/adr/0003): the search columns of sources, the GIN indexes that find the records
            // citing a source by jsonb containment (GET /sources/{id}, a refused delete), and the functions that show
            // a citation of a source record with the source's title, address, date, language and weight.
            migrationBuilder.Sql("""
                ALTER TABLE sources ADD COLUMN search_names text GENERATED ALWAYS AS (ild_search_norm(coalesce(title, '') || ' ' || coalesce(publisher, ''))) STORED;
                ALTER TABLE sources ADD COLUMN search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ild_search_norm(coalesce(title, '') || ' ' || coalesce(publisher, '') || ' ' || coalesce(url, '') || ' ' || coalesce(notes, '')))) STORED;
                ALTER TABLE sources ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(ild_search_norm(title), ' ', '')) STORED;
                CREATE INDEX ix_sources_search_names ON sources USING gin (search_names gin_trgm_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_sources_search_document ON sources USING gin (search_document) WHERE deleted_at IS NULL;
                CREATE INDEX ix_sources_search_compact ON sources USING gin (search_compact gin_trgm_ops) WHERE deleted_at IS NULL;

                CREATE INDEX ix_departments_cited ON departments USING gin (sources jsonb_path_ops, claims jsonb_path_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_people_cited ON people USING gin (sources jsonb_path_ops, claims jsonb_path_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_leaders_cited ON leaders USING gin (sources jsonb_path_ops, claims jsonb_path_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_bureaus_cited ON bureaus USING gin (sources jsonb_path_ops, claims jsonb_path_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_institutions_cited ON institutions USING gin (sources jsonb_path_ops, claims jsonb_path_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_events_cited ON events USING gin (sources jsonb_path_ops, claims jsonb_path_ops) WHERE deleted_at IS NULL;

                CREATE OR REPLACE FUNCTION ild_cite(citations jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
                    SELECT coalesce(jsonb_agg(CASE WHEN s.id IS NULL THEN e.c ELSE e.c || jsonb_build_object(
                               'Title', s.title, 'Url', s.url, 'Publisher', s.publisher, 'Published', s.published_text,
                               'Language', s.language, 'Weight', s.weight) END ORDER BY e.o), '[]'::jsonb)
                    FROM jsonb_array_elements(citations) WITH ORDINALITY AS e(c, o)
                    LEFT JOIN sources s ON jsonb_typeof(e.c -> 'SourceId') = 'string' AND s.id = (e.c ->> 'SourceId')::uuid
                $$;
                CREATE OR REPLACE FUNCTION ild_claims(claims jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
                    SELECT coalesce(jsonb_agg(e.c || jsonb_build_object('Sources', ild_cite(coalesce(e.c -> 'Sources', '[]'::jsonb))) ORDER BY e.o), '[]'::jsonb)
                    FROM jsonb_array_elements(claims) WITH ORDINALITY AS e(c, o)
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS ild_claims(jsonb);
                DROP FUNCTION IF EXISTS ild_cite(jsonb);
                DROP INDEX IF EXISTS ix_departments_cited, ix_people_cited, ix_leaders_cited, ix_bureaus_cited, ix_institutions_cited, ix_events_cited;
                """);
            migrationBuilder.DropTable(
                name: "sources");

            migrationBuilder.DropColumn(
                name: "claims",
                table: "people");

            migrationBuilder.DropColumn(
                name: "claims",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "claims",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "claims",
                table: "events");

            migrationBuilder.DropColumn(
                name: "claims",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "office_count",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "claims",
                table: "bureaus");
        }
    }
}
