using System.Text.Json;
using System.Text.Json.Serialization;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// Reads the jsonb columns EF Core writes for the complex collections (sources, other names, identifiers) straight
/// from their text, for the hot single-record reads that select them with SQL: EF's shaper for JSON complex
/// collections in a projection costs more than the rest of such a request together (see bench/README.md).
/// EF writes the CLR property names and enums as strings; <see cref="JsonColumnContext"/> reads exactly that.
/// </summary>
internal static class JsonColumns
{
    public static List<Source> Sources(string json) => Read(json, JsonColumnContext.Default.ListSource);

    public static List<OtherName> OtherNames(string json) => Read(json, JsonColumnContext.Default.ListOtherName);

    public static List<Identifier> Identifiers(string json) => Read(json, JsonColumnContext.Default.ListIdentifier);

    private static List<T> Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<T>> type) =>
        JsonSerializer.Deserialize(json, type) ?? [];
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<Source>))]
[JsonSerializable(typeof(List<OtherName>))]
[JsonSerializable(typeof(List<Identifier>))]
internal sealed partial class JsonColumnContext : JsonSerializerContext;
