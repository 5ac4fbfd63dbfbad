using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IldRegistry.IntegrationTests.Fuzz;

/// <summary>Keeps the server's error log lines, so a failing fuzz case can be reported with the exception behind it.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _errors);

    /// <summary>The error lines logged since the last call.</summary>
    public List<string> Drain()
    {
        var lines = new List<string>();
        while (_errors.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            // The exception type, message and the first frames are what a fix needs; the full trace is noise here.
            var frames = exception?.ToString().Split('\n').Where(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).Take(12) ?? [];
            var message = formatter(state, exception).Split('\n')[0];
            errors.Enqueue($"{category}: {message}"
                + (exception is null ? string.Empty : $"\n      {exception.GetType().FullName}: {exception.Message}"
                    + (exception.InnerException is { } inner ? $"\n      inner {inner.GetType().FullName}: {inner.Message}" : string.Empty)
                    + $"\n      {string.Join("\n      ", frames.Select(f => f.Trim()))}"));
        }
    }
}
