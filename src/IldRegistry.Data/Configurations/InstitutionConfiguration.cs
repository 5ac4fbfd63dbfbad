using IldRegistry.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class InstitutionConfiguration : EntityConfiguration<Institution>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Institution> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(300);
        builder.Property(i => i.NativeName).HasMaxLength(300);
        builder.Property(i => i.Location).HasMaxLength(300);
        builder.Property(i => i.Summary).HasMaxLength(4000);
        builder.Property(i => i.Website).HasMaxLength(2000);
        ConfigureExistence(builder);
        builder.ComplexCollection(i => i.OtherNames, n => n.ToJson());
        builder.ComplexCollection(i => i.Identifiers, n => n.ToJson());
        builder.HasOne(i => i.Department).WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.DepartmentId, i.Kind });
        builder.HasIndex(i => new { i.DepartmentId, i.Name }).IsUnique().HasFilter("deleted_at IS NULL");
    }
}
