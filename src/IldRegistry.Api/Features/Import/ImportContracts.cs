namespace IldRegistry.Api.Features.Import;

/// <summary>How many records of each resource an import counts.</summary>
public sealed record ImportCounts(int Departments, int People, int Leaders, int Bureaus, int Institutions, int Events);

/// <summary>What an import did, or (with <c>dryRun</c>) would do.</summary>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Created">Records whose id the registry did not have.</param>
/// <param name="Updated">Records whose fields differed from the registry's, and deleted records brought back.</param>
/// <param name="Unchanged">Records already in the registry exactly as in the file: left alone.</param>
public sealed record ImportResult(bool DryRun, ImportCounts Created, ImportCounts Updated, ImportCounts Unchanged);

/// <summary>Options of an import.</summary>
public sealed record ImportQuery
{
    /// <summary>Validate and count only: nothing is written.</summary>
    public bool DryRun { get; init; }
}
