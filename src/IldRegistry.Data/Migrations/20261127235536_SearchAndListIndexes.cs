using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchAndListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Kept out of the EF model on purpose: PostgreSQL maintains these generated columns itself, and only the
            // search query reads them, so EF never fetches or writes them (search_compact: the name without spaces, so that
            // "Lukang" finds "Lu Kang"). ild_search_norm lower-cases and removes
            // accents and tone marks (an IMMUTABLE wrapper over unaccent, so generated columns and indexes may use it).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION ild_search_norm(value text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
                ALTER TABLE departments ADD COLUMN search_names text GENERATED ALWAYS AS (ild_search_norm(coalesce(name, '') || ' ' || coalesce(short_name, '') || ' ' || coalesce(native_name, '') || ' ' || coalesce(romanized_name, '') || ' ' || coalesce(slug, '') || ' ' || coalesce(jsonb_path_query_array(other_names, '$[*].name')::text, ''))) STORED;
                ALTER TABLE departments ADD COLUMN search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ild_search_norm(coalesce(name, '') || ' ' || coalesce(short_name, '') || ' ' || coalesce(native_name, '') || ' ' || coalesce(romanized_name, '') || ' ' || coalesce(slug, '') || ' ' || coalesce(jsonb_path_query_array(other_names, '$[*].name')::text, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(functions, '')))) STORED;
                CREATE INDEX ix_departments_search_names ON departments USING gin (search_names gin_trgm_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_departments_search_document ON departments USING gin (search_document) WHERE deleted_at IS NULL;
                ALTER TABLE departments ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(ild_search_norm(name), ' ', '')) STORED;
                CREATE INDEX ix_departments_search_compact ON departments USING gin (search_compact gin_trgm_ops) WHERE deleted_at IS NULL;
                ALTER TABLE people ADD COLUMN search_names text GENERATED ALWAYS AS (ild_search_norm(coalesce(name, '') || ' ' || coalesce(native_name, '') || ' ' || coalesce(romanized_name, '') || ' ' || coalesce(jsonb_path_query_array(other_names, '$[*].name')::text, ''))) STORED;
                ALTER TABLE people ADD COLUMN search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ild_search_norm(coalesce(name, '') || ' ' || coalesce(native_name, '') || ' ' || coalesce(romanized_name, '') || ' ' || coalesce(jsonb_path_query_array(other_names, '$[*].name')::text, '') || ' ' || coalesce(notes, '')))) STORED;
                CREATE INDEX ix_people_search_names ON people USING gin (search_names gin_trgm_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_people_search_document ON people USING gin (search_document) WHERE deleted_at IS NULL;
                ALTER TABLE people ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(ild_search_norm(name), ' ', '')) STORED;
                CREATE INDEX ix_people_search_compact ON people USING gin (search_compact gin_trgm_ops) WHERE deleted_at IS NULL;
                ALTER TABLE institutions ADD COLUMN search_names text GENERATED ALWAYS AS (ild_search_norm(coalesce(name, '') || ' ' || coalesce(native_name, '') || ' ' || coalesce(jsonb_path_query_array(other_names, '$[*].name')::text, ''))) STORED;
                ALTER TABLE institutions ADD COLUMN search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ild_search_norm(coalesce(name, '') || ' ' || coalesce(native_name, '') || ' ' || coalesce(jsonb_path_query_array(other_names, '$[*].name')::text, '') || ' ' || coalesce(location, '') || ' ' || coalesce(summary, '')))) STORED;
                CREATE INDEX ix_institutions_search_names ON institutions USING gin (search_names gin_trgm_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_institutions_search_document ON institutions USING gin (search_document) WHERE deleted_at IS NULL;
                ALTER TABLE institutions ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(ild_search_norm(name), ' ', '')) STORED;
                CREATE INDEX ix_institutions_search_compact ON institutions USING gin (search_compact gin_trgm_ops) WHERE deleted_at IS NULL;
                ALTER TABLE bureaus ADD COLUMN search_names text GENERATED ALWAYS AS (ild_search_norm(coalesce(name, '') || ' ' || coalesce(alternate_name, '') || ' ' || coalesce(region, ''))) STORED;
                ALTER TABLE bureaus ADD COLUMN search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ild_search_norm(coalesce(name, '') || ' ' || coalesce(alternate_name, '') || ' ' || coalesce(region, '')))) STORED;
                CREATE INDEX ix_bureaus_search_names ON bureaus USING gin (search_names gin_trgm_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_bureaus_search_document ON bureaus USING gin (search_document) WHERE deleted_at IS NULL;
                ALTER TABLE bureaus ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(ild_search_norm(name), ' ', '')) STORED;
                CREATE INDEX ix_bureaus_search_compact ON bureaus USING gin (search_compact gin_trgm_ops) WHERE deleted_at IS NULL;
                ALTER TABLE events ADD COLUMN search_names text GENERATED ALWAYS AS (ild_search_norm(coalesce(title, ''))) STORED;
                ALTER TABLE events ADD COLUMN search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ild_search_norm(coalesce(title, '') || ' ' || coalesce(description, '')))) STORED;
                CREATE INDEX ix_events_search_names ON events USING gin (search_names gin_trgm_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_events_search_document ON events USING gin (search_document) WHERE deleted_at IS NULL;
                ALTER TABLE events ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(ild_search_norm(title), ' ', '')) STORED;
                CREATE INDEX ix_events_search_compact ON events USING gin (search_compact gin_trgm_ops) WHERE deleted_at IS NULL;
                CREATE INDEX ix_events_date ON events (date_lower, date_upper, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_events_kind_date ON events (kind, date_lower, date_upper, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_events_department_date ON events (department_id, date_lower, date_upper, id) WHERE deleted_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_events_department_date; DROP INDEX IF EXISTS ix_events_kind_date; DROP INDEX IF EXISTS ix_events_date;
                ALTER TABLE departments DROP COLUMN IF EXISTS search_names, DROP COLUMN IF EXISTS search_document, DROP COLUMN IF EXISTS search_compact; DROP INDEX IF EXISTS ix_departments_search_compact;
                ALTER TABLE people DROP COLUMN IF EXISTS search_names, DROP COLUMN IF EXISTS search_document, DROP COLUMN IF EXISTS search_compact; DROP INDEX IF EXISTS ix_people_search_compact;
                ALTER TABLE institutions DROP COLUMN IF EXISTS search_names, DROP COLUMN IF EXISTS search_document, DROP COLUMN IF EXISTS search_compact; DROP INDEX IF EXISTS ix_institutions_search_compact;
                ALTER TABLE bureaus DROP COLUMN IF EXISTS search_names, DROP COLUMN IF EXISTS search_document, DROP COLUMN IF EXISTS search_compact; DROP INDEX IF EXISTS ix_bureaus_search_compact;
                ALTER TABLE events DROP COLUMN IF EXISTS search_names, DROP COLUMN IF EXISTS search_document, DROP COLUMN IF EXISTS search_compact; DROP INDEX IF EXISTS ix_events_search_compact;
                DROP FUNCTION IF EXISTS ild_search_norm(text);
                """);
        }
    }
}
