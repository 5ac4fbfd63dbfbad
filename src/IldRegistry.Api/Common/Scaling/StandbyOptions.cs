namespace IldRegistry.Api.Common.Scaling;

/// <summary>Reads from a streaming standby (section <c>Standby</c>; the standby itself is <c>ConnectionStrings:RegistryStandby</c>).</summary>
public sealed class StandbyOptions : Settings.IRegistrySettings, System.ComponentModel.DataAnnotations.IValidatableObject
{
    public static string Section => "Standby";

    /// <summary>How often the standby's replay position is compared with the primary's: the shortest time after a write until reads go to the standby again.</summary>
    public int PollMilliseconds { get; set; } = 20;

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (!IsValid())
        {
            yield return new System.ComponentModel.DataAnnotations.ValidationResult("Standby:PollMilliseconds is 1-60000.");
        }
    }

    internal bool IsValid() => PollMilliseconds is >= 1 and <= 60_000;
}
