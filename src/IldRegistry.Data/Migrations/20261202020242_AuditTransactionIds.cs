using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditTransactionIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "transaction_id",
                table: "audit_entries",
                type: "bigint",
                nullable: false,
                defaultValueSql: "(pg_current_xact_id()::text::bigint)");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_transaction_id_id",
                table: "audit_entries",
                columns: new[] { "transaction_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_entries_transaction_id_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "transaction_id",
                table: "audit_entries");
        }
    }
}
