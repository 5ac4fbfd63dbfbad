using System.Text.Json;
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
            _options.SchemaRegistry.Register(JsonSchema.FromText($"{{\"$id\": \"{stub}\"}}", _options));
        }

        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Schemas", folder), "*.json");
        foreach (var file in files)
        {
            // "http://json-schema.org/schema#" meant "the latest draft" when these schemas were written (draft 07,
            // whose keywords they use); validators no longer know the unversioned id, so it is read as draft 07.
            var text = File.ReadAllText(file).Replace("\"http://json-schema.org/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
            _byFile[Path.GetFileName(file)] = JsonSchema.FromText(text, _options);
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

    private static string Describe(EvaluationResults result) => string.Join(
        "\n",
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));
}
