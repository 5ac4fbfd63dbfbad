using IldRegistry.Domain.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class SourceDocumentConfiguration : EntityConfiguration<SourceDocument>
{
    protected override void ConfigureEntity(EntityTypeBuilder<SourceDocument> builder)
    {
        builder.ToTable("sources");
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.Publisher).HasMaxLength(300);
        builder.Property(s => s.Language).HasMaxLength(35);
        builder.Property(s => s.Notes).HasMaxLength(4000);
        builder.ComplexProperty(s => s.Published, ConfigureDate);
        builder.HasIndex(s => s.Title);
    }
}
