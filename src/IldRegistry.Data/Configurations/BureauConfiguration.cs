using IldRegistry.Domain.Bureaus;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class BureauConfiguration : EntityConfiguration<Bureau>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Bureau> builder)
    {
        ConfigureExistence(builder);
        builder.Property(b => b.Name).HasMaxLength(300);
        builder.Property(b => b.AlternateName).HasMaxLength(300);
        builder.Property(b => b.Region).HasMaxLength(300);
        builder.HasOne(b => b.Department).WithMany().HasForeignKey(b => b.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(b => b.ParentBureau).WithMany().HasForeignKey(b => b.ParentBureauId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.DepartmentId, b.SortOrder });
        builder.HasIndex(b => new { b.DepartmentId, b.Name }).IsUnique().HasFilter("deleted_at IS NULL");
        builder.HasIndex(b => b.ParentBureauId);
        builder.HasIndex(b => new { b.DepartmentId, b.Number }).IsUnique().HasFilter("number IS NOT NULL AND deleted_at IS NULL");
    }
}
