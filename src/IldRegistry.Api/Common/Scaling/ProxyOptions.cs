namespace IldRegistry.Api.Common.Scaling;

/// <summary>The reverse proxies in front of the API (section <c>Proxy</c>).</summary>
public sealed class ProxyOptions : Settings.IRegistrySettings, System.ComponentModel.DataAnnotations.IValidatableObject
{
    public static string Section => "Proxy";

    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) and networks (<c>172.16.0.0/12</c>) of proxies whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed: then the client address that per-client limits and logs see is the one
    /// the proxy saw. Empty (the default): the headers are ignored, since anyone could send them.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>How many proxies in a row (the entries of <c>X-Forwarded-For</c> read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;

    internal IReadOnlyList<System.Net.IPNetwork> Networks() =>
        TrustedProxies.Select(p => p.Contains('/', StringComparison.Ordinal)
            ? System.Net.IPNetwork.Parse(p)
            : new System.Net.IPNetwork(System.Net.IPAddress.Parse(p), System.Net.IPAddress.Parse(p).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)).ToList();

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (!IsValid())
        {
            yield return new System.ComponentModel.DataAnnotations.ValidationResult("Proxy:TrustedProxies holds IP addresses or CIDR networks; Proxy:ForwardLimit is 1-10.");
        }
    }

    internal bool IsValid() =>
        ForwardLimit is >= 1 and <= 10
        && TrustedProxies.All(p => p.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(p, out _) : System.Net.IPAddress.TryParse(p, out _));
}
