using System.Collections.Concurrent;
using System.Diagnostics;

namespace IldRegistry.IntegrationTests.Leaders;

/// <summary>Counts the SQL commands Npgsql runs while it is alive (through its tracing), to catch N+1 queries.</summary>
/// <remarks>
/// EF Core's own diagnostic events are unusable here: EF caches for a second that nobody listens to them. The HTTP
/// tests share one collection and never run at once; the throwaway database answers no one else.
/// </remarks>
internal sealed class SqlCommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<string> _commands = new();

    public SqlCommandCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _commands.Enqueue(activity.DisplayName + ": " + string.Join(", ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => _commands.Count;

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Reset() => _commands.Clear();

    public void Dispose() => _listener.Dispose();
}
