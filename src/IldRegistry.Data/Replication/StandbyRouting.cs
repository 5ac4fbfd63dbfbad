using System.Data.Common;
using IldRegistry.Data.Caching;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace IldRegistry.Data.Replication;

/// <summary>
/// Sends the reads of a flow that asked for it (<see cref="PreferStandby"/>) to a streaming standby, but only while
/// the standby is known to hold every write this process knows of: <see cref="StandbyMonitor"/> takes
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

    internal string Primary => primary;

    internal string Standby => standby;

    /// <summary>Connections opened on the standby so far.</summary>
    public long StandbyOpens => Interlocked.Read(ref _standbyOpens);

    /// <summary>The latest generation as of which the standby had replayed all the primary had written.</summary>
    public long CaughtUpGeneration => Interlocked.Read(ref _caughtUpGeneration);

    /// <summary>
    /// The current flow's database work goes to the standby when it only <paramref name="reads"/> and the standby
    /// has caught up with <paramref name="generation"/>; else to the primary.
    /// </summary>
    public void PreferStandby(bool reads, long generation) => Preferred.Value = reads && CaughtUpGeneration >= generation;

    internal void CaughtUp(long generation)
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

/// <summary>Samples how far the standby has replayed, every <c>Standby:PollMilliseconds</c>.</summary>
public sealed partial class StandbyMonitor(StandbyRouting routing, RegistryChanges changes, int pollMilliseconds, ILogger<StandbyMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var primary = NpgsqlDataSource.Create(routing.Primary);
        await using var standby = NpgsqlDataSource.Create(routing.Standby);
        var failing = false;
        (long Generation, NpgsqlLogSequenceNumber Position)? awaited = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Unheard writes elsewhere would go unnoticed: no standby then (nor caches).
                if (!changes.IsCurrent)
                {
                    awaited = null;
                }
                else if (awaited is null)
                {
                    // The generation first, then the position: every write that moved the generation up to here has
                    // committed, and its commit record lies before the insert position (the write position may lag it
                    // when commits do not wait for their flush).
                    var generation = changes.Generation;
                    awaited = (generation, await PositionAsync(primary, "SELECT pg_current_wal_insert_lsn()", stoppingToken));
                }

                if (awaited is { } target && await PositionAsync(standby, "SELECT pg_last_wal_replay_lsn()", stoppingToken) >= target.Position)
                {
                    routing.CaughtUp(target.Generation);
                    awaited = null;
                }

                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A standby that does not answer is not used; the primary serves meanwhile.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!failing)
                {
                    LogFailing(e.Message);
                    failing = true;
                }
            }

            try
            {
                await Task.Delay(pollMilliseconds, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<NpgsqlLogSequenceNumber> PositionAsync(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        await using var command = source.CreateCommand(sql);
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The standby cannot be checked ({Reason}); reads go to the primary")]
    private partial void LogFailing(string reason);
}

public static class StandbyServiceCollectionExtensions
{
    /// <summary>With a <paramref name="standby"/> connection string: <see cref="StandbyRouting"/> and its monitor (section <c>Standby</c>).</summary>
    public static IServiceCollection AddRegistryStandby(this IServiceCollection services, string primary, string? standby)
    {
        services.AddOptions<StandbyOptions>()
            .BindConfiguration(StandbyOptions.Section)
            .Validate(o => o.IsValid(), "Standby:PollMilliseconds is 1-60000.")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(standby))
        {
            return services;
        }

        services.AddSingleton(new StandbyRouting(primary, standby));
        return services.AddHostedService(sp => new StandbyMonitor(
            sp.GetRequiredService<StandbyRouting>(),
            sp.GetRequiredService<RegistryChanges>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StandbyOptions>>().Value.PollMilliseconds,
            sp.GetRequiredService<ILogger<StandbyMonitor>>()));
    }
}
