namespace IldRegistry.LocalPostgres;

/// <summary>
/// Runs the PostgreSQL server tools of one binary directory, as the <c>postgres</c> OS user
/// (through <c>runuser</c>) when the current process is root, because PostgreSQL refuses to run as root.
/// </summary>
internal sealed class PgTools(string binDirectory, bool runAsPostgres)
{
    public const string OsUser = "postgres";

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(120);

    public string BinDirectory { get; } = binDirectory;

    public bool RunAsPostgres { get; } = runAsPostgres;

    public static bool CurrentUserIsRoot() =>
        !OperatingSystem.IsWindows() && string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public Task<ProcessRunner.Result> RunAsync(string tool, IReadOnlyList<string> arguments, bool check, CancellationToken ct)
    {
        var toolPath = PostgresBinaries.ToolPath(BinDirectory, tool);
        string fileName;
        List<string> argumentList;
        string? workingDirectory = null;
        if (RunAsPostgres)
        {
            fileName = "runuser";
            argumentList = ["-u", OsUser, "--", toolPath, .. arguments];

            // The postgres user may not be able to enter the current directory (e.g. /root).
            workingDirectory = "/";
        }
        else
        {
            fileName = toolPath;
            argumentList = [.. arguments];
        }

        return check
            ? ProcessRunner.RunCheckedAsync(fileName, argumentList, _timeout, workingDirectory, ct)
            : ProcessRunner.RunAsync(fileName, argumentList, _timeout, workingDirectory, ct);
    }

    /// <summary>Whether a server is running on the data directory (<c>pg_ctl status</c> exits 0).</summary>
    public async Task<bool> IsRunningAsync(string dataDirectory, CancellationToken ct)
    {
        var result = await RunAsync("pg_ctl", ["status", "-D", dataDirectory], check: false, ct).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    /// <summary>Gives <paramref name="path"/> to the postgres OS user (only when running as root).</summary>
    public async Task GiveToPostgresAsync(string path, CancellationToken ct)
    {
        if (!RunAsPostgres)
        {
            return;
        }

        await ProcessRunner.RunCheckedAsync("chown", [OsUser + ":", path], _timeout, workingDirectory: null, ct).ConfigureAwait(false);
    }
}
