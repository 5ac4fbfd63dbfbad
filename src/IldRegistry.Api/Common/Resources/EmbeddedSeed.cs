using System.Text.Json;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// The seed data files under <c>data/seed/</c>, embedded in the API at build time (in the export format): loaded at
/// start by <c>SeedFileService</c>, and read here for the records the resource definitions show as OpenAPI examples.
/// </summary>
internal static class EmbeddedSeed
{
    private const string Prefix = "seed/";

    /// <summary>The names of the embedded seed files, in the order they load (by name).</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. typeof(EmbeddedSeed).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static readonly Lazy<Dictionary<Guid, JsonElement>> Items = new(() =>
    {
        var items = new Dictionary<Guid, JsonElement>();
        foreach (var file in Files)
        {
            using var stream = typeof(EmbeddedSeed).Assembly.GetManifestResourceStream(file)!;
            using var document = JsonDocument.Parse(stream);
            foreach (var section in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
            {
                foreach (var item in section.Value.EnumerateArray())
                {
                    items[item.GetProperty("id").GetGuid()] = item.Clone();
                }
            }
        }

        return items;
    });

    private static readonly Lazy<JsonSerializerOptions> Json = new(() =>
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiSetup.ConfigureJson(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    });

    /// <summary>The records of <paramref name="definition"/>'s section in the seed file <paramref name="file"/>, as the import would write them.</summary>
    public static List<TEntity> Records<TEntity, TRequest>(ResourceDefinition<TEntity, TRequest> definition, string file)
        where TEntity : Entity, new()
    {
        using var stream = typeof(EmbeddedSeed).Assembly.GetManifestResourceStream(file)
            ?? throw new InvalidOperationException($"No seed file '{file}'.");
        using var document = JsonDocument.Parse(stream);
        if (!document.RootElement.TryGetProperty(definition.Collection, out var section))
        {
            return [];
        }

        var records = new List<TEntity>();
        foreach (var item in section.EnumerateArray())
        {
            var entity = new TEntity { Id = item.GetProperty("id").GetGuid() };
            definition.ApplyRequest(item.Deserialize<TRequest>(Json.Value)!, entity);
            records.Add(entity);
        }

        return records;
    }

    /// <summary>The seed file's item with this id, read as <typeparamref name="TRequest"/>.</summary>
    public static TRequest Request<TRequest>(Guid id) =>
        Items.Value.TryGetValue(id, out var item)
            ? item.Deserialize<TRequest>(Json.Value)!
            : throw new InvalidOperationException($"No record '{id}' in the seed files ({string.Join(", ", Files)}).");
}
