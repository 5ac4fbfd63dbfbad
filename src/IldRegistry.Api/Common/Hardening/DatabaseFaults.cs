using System.Net.Sockets;
using IldRegistry.Api.Common.Settings;
using IldRegistry.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IldRegistry.Api.Common.Hardening;

/// <summary>
/// Connection settings that make a missing database a fast failure, and the test that tells "the database is
/// unavailable" (503, try again) from a bug (500).
/// </summary>
internal static class DatabaseFaults
{
    /// <summary>
    /// Adds to the configured connection string what keeps a request from hanging on a dead server: a short
    /// connect timeout, a command timeout, TCP keepalive and a server-side <c>statement_timeout</c>, each
    /// configurable under <c>Database:</c> (0 switches the statement timeout off).
    /// </summary>
    public static string Harden(string connectionString, DatabaseSettings settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = settings.ConnectTimeoutSeconds,
            CommandTimeout = settings.CommandTimeoutSeconds,
            KeepAlive = settings.KeepAliveSeconds,

            // Automatic preparation: a statement run twice on a connection is prepared there and PostgreSQL keeps its
            // parse and plan (prepared statements survive the pool's reset); search's UNION over five tables spent
            // almost half its time planning (bench/README.md). Least recently used statements are dropped past the maximum.
            MaxAutoPrepare = settings.MaxAutoPrepare,
            AutoPrepareMinUsages = settings.AutoPrepareMinUsages,

            // EF Core opens and closes the connection around every query; the session state Npgsql would reset on
            // each return to the pool (four statements per query) is never changed by this application: its settings
            // come as startup options below, which a reset would keep anyway.
            NoResetOnClose = settings.NoResetOnClose,
        };

        // Shorter than the command timeout, so the server cancels a runaway query (a clean 57014) before the
        // client gives up on the connection.
        var statementTimeout = settings.StatementTimeoutMilliseconds;
        if (statementTimeout > 0)
        {
            AddOption(builder, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"-c statement_timeout={statementTimeout}"));
        }

        // Search's fuzzy matching (only search uses pg_trgm's operators): stricter than the defaults (0.3 and 0.6),
        // so a common surname does not bring thousands of candidates to recheck, with the same results and a
        // misspelling still found (the figures are in bench/README.md). The strict word similarity (%>>) corrects a
        // misspelt word against the vocabulary, at the similarity search asks of a correction.
        AddOption(builder, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"-c pg_trgm.similarity_threshold=0.6 -c pg_trgm.word_similarity_threshold=0.8 -c pg_trgm.strict_word_similarity_threshold={Features.Search.SearchService.CorrectionSimilarity}"));
        return builder.ConnectionString;
    }

    private static void AddOption(NpgsqlConnectionStringBuilder builder, string option)
    {
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? option : builder.Options + " " + option;
    }

    public static RegistryDataOptions DataOptions(DatabaseSettings settings) => new()
    {
        MaxRetryCount = settings.MaxRetryCount,
        MaxRetryDelay = TimeSpan.FromMilliseconds(settings.MaxRetryDelayMilliseconds),
    };

    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps, e.g. EF's <see cref="RetryLimitExceededException"/>)
    /// says the database cannot be reached or is shutting down, or a query ran into <c>statement_timeout</c>.
    /// </summary>
    public static bool IsUnavailable(Exception exception, out bool timedOut)
    {
        timedOut = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }:
                    // Client cancellations surface as OperationCanceledException; a 57014 is the server's statement_timeout.
                    timedOut = true;
                    return true;
                case PostgresException pg:
                    return pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                        or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
                        or PostgresErrorCodes.ConnectionException or PostgresErrorCodes.ConnectionFailure
                        or PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
                case TimeoutException:
                    timedOut = true;
                    return true;
            }
        }

        return false;
    }
}
