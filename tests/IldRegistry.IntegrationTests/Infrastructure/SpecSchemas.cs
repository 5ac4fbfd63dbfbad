using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace IldRegistry.IntegrationTests.Infrastructure;

/// <summary>
/// A published specification's JSON schemas, copied into <c>Schemas/</c> (see its README for where from), loaded into one
/// registry so that they reference each other by their <c>$id</c>s, and answers validated against them.
/// </summary>
public sealed class SpecSchemas
{
    private readonly BuildOptions _options;
    private readonly Dictionary<string, JsonSchema> _byFile = new(StringComparer.Ordinal);

    /// <param name="folder">The folder under <c>Schemas/</c>.</param>
    /// <param name="stubs">Schemas referenced from outside the folder, by URI, as permissive stand-ins (no network here).</param>
    public SpecSchemas(string folder, params string[] stubs)
    {
        _options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var stub in stubs)
        {
            // Building a schema with these options registers it by its $id.
            JsonSchema.FromText($"{{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"$id\": \"{stub.TrimEnd('#')}\"}}", _options);
        }

        // Schemas a folder's others refer to first: leaves (fewest references) before the schemas that use them.
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Schemas", folder), "*.json")
            .OrderBy(f => File.ReadAllText(f).Split("$ref").Length).ThenBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            // "http://json-schema.org/schema#" meant "the latest draft" when these schemas were written (draft 07,
            // whose keywords they use); validators no longer know the unversioned id, so it is read as draft 07.
            var text = File.ReadAllText(file).Replace("\"http://json-schema.org/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
            try
            {
                _byFile[Path.GetFileName(file)] = JsonSchema.FromText(FromDraft03(text), _options);
            }
            catch (JsonSchemaException e)
            {
                throw new InvalidOperationException($"{file}: {e.Message}", e);
            }
        }
    }

    /// <summary>Asserts that <paramref name="json"/> is valid against the schema in <paramref name="file"/>, listing every error otherwise.</summary>
    public void AssertValid(string file, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = _byFile[file].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"Not valid against {file}:\n{Describe(result)}\n{json}");
    }

    /// <summary>Whether <paramref name="json"/> is valid against the schema in <paramref name="file"/> (to check a schema catches what it should).</summary>
    public bool IsValid(string file, string json)
    {
        using var document = JsonDocument.Parse(json);
        return _byFile[file].Evaluate(document.RootElement).IsValid;
    }

    /// <summary>
    /// Popolo's schemas are draft 03, which validators no longer read: the same constraints in draft 07, where an
    /// object's <c>required</c> is a list of names instead of <c>"required": true</c> on each property, and <c>id</c> is
    /// <c>$id</c>. Other schemas pass unchanged.
    /// </summary>
    private static string FromDraft03(string text)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        if (root["$schema"]?.GetValue<string>() != "http://json-schema.org/draft-03/schema#")
        {
            return text;
        }

        // An empty fragment names the document itself; the validator registers documents by their URI without it.
        var upgraded = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = root["id"]!.GetValue<string>().TrimEnd('#'),
        };
        foreach (var (key, value) in root.ToList())
        {
            if (key is not "$schema" and not "id")
            {
                root.Remove(key);
                upgraded[key] = value;
            }
        }

        Upgrade(upgraded);
        return upgraded.ToJsonString();

        static void Upgrade(JsonNode? node)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Upgrade(item);
                }
            }

            if (node is not JsonObject schema)
            {
                return;
            }

            if (schema["properties"] is JsonObject properties)
            {
                var required = new JsonArray();
                foreach (var (name, property) in properties)
                {
                    if (property is JsonObject p && p["required"] is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                    {
                        if (flag.GetValue<bool>())
                        {
                            required.Add(name);
                        }

                        p.Remove("required");
                    }
                }

                if (required.Count > 0)
                {
                    schema["required"] = required;
                }
            }

            foreach (var (_, child) in schema.ToList())
            {
                Upgrade(child);
            }
        }
    }

    private static string Describe(EvaluationResults result) => string.Join(
        "\n",
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
}
