using IldRegistry.Domain.Leaders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class LeaderConfiguration : EntityConfiguration<Leader>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Leader> builder)
    {
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.ComplexProperty(l => l.Start, ConfigureDate);
        builder.ComplexProperty(l => l.End, ConfigureDate);
        builder.ComplexProperty(l => l.StartNotBefore, ConfigureDate);
        builder.ComplexProperty(l => l.StartNotAfter, ConfigureDate);
        builder.ComplexProperty(l => l.EndNotBefore, ConfigureDate);
        builder.ComplexProperty(l => l.EndNotAfter, ConfigureDate);
        builder.HasOne(l => l.Department).WithMany().HasForeignKey(l => l.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Person).WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.DepartmentId, l.Rank });
        builder.HasIndex(l => l.PersonId);
    }
}
