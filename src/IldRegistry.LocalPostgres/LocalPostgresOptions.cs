namespace IldRegistry.LocalPostgres;

/// <summary>How <see cref="LocalPostgresCluster.StartAsync"/> creates or reuses a local PostgreSQL cluster.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>The cluster's data directory (PGDATA). Its server log is written next to it as <c>&lt;name&gt;.log</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The TCP port on 127.0.0.1; 0 chooses a free one (and, for a persistent cluster, remembers it).</summary>
    public int Port { get; init; }

    /// <summary>
    /// <see langword="true"/>: reuse an existing cluster in <see cref="DataDirectory"/> and leave it (running) on dispose.
    /// <see langword="false"/>: a throwaway cluster in a fresh directory, stopped and deleted on dispose.
    /// </summary>
    public bool Persistent { get; init; }

    /// <summary>The database created (if missing) and named in the connection string.</summary>
    public string Database { get; init; } = "ildregistry";

    /// <summary>The directory holding initdb/pg_ctl/postgres; <see langword="null"/> = <see cref="PostgresBinaries.Find()"/>.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Options for a throwaway cluster in a new directory under the system temp directory.</summary>
    public static LocalPostgresOptions Throwaway(string database = "ildregistry", string? binDirectory = null) => new()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "ildregistry-pg-" + Guid.NewGuid().ToString("N")),
        Persistent = false,
        Database = database,
        BinDirectory = binDirectory,
    };
}
