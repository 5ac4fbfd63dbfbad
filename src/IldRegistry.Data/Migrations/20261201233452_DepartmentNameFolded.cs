using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentNameFolded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_departments_name",
                table: "departments");

            migrationBuilder.CreateIndex(
                name: "ix_departments_name",
                table: "departments",
                column: "name",
                filter: "deleted_at IS NULL");

            // Live names that differ only in case must be told apart by hand first: say which, rather than fail obscurely.
            migrationBuilder.Sql("""
                DO $$
                DECLARE clashes text;
                BEGIN
                    SELECT string_agg(names, '; ') INTO clashes FROM (
                        SELECT string_agg(name, ' / ') AS names FROM departments
                        WHERE deleted_at IS NULL GROUP BY lower(name) HAVING count(*) > 1) c;
                    IF clashes IS NOT NULL THEN
                        RAISE EXCEPTION 'Live departments whose names differ only in case: %. Rename one of each before migrating.', clashes;
                    END IF;
                END $$;
                CREATE UNIQUE INDEX ix_departments_name_folded ON departments (lower(name)) WHERE deleted_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_departments_name_folded;");
            migrationBuilder.DropIndex(
                name: "ix_departments_name",
                table: "departments");

            migrationBuilder.CreateIndex(
                name: "ix_departments_name",
                table: "departments",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");
        }
    }
}
