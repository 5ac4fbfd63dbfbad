using FluentValidation;

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
    /// <summary><c>json</c> (default): the body is an export document (<c>GET /api/v1/export?format=json</c>); <c>popolo</c>: a Popolo document (<c>GET /api/v1/export?format=popolo</c>, or another project's).</summary>
    public string? Format { get; init; }

    /// <summary>Validate and count only: nothing is written.</summary>
    public bool DryRun { get; init; }
}

public sealed class ImportQueryValidator : AbstractValidator<ImportQuery>
{
    public ImportQueryValidator()
    {
        RuleFor(q => q.Format)
            .Must(f => f is null || ImportFormats.Normalize(f) is not null)
            .WithName("format")
            .WithMessage("'format' must be json or popolo.");
    }
}

/// <summary>The forms an import reads: the export document, or Popolo.</summary>
internal static class ImportFormats
{
    public const string Json = "json";
    public const string Popolo = "popolo";

    public static readonly string[] All = [Json, Popolo];

    /// <summary>The format's canonical name (json when none is given), or null when unknown; names are matched ignoring case.</summary>
    public static string? Normalize(string? format) =>
        format is null ? Json : All.FirstOrDefault(f => string.Equals(f, format, StringComparison.OrdinalIgnoreCase));
}
