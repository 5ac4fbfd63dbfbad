using IldRegistry.Data.Caching;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeNotifications : Migration
    {
        private static readonly string[] Tables = ["api_keys", "audit_entries", "departments", "people", "bureaus", "events", "institutions", "leaders"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A statement-level trigger on every table, so that whatever writes (EF, the import, psql) notifies every
            // API instance: PostgreSQL delivers a NOTIFY when, and only if, its transaction commits, and sends one
            // per table per transaction however many rows change.
            migrationBuilder.Sql($"""
                CREATE OR REPLACE FUNCTION ild_notify_change() RETURNS trigger
                LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('{RegistryChanges.Channel}', TG_TABLE_NAME); RETURN NULL; END $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER ild_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION ild_notify_change();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS ild_notify_change ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS ild_notify_change();");
        }
    }
}
