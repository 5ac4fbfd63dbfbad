using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class BodyExistenceAndNameDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_lower",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_after_lower",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_precision",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_qualifier",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_text",
                table: "institutions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_after_upper",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_before_lower",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_precision",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_qualifier",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_text",
                table: "institutions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_before_upper",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_precision",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_qualifier",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_status",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "dissolved_text",
                table: "institutions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_upper",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_after_lower",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_precision",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_qualifier",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_text",
                table: "institutions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_after_upper",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_before_lower",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_precision",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_qualifier",
                table: "institutions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_text",
                table: "institutions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_before_upper",
                table: "institutions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_after_lower",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_precision",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_qualifier",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_text",
                table: "departments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_after_upper",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_before_lower",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_precision",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_qualifier",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_text",
                table: "departments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_before_upper",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_status",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_after_lower",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_precision",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_qualifier",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_text",
                table: "departments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_after_upper",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_before_lower",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_precision",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_qualifier",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_text",
                table: "departments",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_before_upper",
                table: "departments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_lower",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_after_lower",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_precision",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_qualifier",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_after_text",
                table: "bureaus",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_after_upper",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_before_lower",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_precision",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_qualifier",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_not_before_text",
                table: "bureaus",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_not_before_upper",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_precision",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_qualifier",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "dissolved_status",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "dissolved_text",
                table: "bureaus",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_upper",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_lower",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_after_lower",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_precision",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_qualifier",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_after_text",
                table: "bureaus",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_after_upper",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_before_lower",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_precision",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_qualifier",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_not_before_text",
                table: "bureaus",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_not_before_upper",
                table: "bureaus",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_precision",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_qualifier",
                table: "bureaus",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "established_text",
                table: "bureaus",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "established_upper",
                table: "bureaus",
                type: "date",
                nullable: true);

            // Units and institutions had no dissolution: the registry listed each as existing, as the article it cites
            // describes them. That stays true: still existing as of the latest source.
            migrationBuilder.Sql("UPDATE bureaus SET dissolved_status = 'Ongoing';");
            migrationBuilder.Sql("UPDATE institutions SET dissolved_status = 'Ongoing';");
            // A department without a dissolution date said nothing either way (the article's "See also" departments
            // are not said to exist today): unknown, unless the registry's own records place it in the present, through
            // a unit, an institution, a post still held or a sub-department of its own.
            migrationBuilder.Sql("""
                UPDATE departments d SET dissolved_status = CASE
                    WHEN d.dissolved_text IS NOT NULL THEN 'Known'
                    WHEN EXISTS (SELECT 1 FROM bureaus b WHERE b.department_id = d.id AND b.deleted_at IS NULL)
                      OR EXISTS (SELECT 1 FROM institutions i WHERE i.department_id = d.id AND i.deleted_at IS NULL)
                      OR EXISTS (SELECT 1 FROM leaders l WHERE l.department_id = d.id AND l.deleted_at IS NULL AND l.end_status = 'Ongoing')
                      OR EXISTS (SELECT 1 FROM departments c WHERE c.parent_id = d.id AND c.deleted_at IS NULL)
                    THEN 'Ongoing'
                    ELSE 'Unknown' END;
                """);
            // A name without an end was a name in use, unless it is a former one: then when it fell out of use is unknown.
            foreach (var table in new[] { "departments", "people", "institutions" })
            {
                migrationBuilder.Sql($$"""
                    UPDATE {{table}} SET other_names = (
                        SELECT coalesce(jsonb_agg(n || jsonb_build_object('EndStatus', CASE
                                   WHEN n->>'End' IS NOT NULL THEN 'Known'
                                   WHEN n->>'Kind' = 'Former' THEN 'Unknown'
                                   ELSE 'Ongoing' END) ORDER BY o), '[]'::jsonb)
                        FROM jsonb_array_elements(other_names) WITH ORDINALITY AS e(n, o))
                    WHERE jsonb_typeof(other_names) = 'array';
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "dissolved_lower",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_lower",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_precision",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_qualifier",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_text",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_upper",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_lower",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_precision",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_qualifier",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_text",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_upper",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_precision",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_qualifier",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_status",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_text",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_upper",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_after_lower",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_after_precision",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_after_qualifier",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_after_text",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_after_upper",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_before_lower",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_before_precision",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_before_qualifier",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_before_text",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "established_not_before_upper",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_lower",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_precision",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_qualifier",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_text",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_upper",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_lower",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_precision",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_qualifier",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_text",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_upper",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_status",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_after_lower",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_after_precision",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_after_qualifier",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_after_text",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_after_upper",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_before_lower",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_before_precision",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_before_qualifier",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_before_text",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "established_not_before_upper",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "dissolved_lower",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_lower",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_precision",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_qualifier",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_text",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_after_upper",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_lower",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_precision",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_qualifier",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_text",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_not_before_upper",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_precision",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_qualifier",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_status",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_text",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "dissolved_upper",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_lower",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_after_lower",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_after_precision",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_after_qualifier",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_after_text",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_after_upper",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_before_lower",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_before_precision",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_before_qualifier",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_before_text",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_not_before_upper",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_precision",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_qualifier",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_text",
                table: "bureaus");

            migrationBuilder.DropColumn(
                name: "established_upper",
                table: "bureaus");
        }
    }
}
