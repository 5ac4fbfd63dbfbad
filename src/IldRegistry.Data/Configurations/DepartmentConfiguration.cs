using IldRegistry.Domain.Departments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class DepartmentConfiguration : EntityConfiguration<Department>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Slug).HasMaxLength(100);
        builder.HasIndex(d => d.Slug).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(300);
        // For sorting. Uniqueness is on the folded name, lower(name), as PostgreSQL folds it ("Ext Probe" and
        // "ext probe" are one name): an expression index EF cannot model, made by the DepartmentNameFolded migration.
        builder.HasIndex(d => d.Name).HasFilter("deleted_at IS NULL");
        builder.Property(d => d.ShortName).HasMaxLength(50);
        builder.Property(d => d.NativeName).HasMaxLength(300);
        builder.Property(d => d.RomanizedName).HasMaxLength(300);
        builder.Property(d => d.Jurisdiction).HasMaxLength(300);
        builder.Property(d => d.AgencyType).HasMaxLength(300);
        builder.Property(d => d.Headquarters).HasMaxLength(300);
        builder.Property(d => d.Summary).HasMaxLength(4000);
        builder.Property(d => d.Functions).HasMaxLength(4000);
        builder.Property(d => d.Logo).HasMaxLength(300);
        builder.Property(d => d.LogoCaption).HasMaxLength(300);
        ConfigureExistence(builder);
        builder.ComplexCollection(d => d.OtherNames, n => n.ToJson());
        builder.ComplexCollection(d => d.Identifiers, n => n.ToJson());
        builder.HasIndex(d => d.ParentId);
        builder.HasOne(d => d.Parent).WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
