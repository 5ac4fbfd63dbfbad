using System.Globalization;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
using IldRegistry.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Changes;

/// <summary>
/// The change feed over the audit entries, which every write adds in its own transaction.
/// </summary>
/// <remarks>
/// The entries' ids come from a sequence taken before commit, so a transaction that began earlier can commit an entry
/// of a lower id after a reader has passed higher ones: ordering by id would skip it. Each entry records its
/// transaction's id instead (<c>pg_current_xact_id()</c>), and the feed serves, in (transaction id, entry id) order,
/// only entries of transactions older than the oldest one still running (<c>pg_snapshot_xmin</c> of the reading
/// statement's own snapshot). Every transaction below that horizon has committed or rolled back; one that rolled back
/// left no rows; and any entry that commits later belongs to a transaction at or above the horizon, so it sorts after
/// every cursor handed out so far. The cost: a transaction held open delays the feed (not the writes) until it ends.
/// </remarks>
public sealed class ChangeFeedService(RegistryDbContext db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly Dictionary<string, IResourceDefinition> ByEntityName =
        ResourceRegistry.Instance.All.ToDictionary(d => d.EntityType.Name, StringComparer.Ordinal);

    private static readonly string[] EntityNames = [.. ByEntityName.Keys];

    public async Task<ChangeFeedPage> ReadAsync(string? after, int? limit, CancellationToken ct)
    {
        var (transaction, entry) = ParseCursor(after);
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            throw new FieldValidationException("limit", $"'limit' must be between 1 and {MaxLimit} (it is {take}).");
        }

        // One statement, so that the horizon and the rows come from the same snapshot.
        var rows = await db.AuditEntries.FromSql($"""
            SELECT * FROM audit_entries
            WHERE (transaction_id, id) > ({transaction}, {entry})
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
              AND entity_type = ANY ({EntityNames})
            ORDER BY transaction_id, id
            LIMIT {take + 1}
            """).AsNoTracking().ToListAsync(ct);

        var items = rows.Take(take).Select(ToItem).ToList();
        var next = items.Count > 0 ? items[^1].Cursor : Cursor(transaction, entry);
        return new ChangeFeedPage(items, next, rows.Count > take);
    }

    private static ChangeItem ToItem(AuditEntry entry)
    {
        var definition = ByEntityName[entry.EntityType];
        return new ChangeItem(
            Cursor(entry.TransactionId, entry.Id),
            definition.Collection,
            entry.EntityId,
            entry.Action,
            unchecked((uint)entry.TransactionId),
            entry.At,
            entry.Actor,
            $"{definition.Path}/{entry.EntityId}");
    }

    private static string Cursor(long transaction, long entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{transaction}-{entry}");

    private static (long Transaction, long Entry) ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor == "0")
        {
            return (0, 0);
        }

        var dash = cursor.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0
            && long.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var transaction)
            && long.TryParse(cursor.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var entry))
        {
            return (transaction, entry);
        }

        throw new FieldValidationException("after", "'after' must be a cursor the feed handed out (an item's 'cursor' or the page's 'next'), or empty to start from the beginning.");
    }
}
