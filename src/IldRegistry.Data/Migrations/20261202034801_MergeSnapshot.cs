using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IldRegistry.Data.Migrations
{
    /// <inheritdoc />
    public partial class MergeSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing: the branches' own migrations (SourceRecordsAndClaims, BodyExistenceAndNameDates) hold the
            // operations; this one only brings the model snapshot, merged from both, up to date.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing: the branches' own migrations (SourceRecordsAndClaims, BodyExistenceAndNameDates) hold the
            // operations; this one only brings the model snapshot, merged from both, up to date.
        }
    }
}
