namespace IldRegistry.Api.Features.Import;

/// <summary>What an import did, or (with <c>dryRun</c>) would do.</summary>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Created">Records whose id the registry did not have.</param>
/// <param name="Updated">Records whose fields differed from the registry's, and deleted records brought back.</param>
/// <param name="Unchanged">Records already in the registry exactly as in the file: left alone.</param>
/// <remarks>Each count is keyed by the section (the resource's collection: <c>departments</c>, <c>people</c>, …), every section present.</remarks>
public sealed record ImportResult(bool DryRun, IReadOnlyDictionary<string, int> Created, IReadOnlyDictionary<string, int> Updated, IReadOnlyDictionary<string, int> Unchanged);

/// <summary>Options of an import.</summary>
public sealed record ImportQuery
{
    /// <summary>Validate and count only: nothing is written.</summary>
    public bool DryRun { get; init; }
}
