using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IldRegistry.Api.Common;

/// <summary>
/// Examples straight from the seed data: each resource's request and response schemas show the record of the seed
/// that its definition names (<see cref="IResourceDefinition.Example"/>), cut to the schema's fields.
/// </summary>
internal sealed class SeedExamplesSchemaFilter : ISchemaFilter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
    };

    private static readonly Lazy<Dictionary<string, JsonObject>> Examples = new(() =>
        ResourceRegistry.Instance.All.ToDictionary(r => r.SchemaName, r => ToJson(r.Example), StringComparer.Ordinal));

    private static readonly string[] Suffixes = ["Request", "Response", "Summary"];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is null)
        {
            return;
        }

        var name = context.Type.Name;
        var suffix = Suffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal));
        if (suffix is null || !Examples.Value.TryGetValue(name[..^suffix.Length], out var record))
        {
            return;
        }

        var example = new JsonObject();
        foreach (var property in target.Properties.Keys)
        {
            if (record[property] is { } value)
            {
                example[property] = value.DeepClone();
            }
        }

        // An example must be valid: a response that embeds related records (which the seed entity lacks) gets none.
        if (target.Required?.All(example.ContainsKey) ?? true)
        {
            target.Examples = [example];
        }
    }

    private static JsonObject ToJson(Entity entity) => JsonSerializer.SerializeToNode(entity, entity.GetType(), Json)!.AsObject();
}

/// <summary>Documents the answers every operation can give beyond its own: 304 on reads, and 500 as problem details.</summary>
internal sealed class StandardResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        if (string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase))
        {
            operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not Modified: the If-None-Match ETag is current." });
        }

        if (!operation.Responses.ContainsKey("500"))
        {
            var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
            operation.Responses["500"] = new OpenApiResponse
            {
                Description = "An unexpected error; the body carries a traceId to quote, never internals.",
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            };
        }
    }
}

/// <summary>
/// Swashbuckle writes a nullable enum or record as <c>type: null</c> beside <c>allOf: [$ref]</c>, which in OpenAPI
/// 3.1 only admits null. Rewrites such schemas as <c>oneOf: [$ref, {type: null}]</c>.
/// </summary>
internal sealed class NullableReferencesDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        foreach (var schema in swaggerDoc.Components?.Schemas?.Values ?? [])
        {
            Fix(schema);
        }

        foreach (var operation in swaggerDoc.Paths.Values.Where(p => p.Operations is not null).SelectMany(p => p.Operations!.Values))
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                Fix(parameter.Schema);
                if (parameter.Schema is OpenApiSchema { Type: null, OneOf: null, AllOf: [OpenApiSchemaReference reference] })
                {
                    parameter.Schema = reference;
                }
            }
        }
    }

    private static void Fix(IOpenApiSchema? schema)
    {
        if (schema is not OpenApiSchema target)
        {
            return;
        }

        if (target.Type == JsonSchemaType.Null && target.AllOf is { Count: 1 } allOf)
        {
            target.Type = null;
            target.OneOf = [allOf[0], new OpenApiSchema { Type = JsonSchemaType.Null }];
            target.AllOf = null;
        }

        foreach (var (name, property) in target.Properties?.ToList() ?? [])
        {
            Fix(property);

            // allOf with one $ref only wraps it to carry a description; 3.1 allows the description beside $ref.
            if (property is OpenApiSchema { Type: null, OneOf: null, AllOf: [OpenApiSchemaReference reference] } wrapper)
            {
                target.Properties![name] = new OpenApiSchemaReference(reference.Reference.Id!, reference.Reference.HostDocument)
                {
                    Description = wrapper.Description,
                };
            }
        }
    }
}
