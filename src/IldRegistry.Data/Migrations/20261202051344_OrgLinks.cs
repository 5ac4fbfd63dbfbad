using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrgLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "org_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    from_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    to_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    to_id = table.Column<Guid>(type: "uuid", nullable: false),
                    end_status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    end_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    end_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    end_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    end_not_after_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    end_not_after_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_not_after_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_not_after_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    end_not_after_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    end_not_before_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    end_not_before_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_not_before_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_not_before_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    end_not_before_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    start_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    start_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    start_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    start_not_after_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    start_not_after_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_not_after_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_not_after_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    start_not_after_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    start_not_before_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    start_not_before_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_not_before_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_not_before_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    start_not_before_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    claims = table.Column<string>(type: "jsonb", nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_org_links", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_org_links_from_id_kind",
                table: "org_links",
                columns: new[] { "from_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_org_links_to_id_kind",
                table: "org_links",
                columns: new[] { "to_id", "kind" });

            // Written by hand, as for every table: the GIN index that finds the links citing a source (GET
            // /sources/{id}, a refused delete), and the trigger that tells every API instance of a change.
            migrationBuilder.Sql("""
                CREATE INDEX ix_org_links_cited ON org_links USING gin (sources jsonb_path_ops, claims jsonb_path_ops) WHERE deleted_at IS NULL;
                CREATE TRIGGER ild_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_links
                FOR EACH STATEMENT EXECUTE FUNCTION ild_notify_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_links");
        }
    }
}
