namespace IldRegistry.Api.Common.Scaling;

/// <summary>Reads from a streaming standby (section <c>Standby</c>; the standby itself is <c>ConnectionStrings:RegistryStandby</c>).</summary>
public sealed class StandbyOptions
{
    public const string Section = "Standby";

    /// <summary>How often the standby's replay position is compared with the primary's: the shortest time after a write until reads go to the standby again.</summary>
    public int PollMilliseconds { get; set; } = 20;

    internal bool IsValid() => PollMilliseconds is >= 1 and <= 60_000;
}
