using IldRegistry.Domain.Auditing;
using IldRegistry.Domain.Auth;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.OrgLinks;
using IldRegistry.Domain.People;
using IldRegistry.Domain.Sources;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Leader> Leaders => Set<Leader>();

    public DbSet<Bureau> Bureaus => Set<Bureau>();

    public DbSet<Institution> Institutions => Set<Institution>();

    public DbSet<HistoricalEvent> Events => Set<HistoricalEvent>();

    public DbSet<SourceDocument> Sources => Set<SourceDocument>();

    public DbSet<OrgLink> OrgLinks => Set<OrgLink>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.HasPostgresExtension("unaccent");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
    }
}
