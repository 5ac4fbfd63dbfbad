using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,");

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    hash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    entity_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    short_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    native_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    romanized_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    jurisdiction = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    agency_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    headquarters = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    functions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    logo = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    logo_caption = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    dissolved_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    dissolved_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    dissolved_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    dissolved_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    dissolved_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    established_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    established_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    established_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    established_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    established_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    identifiers = table.Column<string>(type: "jsonb", nullable: false),
                    other_names = table.Column<string>(type: "jsonb", nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.id);
                    table.ForeignKey(
                        name: "fk_departments_departments_parent_id",
                        column: x => x.parent_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    native_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    romanized_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    identifiers = table.Column<string>(type: "jsonb", nullable: false),
                    other_names = table.Column<string>(type: "jsonb", nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bureaus",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    alternate_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: true),
                    region = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    parent_bureau_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bureaus", x => x.id);
                    table.ForeignKey(
                        name: "fk_bureaus_bureaus_parent_bureau_id",
                        column: x => x.parent_bureau_id,
                        principalTable: "bureaus",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bureaus_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    institution_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    person_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    date_lower = table.Column<DateOnly>(type: "date", nullable: false),
                    date_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    date_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    date_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    date_upper = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_date_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_date_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    end_date_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_events_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "institutions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    native_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    website = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    established_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    established_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    established_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    established_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    established_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    identifiers = table.Column<string>(type: "jsonb", nullable: false),
                    other_names = table.Column<string>(type: "jsonb", nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_institutions", x => x.id);
                    table.ForeignKey(
                        name: "fk_institutions_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leaders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    end_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    end_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    end_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    end_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    start_lower = table.Column<DateOnly>(type: "date", nullable: true),
                    start_precision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_qualifier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    start_text = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    start_upper = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    sources = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaders", x => x.id);
                    table.ForeignKey(
                        name: "fk_leaders_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leaders_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_hash",
                table: "api_keys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_name",
                table: "api_keys",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_type_entity_id_at",
                table: "audit_entries",
                columns: new[] { "entity_type", "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_bureaus_department_id_name",
                table: "bureaus",
                columns: new[] { "department_id", "name" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bureaus_department_id_number",
                table: "bureaus",
                columns: new[] { "department_id", "number" },
                unique: true,
                filter: "number IS NOT NULL AND deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bureaus_department_id_sort_order",
                table: "bureaus",
                columns: new[] { "department_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_bureaus_parent_bureau_id",
                table: "bureaus",
                column: "parent_bureau_id");

            migrationBuilder.CreateIndex(
                name: "ix_departments_name",
                table: "departments",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_departments_parent_id",
                table: "departments",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_departments_slug",
                table: "departments",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_events_department_id",
                table: "events",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_institutions_department_id_kind",
                table: "institutions",
                columns: new[] { "department_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_institutions_department_id_name",
                table: "institutions",
                columns: new[] { "department_id", "name" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leaders_department_id_rank",
                table: "leaders",
                columns: new[] { "department_id", "rank" });

            migrationBuilder.CreateIndex(
                name: "ix_leaders_person_id",
                table: "leaders",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_name",
                table: "people",
                column: "name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "bureaus");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "institutions");

            migrationBuilder.DropTable(
                name: "leaders");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "people");
        }
    }
}
