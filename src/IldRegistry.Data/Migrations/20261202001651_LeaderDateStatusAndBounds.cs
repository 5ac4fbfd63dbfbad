using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeaderDateStatusAndBounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "end_not_after_lower",
                table: "leaders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_not_after_precision",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_not_after_qualifier",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_not_after_text",
                table: "leaders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "end_not_after_upper",
                table: "leaders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "end_not_before_lower",
                table: "leaders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_not_before_precision",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_not_before_qualifier",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_not_before_text",
                table: "leaders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "end_not_before_upper",
                table: "leaders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_status",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "start_not_after_lower",
                table: "leaders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "start_not_after_precision",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "start_not_after_qualifier",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "start_not_after_text",
                table: "leaders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "start_not_after_upper",
                table: "leaders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "start_not_before_lower",
                table: "leaders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "start_not_before_precision",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "start_not_before_qualifier",
                table: "leaders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "start_not_before_text",
                table: "leaders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "start_not_before_upper",
                table: "leaders",
                type: "date",
                nullable: true);

            // Until now a null end meant "still serving" (and nothing else could be said): so it stays ongoing.
            migrationBuilder.Sql("UPDATE leaders SET end_status = CASE WHEN end_text IS NULL THEN 'Ongoing' ELSE 'Known' END;");

            // The seed article's citations say when it attests what it lists: written after 2025-09-30 (it names Liu
            // Haixing as head), taken for the registry by 2026-11-27 (data/sources/ild-leadership.md).
            foreach (var table in new[] { "departments", "people", "leaders", "bureaus", "institutions", "events" })
            {
                migrationBuilder.Sql($$"""
                    UPDATE {{table}} SET sources = (
                        SELECT coalesce(jsonb_agg(CASE WHEN s->>'Url' = 'https://en.wikipedia.org/wiki/International_Department_of_the_Chinese_Communist_Party'
                                                        AND s->>'Attested' IS NULL
                                                   THEN s || '{"Attested": "202X", "AttestedNotBefore": "2025-09-30", "AttestedNotAfter": "2026-11-27"}'::jsonb
                                                   ELSE s END ORDER BY o), '[]'::jsonb)
                        FROM jsonb_array_elements(sources) WITH ORDINALITY AS e(s, o));
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "end_not_after_lower",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_after_precision",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_after_qualifier",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_after_text",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_after_upper",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_before_lower",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_before_precision",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_before_qualifier",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_before_text",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_not_before_upper",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "end_status",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_after_lower",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_after_precision",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_after_qualifier",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_after_text",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_after_upper",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_before_lower",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_before_precision",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_before_qualifier",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_before_text",
                table: "leaders");

            migrationBuilder.DropColumn(
                name: "start_not_before_upper",
                table: "leaders");
        }
    }
}
