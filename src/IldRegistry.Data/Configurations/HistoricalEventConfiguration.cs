using IldRegistry.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class HistoricalEventConfiguration : EntityConfiguration<HistoricalEvent>
{
    protected override void ConfigureEntity(EntityTypeBuilder<HistoricalEvent> builder)
    {
        builder.ToTable("events");
        builder.Property(e => e.Title).HasMaxLength(300);
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.ComplexProperty(e => e.Date, ConfigureDate);
        builder.ComplexProperty(e => e.EndDate, ConfigureDate);
        builder.HasOne(e => e.Department).WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.DepartmentId);
    }
}
