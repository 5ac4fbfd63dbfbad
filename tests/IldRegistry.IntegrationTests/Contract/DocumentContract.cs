using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace IldRegistry.IntegrationTests.Contract;

/// <summary>
/// Checks an HTTP answer against the OpenAPI 3.1 document the API serves: the status is one the operation documents,
/// every header the document marks required is there, the content type is one documented for that status, and the
/// body validates (JsonSchema.Net, draft 2020-12, the dialect of OpenAPI 3.1) against that content type's schema.
/// </summary>
internal sealed class DocumentContract
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonObject _paths;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public DocumentContract(JsonObject document)
    {
        _paths = document["paths"]!.AsObject();

        // Component references become $defs of each schema built, so every schema stands alone.
        var components = (document["components"]?["schemas"] ?? new JsonObject()).ToJsonString();
        _definitions = JsonNode.Parse(Rewrite(components))!.AsObject();
    }

    /// <summary>Every operation of the document: method (upper case), path template and the operation object.</summary>
    public IEnumerable<(string Method, string Path, JsonObject Operation)> Operations =>
        _paths.SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!.AsObject())));

    public JsonObject Operation(string method, string path) => _paths[path]![method.ToLowerInvariant()]!.AsObject();

    /// <summary>What in the answer disagrees with the document; empty when nothing does.</summary>
    public List<string> Check(string method, string path, HttpResponseMessage response, byte[] body)
    {
        var problems = new List<string>();
        var status = (int)response.StatusCode;
        var responses = Operation(method, path)["responses"]!.AsObject();
        var documented = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? responses[$"{status / 100}XX"]
            ?? responses["default"];
        if (documented is null)
        {
            problems.Add($"status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})");
            return problems;
        }

        foreach (var (name, header) in documented["headers"]?.AsObject() ?? [])
        {
            var present = response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name);
            if (header?["required"]?.GetValue<bool>() == true && !present)
            {
                problems.Add($"required header {name} is missing");
            }
        }

        var content = documented["content"]?.AsObject();
        if (body.Length == 0)
        {
            if (content is { Count: > 0 })
            {
                problems.Add($"no body, but the document gives {status} a body ({string.Join(", ", content.Select(c => c.Key))})");
            }

            return problems;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (content is null || mediaType is null || content[mediaType] is not { } media)
        {
            problems.Add($"a body of type '{mediaType}', but the document gives {status} {(content is null ? "no body" : string.Join(", ", content.Select(c => c.Key)))}");
            return problems;
        }

        var schemaNode = media["schema"];
        if (schemaNode is null)
        {
            return problems;
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            // A file (the CSV export's zip): the document describes it as a string of that media type.
            if (schemaNode["type"]?.GetValue<string>() != "string")
            {
                problems.Add($"{mediaType} is documented with a schema that is not a string");
            }

            return problems;
        }

        JsonElement instance;
        try
        {
            using var parsed = JsonDocument.Parse(body);
            instance = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            problems.Add($"the {mediaType} body is not JSON: {e.Message}");
            return problems;
        }

        var key = $"{method} {path} {status} {mediaType}";
        var schema = _schemas.GetOrAdd(key, _ => Build(schemaNode));
        var result = schema.Evaluate(instance, Evaluation);
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Distinct()
                .Take(8);
            problems.Add($"the body does not match the schema of {status} {mediaType}:\n      " + string.Join("\n      ", errors));
        }

        return problems;
    }

    private JsonSchema Build(JsonNode schemaNode)
    {
        var schema = JsonNode.Parse(Rewrite(schemaNode.ToJsonString()))!.AsObject();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["$defs"] = _definitions.DeepClone();
        return JsonSchema.FromText(schema.ToJsonString());
    }

    private static string Rewrite(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    /// <summary>The body for a failure message, cut short.</summary>
    public static string Excerpt(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
}
