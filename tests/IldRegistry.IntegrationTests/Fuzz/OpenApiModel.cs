using System.Text.Json.Nodes;

namespace IldRegistry.IntegrationTests.Fuzz;

internal sealed record ApiParameter(string Name, string In, JsonObject Schema);

internal sealed record ApiOperation(string Method, string PathTemplate, IReadOnlyList<ApiParameter> Parameters, JsonObject? BodySchema)
{
    public bool IsWrite => Method != "GET";

    /// <summary>The collection the path starts with (<c>departments</c> for <c>/api/v1/departments/{id}/history</c>).</summary>
    public string Resource => PathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries)[2];

    public override string ToString() => $"{Method} {PathTemplate}";
}

/// <summary>The operations of the served OpenAPI 3.1 document, with <c>$ref</c>s resolved on demand.</summary>
internal sealed class OpenApiModel
{
    private readonly JsonObject _schemas;

    public OpenApiModel(JsonObject document)
    {
        _schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                var operation = operationNode!.AsObject();
                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => new ApiParameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Resolve(p["schema"])))
                    .ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, body is null ? null : Resolve(body)));
            }
        }

        // Document order is stable, but sorting makes the case list independent of how Swashbuckle orders paths.
        Operations = [.. operations.OrderBy(o => o.PathTemplate, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>The schema with <c>$ref</c> and single-element <c>allOf</c> wrappers replaced by what they point to.</summary>
    public JsonObject Resolve(JsonNode? schema)
    {
        var current = schema as JsonObject ?? [];
        for (var hops = 0; hops < 10; hops++)
        {
            if (current["$ref"]?.GetValue<string>() is { } reference)
            {
                current = _schemas[reference.Split('/')[^1]]!.AsObject();
            }
            else if (current["allOf"] is JsonArray { Count: 1 } allOf && current["properties"] is null)
            {
                current = allOf[0]!.AsObject();
            }
            else
            {
                break;
            }
        }

        return current;
    }

    /// <summary>The non-null JSON type a schema allows (<c>string</c>, <c>integer</c>, <c>object</c>…), or null if unknown.</summary>
    public static string? TypeOf(JsonObject schema)
    {
        if (schema["enum"] is not null)
        {
            return "enum";
        }

        return schema["type"] switch
        {
            JsonValue value when value.GetValue<string>() != "null" => value.GetValue<string>(),
            JsonArray array => array.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => schema["properties"] is not null ? "object" : null,
        };
    }
}
