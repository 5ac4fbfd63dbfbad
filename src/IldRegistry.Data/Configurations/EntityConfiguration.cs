using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

/// <summary>The mapping every registry record shares: key, timestamps, soft delete, xmin, sources.</summary>
public abstract class EntityConfiguration<T> : IEntityTypeConfiguration<T>
    where T : Entity
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Version).IsRowVersion();
        builder.HasQueryFilter(e => e.DeletedAt == null);
        builder.ComplexCollection(e => e.Sources, s => s.ToJson());
        builder.ComplexCollection(e => e.Claims, c => c.ToJson());
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);

    protected static void ConfigureDate(ComplexPropertyBuilder<PartialDate> date)
    {
        date.Property(d => d.Text).HasMaxLength(16);
    }
}
