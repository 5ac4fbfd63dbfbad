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

    /// <summary>A body's establishment and dissolution, with their bounds.</summary>
    protected static void ConfigureExistence<TBody>(EntityTypeBuilder<TBody> builder)
        where TBody : Body
    {
        builder.ComplexProperty(b => b.Established, ConfigureDate);
        builder.ComplexProperty(b => b.EstablishedNotBefore, ConfigureDate);
        builder.ComplexProperty(b => b.EstablishedNotAfter, ConfigureDate);
        builder.ComplexProperty(b => b.Dissolved, ConfigureDate);
        builder.ComplexProperty(b => b.DissolvedNotBefore, ConfigureDate);
        builder.ComplexProperty(b => b.DissolvedNotAfter, ConfigureDate);
    }

    protected static void ConfigureDate(ComplexPropertyBuilder<PartialDate> date)
    {
        date.Property(d => d.Text).HasMaxLength(16);
    }
}
