using IldRegistry.Domain.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.HasIndex(k => k.Name).IsUnique();
        builder.Property(k => k.Hash).HasMaxLength(100);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
