using Microsoft.Extensions.Logging;

namespace IldRegistry.LocalPostgres;

internal static partial class LocalPostgresLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Initializing a new PostgreSQL cluster in {DataDirectory} with the binaries in {BinDirectory}")]
    public static partial void Initializing(ILogger logger, string dataDirectory, string binDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "initdb rejected --locale=C.UTF-8, retrying with --no-locale: {Error}")]
    public static partial void LocaleFallback(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing the PostgreSQL cluster in {DataDirectory}, already running on port {Port}")]
    public static partial void ReusingRunning(ILogger logger, string dataDirectory, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting PostgreSQL in {DataDirectory} on 127.0.0.1:{Port} (server log: {LogFile})")]
    public static partial void Starting(ILogger logger, string dataDirectory, int port, string logFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} was taken while starting PostgreSQL, retrying on another port")]
    public static partial void PortTaken(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating database {Database}")]
    public static partial void CreatingDatabase(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping PostgreSQL in {DataDirectory}")]
    public static partial void Stopping(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made {Directory} traversable by others so that the postgres user can reach its data directory")]
    public static partial void MadeTraversable(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning up the throwaway PostgreSQL cluster in {DataDirectory} failed")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string dataDirectory);
}
