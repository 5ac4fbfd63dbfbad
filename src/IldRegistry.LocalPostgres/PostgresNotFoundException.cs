namespace IldRegistry.LocalPostgres;

/// <summary>
/// Thrown when a local PostgreSQL cluster is needed but no server binaries could be found.
/// The message says what to install or which setting to give.
/// </summary>
public sealed class PostgresNotFoundException : Exception
{
    /// <summary>Creates the exception with the standard message for a failed search.</summary>
    public PostgresNotFoundException()
        : base(BuildMessage(searchedDirectory: null))
    {
    }

    public PostgresNotFoundException(string? message)
        : base(message ?? BuildMessage(searchedDirectory: null))
    {
    }

    public PostgresNotFoundException(string? message, Exception? innerException)
        : base(message ?? BuildMessage(searchedDirectory: null), innerException)
    {
    }

    /// <summary>
    /// Creates the exception for a failed search; <paramref name="searchedDirectory"/> is an explicitly
    /// configured directory that lacked the binaries, or <see langword="null"/> after the automatic search.
    /// </summary>
    public static PostgresNotFoundException ForSearch(string? searchedDirectory) => new(BuildMessage(searchedDirectory));

    private static string BuildMessage(string? searchedDirectory)
    {
        var where = searchedDirectory is null
            ? $"No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found via {PostgresBinaries.PgBinVariable}, PATH or {PostgresBinaries.DefaultUsrLibPostgresql}/*/bin"
            : $"No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found in '{searchedDirectory}'";
        return where
            + ", so install PostgreSQL (for example `apt-get install postgresql`), set "
            + PostgresBinaries.PgBinVariable
            + " to the directory holding them, or set ConnectionStrings__Registry to the connection string of an existing PostgreSQL server.";
    }
}
