using System.Text.Json;
using System.Text.Json.Serialization;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using Npgsql;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// Reads the jsonb columns EF Core writes for the complex collections (sources, other names, identifiers) as text.
/// A LINQ projection that names such a collection (or a <see cref="PartialDate"/>) makes EF Core materialize the
/// whole entity for every row, constructor and JSON shaper included, which cost more than the rest of a list page;
/// so reads project scalars only and fetch these columns for the page's ids in one more query (<see cref="LoadAsync"/>).
/// EF writes the CLR property names and enums as strings; <see cref="JsonColumnContext"/> reads exactly that.
/// </summary>
internal static class JsonColumns
{
    /// <summary>
    /// <paramref name="column"/>'s citations as text, each of a source record shown with the source's title, address,
    /// date, language and weight (the migration's <c>ild_cite</c>). The function is called only when a citation names a
    /// source record: without one it answers its argument unchanged, and its calls (SQL functions with a subquery are
    /// not inlined) were most of PostgreSQL's time in a leadership read (bench/README.md).
    /// </summary>
    public static string Cited(string column) =>
        $"(CASE WHEN jsonb_path_exists({column}, '$[*].SourceId ? (@.type() == \"string\")') THEN ild_cite({column}) ELSE {column} END)::text";

    /// <summary><paramref name="column"/>'s claims as text, their citations shown as <see cref="Cited"/> shows them (<c>ild_claims</c>); no call for an empty list, for which it answers <c>[]</c>.</summary>
    public static string Claimed(string column) =>
        $"(CASE WHEN {column} = '[]'::jsonb THEN {column} ELSE ild_claims({column}) END)::text";

    private static readonly string SourcesColumn = Cited("sources");

    private static readonly string ClaimsColumn = Claimed("claims");

    /// <summary>
    /// The jsonb columns of the rows of <paramref name="table"/> with these ids, by id, in one query (none when there
    /// are no ids). <paramref name="named"/>: the table also has <c>other_names</c> and <c>identifiers</c>.
    /// </summary>
    public static async Task<Dictionary<Guid, Row>> LoadAsync(RegistryDbContext db, string table, bool named, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await SqlBatch.ReadAsync(db, [Statement(table, named, ids)], ReadAsync, ct);

    /// <summary>
    /// <see cref="LoadAsync"/>'s statement, for a batch that reads other things in the same round trip; its result is
    /// read by <see cref="ReadAsync"/>.
    /// </summary>
    public static SqlBatch.Statement Statement(string table, bool named, IReadOnlyCollection<Guid> ids)
    {
        // table is one of the code's constants, never input.
        var sql = named
            ? $"SELECT id, {SourcesColumn} AS sources, {ClaimsColumn} AS claims, other_names::text AS other_names, identifiers::text AS identifiers FROM {table} WHERE id = ANY(@ids)"
            : $"SELECT id, {SourcesColumn} AS sources, {ClaimsColumn} AS claims, NULL::text AS other_names, NULL::text AS identifiers FROM {table} WHERE id = ANY(@ids)";
        // Rows by primary key, however many ids: the generic plan (bench/README.md).
        return new SqlBatch.Statement(sql, new NpgsqlParameter<Guid[]>("ids", [.. ids])) { GenericPlan = true };
    }

    /// <summary>The rows of a <see cref="Statement"/>'s result, by id.</summary>
    public static async Task<Dictionary<Guid, Row>> ReadAsync(System.Data.Common.DbDataReader reader, CancellationToken ct) =>
        (await SqlBatch.RowsAsync(reader, Row.Read, ct)).ToDictionary(r => r.Id);

    /// <summary>
    /// <paramref name="items"/> (rows of <paramref name="table"/>, read without their jsonb columns) with those columns
    /// filled in by <paramref name="fill"/>, in order, with one query.
    /// </summary>
    public static async Task<IReadOnlyList<T>> FillAsync<T>(
        RegistryDbContext db, string table, bool named, IReadOnlyList<T> items, Func<T, Guid> id, Func<T, Row, T> fill, CancellationToken ct)
    {
        var rows = await LoadAsync(db, table, named, [.. items.Select(id)], ct);
        return [.. items.Select(item => fill(item, rows[id(item)]))];
    }

    /// <summary>One row of <see cref="LoadAsync"/>.</summary>
    internal sealed class Row
    {
        public static Row Read(System.Data.Common.DbDataReader reader) => new()
        {
            Id = reader.GetGuid(0),
            Sources = reader.GetString(1),
            Claims = reader.GetString(2),
            OtherNames = SqlBatch.Text(reader, 3),
            Identifiers = SqlBatch.Text(reader, 4),
        };

        public Guid Id { get; init; }

        public required string Sources { get; init; }

        public required string Claims { get; init; }

        public string? OtherNames { get; init; }

        public string? Identifiers { get; init; }

        public List<Source> ReadSources() => JsonColumns.Sources(Sources);

        public List<Claim> ReadClaims() => JsonColumns.Claims(Claims);

        public List<OtherName> ReadOtherNames() => OtherNames is null ? [] : JsonColumns.OtherNames(OtherNames);

        public List<Identifier> ReadIdentifiers() => Identifiers is null ? [] : JsonColumns.Identifiers(Identifiers);
    }

    public static List<Source> Sources(string json) => Read(json, JsonColumnContext.Default.ListSource);

    public static List<Claim> Claims(string json) => Read(json, JsonColumnContext.Default.ListClaim);

    public static List<OtherName> OtherNames(string json) => Read(json, JsonColumnContext.Default.ListOtherName);

    public static List<Identifier> Identifiers(string json) => Read(json, JsonColumnContext.Default.ListIdentifier);

    private static List<T> Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<T>> type) =>
        JsonSerializer.Deserialize(json, type) ?? [];
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<Source>))]
[JsonSerializable(typeof(List<Claim>))]
[JsonSerializable(typeof(List<OtherName>))]
[JsonSerializable(typeof(List<Identifier>))]
internal sealed partial class JsonColumnContext : JsonSerializerContext;
