using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using IldRegistry.Api.Common.Resources;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IldRegistry.Api.Features.Export;

/// <summary>How to export.</summary>
public sealed record ExportQuery
{
    /// <summary><c>json</c> (default): one document that <c>POST /api/v1/import</c> accepts; <c>csv</c>: a zip of CSV files for spreadsheets, one per resource and one per list field; <c>popolo</c>: Popolo JSON (persons, organizations, posts, memberships).</summary>
    public string? Format { get; init; }
}

public sealed class ExportQueryValidator : AbstractValidator<ExportQuery>
{
    public ExportQueryValidator()
    {
        RuleFor(q => q.Format)
            .Must(f => f is null || ExportFormats.IsKnown(f))
            .WithName("format")
            .WithMessage("'format' must be json, csv or popolo.");
    }
}

internal static class ExportFormats
{
    public const string Json = "json";
    public const string Csv = "csv";

    public const string Popolo = "popolo";

    public static bool IsKnown(string format) => Normalize(format) is not null;

    /// <summary>Whether the request being validated names the Popolo format (an import of a Popolo document: its body has no export version to check).</summary>
    public static bool AsksForPopolo(IDictionary<string, object> rootContextData) =>
        rootContextData.TryGetValue(Common.ValidationFilter.QueryKey, out var query) && query is Microsoft.AspNetCore.Http.IQueryCollection values
        && values["format"].ToString() is { Length: > 0 } format && Normalize(format) == Popolo;

    /// <summary>The format's canonical name, or null when unknown (names are matched ignoring case).</summary>
    public static string? Normalize(string? format) =>
        format is null ? Json : new[] { Json, Csv, Popolo }.FirstOrDefault(f => string.Equals(f, format, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The whole registry as one JSON document: what <c>GET /api/v1/export</c> writes and <c>POST /api/v1/import</c> reads.
/// </summary>
/// <remarks>
/// <code>
/// { "format": "ildregistry-export", "version": 1, "exportedAt": "2026-11-28T10:00:00+00:00",
///   "departments": [...], "people": [...], "leaders": [...], "bureaus": [...], "institutions": [...], "events": [...] }
/// </code>
/// One section per resource, named by its collection. Each item is the resource's request record (what <c>POST</c>
/// and <c>PUT</c> on the resource accept, sources included) plus the record's <c>id</c>. Records of a tree (departments,
/// bureaus) come parents first, everything else by id. Deleted records are left out.
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

    /// <summary>The sections, by resource collection (documented one by one in the schema, see <see cref="ExportDocumentSchemaFilter"/>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Sections { get; init; }
}

public sealed class ExportDocumentValidator : AbstractValidator<ExportDocument>
{
    public ExportDocumentValidator()
    {
        When((_, context) => !ExportFormats.AsksForPopolo(context.RootContextData), () =>
        {
            RuleFor(d => d.Format).Equal(ExportDocument.FormatName)
                .WithMessage($"'format' must be '{ExportDocument.FormatName}': the body must be a document from GET /api/v1/export?format=json (or post a Popolo document with format=popolo).");
            RuleFor(d => d.Version).Equal(ExportDocument.CurrentVersion)
                .WithMessage($"'version' must be {ExportDocument.CurrentVersion}: this server reads version {ExportDocument.CurrentVersion} exports only.");
        });
    }
}

/// <summary>Documents the export document's sections, one per registered resource: an array of its request records, each with its id.</summary>
internal sealed class ExportDocumentSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(ExportDocument) || schema is not OpenApiSchema target)
        {
            return;
        }

        target.AdditionalProperties = null;
        target.AdditionalPropertiesAllowed = false;
        target.Properties ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var resource in ResourceRegistry.Instance.All)
        {
            target.Properties[resource.Collection] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array | JsonSchemaType.Null,
                Description = $"The {resource.Collection}: a {resource.RequestType.Name} plus its id each.",
                Items = ItemSchema(resource.RequestType, context),
            };
        }
    }

    /// <summary>
    /// A section's item: the request's fields plus its <c>id</c>, as one closed schema of its own (the request's is
    /// closed too, so "request and an id" cannot be an allOf of it).
    /// </summary>
    private static OpenApiSchemaReference ItemSchema(Type requestType, SchemaFilterContext context)
    {
        var name = requestType.Name.Replace("Request", "ExportItem", StringComparison.Ordinal);
        if (!context.SchemaRepository.Schemas.ContainsKey(name))
        {
            context.SchemaGenerator.GenerateSchema(requestType, context.SchemaRepository);
            var request = (OpenApiSchema)context.SchemaRepository.Schemas[requestType.Name];
            var item = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"{request.Description} With its id, as exported.",
                Properties = new Dictionary<string, IOpenApiSchema>(request.Properties ?? new Dictionary<string, IOpenApiSchema>())
                {
                    ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The record's id (always exported; the import keeps it)." },
                },
                Required = new HashSet<string>(request.Required ?? new HashSet<string>()),
                AdditionalPropertiesAllowed = request.AdditionalPropertiesAllowed,
            };
            context.SchemaRepository.AddDefinition(name, item);
        }

        return new OpenApiSchemaReference(name);
    }
}
