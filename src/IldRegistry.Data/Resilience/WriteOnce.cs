using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Data.Resilience;

/// <summary>
/// Writes that a retry cannot double. A connection lost while PostgreSQL answers the COMMIT leaves the client not
/// knowing whether it committed; replaying the write then turns a success into a 409 (the record is already there) or
/// writes it twice. So each write notes its transaction id first and, after a failed commit, asks PostgreSQL
/// (<c>pg_xact_status</c>) whether that transaction committed before replaying anything.
/// </summary>
public static class WriteOnce
{
    /// <summary>SaveChanges, retried on transient failures only while it has certainly not committed.</summary>
    public static async Task SaveChangesOnceAsync(this DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // The transaction's holder commits, and checks its own commit.
            await db.SaveChangesAsync(ct);
            return;
        }

        string? transactionId = null;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteInTransactionAsync(
            async token =>
            {
                transactionId = await TransactionIdAsync(db, token);
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            },
            token => CommittedAsync(db, transactionId, token),
            ct);
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>The id of the transaction the context is in (assigning one if it has none yet).</summary>
    public static Task<string> TransactionIdAsync(DbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>("SELECT pg_current_xact_id()::text AS \"Value\"").SingleAsync(ct);

    /// <summary>Whether the transaction with this id committed, asked on a connection of its own (the old one may be gone).</summary>
    public static async Task<bool> CommittedAsync(DbContext db, string? transactionId, CancellationToken ct) =>
        transactionId is not null
        && await db.Database.SqlQuery<string>($"SELECT pg_xact_status({transactionId}::xid8) AS \"Value\"").SingleOrDefaultAsync(ct) == "committed";
}
