using System.Data.Common;
using IldRegistry.Data.Caching;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IldRegistry.Data.Replication;

/// <summary>
/// Sends the reads of a flow that asked for it (<see cref="PreferStandby"/>) to a streaming standby, but only while
/// the standby is known to hold every write this process knows of: the API's standby monitor takes
/// <see cref="RegistryChanges"/>' generation, then the primary's WAL position, then the standby's replayed position,
/// and when the standby has replayed that far, the standby is good for every read begun at that generation or
/// earlier. A write through this process moves the generation before it answers, a write elsewhere when its
/// notification arrives: a read after either goes to the primary until the standby has caught up.
/// </summary>
public sealed class StandbyRouting(string primary, string standby) : DbConnectionInterceptor
{
    private static readonly AsyncLocal<bool> Preferred = new();

    private long _caughtUpGeneration = -1;
    private long _standbyOpens;

    /// <summary>The primary's connection string.</summary>
    public string Primary => primary;

    /// <summary>The standby's connection string.</summary>
    public string Standby => standby;

    /// <summary>Connections opened on the standby so far.</summary>
    public long StandbyOpens => Interlocked.Read(ref _standbyOpens);

    /// <summary>The latest generation as of which the standby had replayed all the primary had written.</summary>
    public long CaughtUpGeneration => Interlocked.Read(ref _caughtUpGeneration);

    /// <summary>
    /// The current flow's database work goes to the standby when it only <paramref name="reads"/> and the standby
    /// has caught up with <paramref name="generation"/>; else to the primary.
    /// </summary>
    public void PreferStandby(bool reads, long generation) => Preferred.Value = reads && CaughtUpGeneration >= generation;

    /// <summary>The standby holds every write up to <paramref name="generation"/>.</summary>
    public void CaughtUp(long generation)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _caughtUpGeneration);
        }
        while (seen < generation && Interlocked.CompareExchange(ref _caughtUpGeneration, generation, seen) != seen);
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Route(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Route(connection);
        return ValueTask.FromResult(result);
    }

    // A pooled DbContext keeps its connection object: every opening says again where it goes.
    private void Route(DbConnection connection)
    {
        var target = Preferred.Value ? standby : primary;
        if (Preferred.Value)
        {
            Interlocked.Increment(ref _standbyOpens);
        }

        if (!string.Equals(connection.ConnectionString, target, StringComparison.Ordinal))
        {
            connection.ConnectionString = target;
        }
    }
}
