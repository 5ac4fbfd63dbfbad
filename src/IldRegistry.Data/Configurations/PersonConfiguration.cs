using IldRegistry.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IldRegistry.Data.Configurations;

public sealed class PersonConfiguration : EntityConfiguration<Person>
{
    protected override void ConfigureEntity(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.HasIndex(p => p.Name);
        builder.Property(p => p.NativeName).HasMaxLength(300);
        builder.Property(p => p.RomanizedName).HasMaxLength(300);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.ComplexProperty(p => p.Born, ConfigureDate);
        builder.ComplexProperty(p => p.BornNotBefore, ConfigureDate);
        builder.ComplexProperty(p => p.BornNotAfter, ConfigureDate);
        builder.ComplexProperty(p => p.Died, ConfigureDate);
        builder.ComplexProperty(p => p.DiedNotBefore, ConfigureDate);
        builder.ComplexProperty(p => p.DiedNotAfter, ConfigureDate);
        builder.ComplexCollection(p => p.OtherNames, n => n.ToJson());
        builder.ComplexCollection(p => p.Identifiers, n => n.ToJson());
    }
}
