using IldRegistry.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.EntityType).HasMaxLength(60);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Before).HasColumnType("jsonb");
        builder.Property(a => a.After).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.At });

        // Set by the database in the writing transaction, so that the change feed can order by it (see ChangeFeed).
        builder.Property(a => a.TransactionId).HasDefaultValueSql("(pg_current_xact_id()::text::bigint)").ValueGeneratedOnAdd();
        builder.HasIndex(a => new { a.TransactionId, a.Id });
    }
}
