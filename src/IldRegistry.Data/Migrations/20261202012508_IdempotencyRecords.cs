using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Outside the EF model: only the Idempotency-Key middleware reads and writes it, in SQL. A row with
            // status 0 is a first request still running; the answer is kept for a day (expired rows are replaced).
            migrationBuilder.Sql("""
                CREATE TABLE idempotency_records (
                    actor text NOT NULL,
                    key text NOT NULL,
                    request_hash text NOT NULL,
                    status integer NOT NULL,
                    content_type text,
                    location text,
                    etag text,
                    body bytea,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (actor, key));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE idempotency_records;");
        }
    }
}
