using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace IldRegistry.LocalPostgres;

/// <summary>Runs an external command without a shell, capturing its output, with a timeout.</summary>
internal static class ProcessRunner
{
    internal sealed record Result(string Command, int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs the command; throws <see cref="InvalidOperationException"/> (command + stderr) on a non-zero exit.</summary>
    public static async Task<Result> RunCheckedAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory, CancellationToken ct)
    {
        var result = await RunAsync(fileName, arguments, timeout, workingDirectory, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw Failure(result);
        }

        return result;
    }

    public static InvalidOperationException Failure(Result result, string? extra = null)
    {
        var detail = string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError;
        return new InvalidOperationException(
            $"Command `{result.Command}` failed with exit code {result.ExitCode}: {detail.Trim()}{extra}");
    }

    /// <summary>Runs the command and returns its exit code and output, whatever the exit code.</summary>
    public static async Task<Result> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory, CancellationToken ct)
    {
        var command = Describe(fileName, arguments);
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Command `{command}` could not be started: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited)
            {
                TryKill(process);
                ct.ThrowIfCancellationRequested();
                throw new InvalidOperationException(
                    $"Command `{command}` did not finish within {timeout.TotalSeconds:0} s and was killed; output so far: {Snapshot(stderr)}{Snapshot(stdout)}");
            }

            // The process exited but a child it left behind still holds the output pipes: use what was read.
            ct.ThrowIfCancellationRequested();
        }

        return new Result(command, process.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\' or '$' or '`')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
