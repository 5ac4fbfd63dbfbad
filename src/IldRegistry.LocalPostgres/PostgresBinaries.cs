namespace IldRegistry.LocalPostgres;

/// <summary>
/// Locates the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) on this machine.
/// </summary>
public static class PostgresBinaries
{
    /// <summary>The environment variable that names the directory holding the server binaries.</summary>
    public const string PgBinVariable = "PG_BIN";

    /// <summary>Where Debian/Ubuntu packages install the versioned server binaries.</summary>
    public const string DefaultUsrLibPostgresql = "/usr/lib/postgresql";

    private static readonly string[] _requiredTools = ["initdb", "pg_ctl", "postgres"];

    /// <summary>
    /// Finds the directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c> using the
    /// <c>PG_BIN</c> and <c>PATH</c> environment variables and <c>/usr/lib/postgresql/*/bin</c>.
    /// </summary>
    /// <returns>The directory, or <see langword="null"/> when no usable binaries were found.</returns>
    public static string? Find() =>
        Find(Environment.GetEnvironmentVariable(PgBinVariable), Environment.GetEnvironmentVariable("PATH"));

    /// <summary>
    /// Finds the directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>: <paramref name="pgBin"/> first
    /// (ignored when it does not hold all three), then the directories of <paramref name="pathVariable"/>
    /// (symbolic links such as <c>/usr/local/bin/initdb</c> are followed to the real directory), then the newest
    /// <c><paramref name="usrLibPostgresql"/>/&lt;version&gt;/bin</c> by numeric version.
    /// </summary>
    /// <returns>The full path of the directory, or <see langword="null"/> when no usable binaries were found.</returns>
    public static string? Find(string? pgBin, string? pathVariable, string usrLibPostgresql = DefaultUsrLibPostgresql)
    {
        if (!string.IsNullOrWhiteSpace(pgBin) && ContainsServerBinaries(pgBin))
        {
            return Path.GetFullPath(pgBin);
        }

        if (!string.IsNullOrEmpty(pathVariable))
        {
            foreach (var entry in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var found = FromPathEntry(entry);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(usrLibPostgresql) && Directory.Exists(usrLibPostgresql))
        {
            var candidates = Directory.EnumerateDirectories(usrLibPostgresql)
                .Select(dir => (Version: ParseVersion(Path.GetFileName(dir)), Bin: Path.Combine(dir, "bin")))
                .Where(c => c.Version is not null)
                .OrderByDescending(c => c.Version!, VersionComparer.Instance);
            foreach (var (_, bin) in candidates)
            {
                if (ContainsServerBinaries(bin))
                {
                    return Path.GetFullPath(bin);
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="directory"/> holds <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>.</summary>
    public static bool ContainsServerBinaries(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Directory.Exists(directory) && _requiredTools.All(tool => File.Exists(ToolPath(directory, tool)));
    }

    internal static string ToolPath(string binDirectory, string tool) =>
        Path.Combine(binDirectory, OperatingSystem.IsWindows() ? tool + ".exe" : tool);

    private static string? FromPathEntry(string entry)
    {
        try
        {
            var initdb = ToolPath(entry, "initdb");
            if (!File.Exists(initdb))
            {
                return null;
            }

            // /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb: prefer the real directory.
            var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true);
            var targetDirectory = target is null ? null : Path.GetDirectoryName(target.FullName);
            if (targetDirectory is not null && ContainsServerBinaries(targetDirectory))
            {
                return Path.GetFullPath(targetDirectory);
            }

            return ContainsServerBinaries(entry) ? Path.GetFullPath(entry) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static int[]? ParseVersion(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var parts = name.Split('.');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return numbers;
    }

    private sealed class VersionComparer : IComparer<int[]>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            if (x is null || y is null)
            {
                return (x is null ? 0 : 1) - (y is null ? 0 : 1);
            }

            for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
            {
                var a = i < x.Length ? x[i] : 0;
                var b = i < y.Length ? y[i] : 0;
                if (a != b)
                {
                    return a.CompareTo(b);
                }
            }

            return 0;
        }
    }
}
