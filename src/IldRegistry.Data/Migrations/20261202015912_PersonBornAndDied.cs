using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonBornAndDied : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "born_lower",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "born_not_after_lower",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_not_after_precision",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_not_after_qualifier",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_not_after_text",
                table: "people",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "born_not_after_upper",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "born_not_before_lower",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_not_before_precision",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_not_before_qualifier",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_not_before_text",
                table: "people",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "born_not_before_upper",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_precision",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_qualifier",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "born_text",
                table: "people",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "born_upper",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "died_lower",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "died_not_after_lower",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_not_after_precision",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_not_after_qualifier",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_not_after_text",
                table: "people",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "died_not_after_upper",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "died_not_before_lower",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_not_before_precision",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_not_before_qualifier",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_not_before_text",
                table: "people",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "died_not_before_upper",
                table: "people",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_precision",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_qualifier",
                table: "people",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "died_text",
                table: "people",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "died_upper",
                table: "people",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "born_lower",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_after_lower",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_after_precision",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_after_qualifier",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_after_text",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_after_upper",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_before_lower",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_before_precision",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_before_qualifier",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_before_text",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_not_before_upper",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_precision",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_qualifier",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_text",
                table: "people");

            migrationBuilder.DropColumn(
                name: "born_upper",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_lower",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_after_lower",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_after_precision",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_after_qualifier",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_after_text",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_after_upper",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_before_lower",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_before_precision",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_before_qualifier",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_before_text",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_not_before_upper",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_precision",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_qualifier",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_text",
                table: "people");

            migrationBuilder.DropColumn(
                name: "died_upper",
                table: "people");
        }
    }
}
