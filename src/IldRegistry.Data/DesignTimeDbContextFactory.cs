using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IldRegistry.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the API or a database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>()
            .UseNpgsql("Host=localhost;Database=ildregistry_design")
            .UseSnakeCaseNamingConvention()
            .Options;
        return new RegistryDbContext(options);
    }
}
