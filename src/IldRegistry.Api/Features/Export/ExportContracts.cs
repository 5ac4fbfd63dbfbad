using System.Text.Json;
using FluentValidation;

namespace IldRegistry.Api.Features.Export;

/// <summary>How to export.</summary>
public sealed record ExportQuery
{
    /// <summary><c>json</c> (default): one document that <c>POST /api/v1/import</c> accepts; <c>csv</c>: a zip of one CSV file per resource.</summary>
    public string? Format { get; init; }
}

public sealed class ExportQueryValidator : AbstractValidator<ExportQuery>
{
    public ExportQueryValidator()
    {
        RuleFor(q => q.Format)
            .Must(f => f is null || ExportFormats.IsKnown(f))
            .WithName("format")
            .WithMessage("'format' must be json or csv.");
    }
}

internal static class ExportFormats
{
    public const string Json = "json";
    public const string Csv = "csv";

    public static bool IsKnown(string format) =>
        string.Equals(format, Json, StringComparison.OrdinalIgnoreCase) || string.Equals(format, Csv, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The whole registry as one JSON document: what <c>GET /api/v1/export</c> writes and <c>POST /api/v1/import</c> reads.
/// </summary>
/// <remarks>
/// <code>
/// { "format": "ildregistry-export", "version": 1, "exportedAt": "2026-11-28T10:00:00+00:00",
///   "departments": [...], "people": [...], "leaders": [...], "bureaus": [...], "institutions": [...], "events": [...] }
/// </code>
/// Each item is the resource's request record (what <c>POST</c> and <c>PUT</c> on the resource accept: a
/// <c>DepartmentRequest</c>, <c>PersonRequest</c>, <c>LeaderRequest</c>, <c>BureauRequest</c>,
/// <c>InstitutionRequest</c> or <c>EventRequest</c>, sources included) plus the record's <c>id</c>. Departments and
/// bureaus come parents first, everything else by id. Deleted records are left out.
/// </remarks>
public sealed record ExportDocument
{
    public const string FormatName = "ildregistry-export";
    public const int CurrentVersion = 1;

    /// <summary>Always <c>ildregistry-export</c>.</summary>
    public string Format { get; init; } = string.Empty;

    /// <summary>The version of the document's shape: 1.</summary>
    public int Version { get; init; }

    /// <summary>When the export was made (informational; import ignores it).</summary>
    public DateTimeOffset? ExportedAt { get; init; }

    /// <summary>Departments: a <c>DepartmentRequest</c> plus <c>id</c> each, parents before children.</summary>
    public List<JsonElement>? Departments { get; init; }

    /// <summary>People: a <c>PersonRequest</c> plus <c>id</c> each.</summary>
    public List<JsonElement>? People { get; init; }

    /// <summary>Leader posts: a <c>LeaderRequest</c> plus <c>id</c> each.</summary>
    public List<JsonElement>? Leaders { get; init; }

    /// <summary>Bureaus: a <c>BureauRequest</c> plus <c>id</c> each, parent bureaus before their children.</summary>
    public List<JsonElement>? Bureaus { get; init; }

    /// <summary>Institutions: an <c>InstitutionRequest</c> plus <c>id</c> each.</summary>
    public List<JsonElement>? Institutions { get; init; }

    /// <summary>Historical events: an <c>EventRequest</c> plus <c>id</c> each.</summary>
    public List<JsonElement>? Events { get; init; }
}

public sealed class ExportDocumentValidator : AbstractValidator<ExportDocument>
{
    public ExportDocumentValidator()
    {
        RuleFor(d => d.Format).Equal(ExportDocument.FormatName)
            .WithMessage($"'format' must be '{ExportDocument.FormatName}': the body must be a document from GET /api/v1/export?format=json.");
        RuleFor(d => d.Version).Equal(ExportDocument.CurrentVersion)
            .WithMessage($"'version' must be {ExportDocument.CurrentVersion}: this server reads version {ExportDocument.CurrentVersion} exports only.");
    }
}

/// <summary>One exported record: its id and its fields in the shape of the resource's request.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Record">Its fields as <c>POST</c>/<c>PUT</c> take them.</param>
public sealed record ExportRecord<TRequest>(Guid Id, TRequest Record);
