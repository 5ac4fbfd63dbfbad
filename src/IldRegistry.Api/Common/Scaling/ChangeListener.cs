using IldRegistry.Data.Caching;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IldRegistry.Api.Common.Scaling;

/// <summary>
/// Holds one connection that <c>LISTEN</c>s on <see cref="RegistryChanges.Channel"/> and moves
/// <see cref="RegistryChanges"/> on for every notification, i.e. for every transaction another process (or this one)
/// committed. While it is not listening, <see cref="RegistryChanges.IsCurrent"/> is false; it reconnects with a
/// growing pause and, once listening again, moves the generation on, since what was notified meanwhile is lost.
/// </summary>
public sealed partial class ChangeListener(
    RegistryChanges changes, IOptions<InvalidationOptions> options, string connectionString, ILogger<ChangeListener> logger) : BackgroundService
{
    private readonly InvalidationOptions _options = options.Value;
    private readonly TaskCompletionSource _firstListen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        // A connection of its own, outside the pool, named so that an operator sees it in pg_stat_activity.
        Pooling = false,
        ApplicationName = ApplicationName,
    }.ConnectionString;

    /// <summary>The <c>application_name</c> of the listening connection.</summary>
    public const string ApplicationName = "ildregistry-listener";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        changes.MarkStale();
        await base.StartAsync(cancellationToken);

        // The first requests are cacheable when the database answers; a database that does not must not hold up the start.
        await Task.WhenAny(_firstListen.Task, Task.Delay(_options.StartupWaitMilliseconds, cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _options.ReconnectDelayMilliseconds;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever breaks the connection, caches go off and it listens again: never stop the host over it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var wasCurrent = changes.IsCurrent;
                changes.MarkStale();
                if (wasCurrent)
                {
                    // It had been listening: a new outage starts with the shortest pause again.
                    LogLost(e.Message);
                    delay = _options.ReconnectDelayMilliseconds;
                }

                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = Math.Min(delay * 2, _options.MaxReconnectDelayMilliseconds);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, _) => changes.BumpFromElsewhere();
        await using (var listen = new NpgsqlCommand($"LISTEN {RegistryChanges.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        changes.MarkCurrent();
        _firstListen.TrySetResult();
        LogListening();
        var heartbeat = TimeSpan.FromSeconds(_options.HeartbeatSeconds);
        while (true)
        {
            if (!await connection.WaitAsync(heartbeat, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = _options.HeartbeatSeconds };
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for changes by other instances")]
    private partial void LogListening();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the change notifications ({Reason}); caches are off until listening again")]
    private partial void LogLost(string reason);
}

public static class ChangeListenerServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ChangeListener"/> and its settings (section <c>Invalidation</c>).</summary>
    public static IServiceCollection AddRegistryChangeListener(this IServiceCollection services, string connectionString)
    {
        return services.AddHostedService(sp => new ChangeListener(
            sp.GetRequiredService<RegistryChanges>(), sp.GetRequiredService<IOptions<InvalidationOptions>>(), connectionString, sp.GetRequiredService<ILogger<ChangeListener>>()));
    }
}
