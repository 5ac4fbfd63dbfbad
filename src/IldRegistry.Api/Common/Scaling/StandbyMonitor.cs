using IldRegistry.Data.Caching;
using IldRegistry.Data.Replication;
using Npgsql;
using NpgsqlTypes;

namespace IldRegistry.Api.Common.Scaling;

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
