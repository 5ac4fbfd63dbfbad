using Npgsql;

namespace IldRegistry.IntegrationTests.Fuzz;

internal sealed record RowState(long Version, bool Deleted);

internal sealed record AuditRow(long Id, string EntityType, Guid EntityId, string Action);

/// <summary>Every registry row with its <c>xmin</c>, every audit entry, and the key count, read straight from PostgreSQL.</summary>
internal sealed class DatabaseState
{
    /// <summary>Route segment (the table name, with <c>_</c> for <c>-</c>) → the entity type the audit log names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        ["departments"] = "Department",
        ["people"] = "Person",
        ["leaders"] = "Leader",
        ["bureaus"] = "Bureau",
        ["institutions"] = "Institution",
        ["events"] = "HistoricalEvent",
        ["sources"] = "SourceDocument",
        ["org-links"] = "OrgLink",
    };

    public Dictionary<string, Dictionary<Guid, RowState>> Rows { get; } = [];

    public List<AuditRow> Audit { get; } = [];

    public string[] DepartmentSlugs { get; private set; } = [];

    public long ApiKeys { get; private set; }

    public static async Task<DatabaseState> ReadAsync(string connectionString, CancellationToken ct)
    {
        var state = new DatabaseState();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var table in Tables.Keys)
        {
            var rows = new Dictionary<Guid, RowState>();
            await using (var command = new NpgsqlCommand($"select id, xmin::text::bigint, deleted_at is not null from {table.Replace('-', '_')}", connection))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    rows[reader.GetGuid(0)] = new RowState(reader.GetInt64(1), reader.GetBoolean(2));
                }
            }

            state.Rows[table] = rows;
        }

        await using (var command = new NpgsqlCommand("select id, entity_type, entity_id, action from audit_entries order by id", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                state.Audit.Add(new AuditRow(reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3)));
            }
        }

        var slugs = new List<string>();
        await using (var command = new NpgsqlCommand("select slug from departments order by id", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                slugs.Add(reader.GetString(0));
            }
        }

        state.DepartmentSlugs = [.. slugs];
        await using (var command = new NpgsqlCommand("select count(*) from api_keys", connection))
        {
            state.ApiKeys = (long)(await command.ExecuteScalarAsync(ct))!;
        }

        return state;
    }

    public SeedData ToSeed() => new(
        Rows.ToDictionary(t => t.Key, t => t.Value.Keys.Order().ToArray()),
        DepartmentSlugs);
}
