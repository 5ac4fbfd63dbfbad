namespace IldRegistry.Api.Common.Scaling;

/// <summary>How this process hears of writes by other processes on the same database (section <c>Invalidation</c>).</summary>
public sealed class InvalidationOptions : Settings.IRegistrySettings, System.ComponentModel.DataAnnotations.IValidatableObject
{
    public static string Section => "Invalidation";

    /// <summary>
    /// Listen for the change notifications of other instances. Off only where one process is the only writer:
    /// then caches trust this process's own writes alone, as before.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Seconds of silence after which the listening connection is checked with a query: a connection that died
    /// without a word (a cable, a firewall) is noticed within about this long plus the check's own timeout.
    /// </summary>
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>First pause before listening again after the connection broke; doubled on each failure up to <see cref="MaxReconnectDelayMilliseconds"/>.</summary>
    public int ReconnectDelayMilliseconds { get; set; } = 250;

    public int MaxReconnectDelayMilliseconds { get; set; } = 5000;

    /// <summary>How long the start of the host waits for the first LISTEN (caches stay off until it succeeds).</summary>
    public int StartupWaitMilliseconds { get; set; } = 3000;

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (!IsValid())
        {
            yield return new System.ComponentModel.DataAnnotations.ValidationResult("Invalidation: HeartbeatSeconds 1-3600, ReconnectDelayMilliseconds 1-600000 and at most MaxReconnectDelayMilliseconds, StartupWaitMilliseconds 0-600000.");
        }
    }

    internal bool IsValid() =>
        HeartbeatSeconds is >= 1 and <= 3600
        && ReconnectDelayMilliseconds is >= 1 and <= 600_000
        && MaxReconnectDelayMilliseconds >= ReconnectDelayMilliseconds && MaxReconnectDelayMilliseconds <= 600_000
        && StartupWaitMilliseconds is >= 0 and <= 600_000;
}
