using IldRegistry.Domain.OrgLinks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class OrgLinkConfiguration : EntityConfiguration<OrgLink>
{
    protected override void ConfigureEntity(EntityTypeBuilder<OrgLink> builder)
    {
        // The ends point at one of three tables, so they are checked by the resource's declared references (as soft
        // deletes are everywhere) rather than by foreign keys.
        builder.ToTable("org_links");
        builder.Property(l => l.Note).HasMaxLength(4000);
        builder.ComplexProperty(l => l.Start, ConfigureDate);
        builder.ComplexProperty(l => l.StartNotBefore, ConfigureDate);
        builder.ComplexProperty(l => l.StartNotAfter, ConfigureDate);
        builder.ComplexProperty(l => l.End, ConfigureDate);
        builder.ComplexProperty(l => l.EndNotBefore, ConfigureDate);
        builder.ComplexProperty(l => l.EndNotAfter, ConfigureDate);
        builder.HasIndex(l => new { l.FromId, l.Kind });
        builder.HasIndex(l => new { l.ToId, l.Kind });
    }
}
