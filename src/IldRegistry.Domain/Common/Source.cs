namespace IldRegistry.Domain.Common;

/// <summary>Where a fact comes from.</summary>
public sealed class Source
{
    public string Title { get; set; } = string.Empty;

    public string? Url { get; set; }

    public string? Publisher { get; set; }

    public DateOnly? RetrievedOn { get; set; }

    /// <summary>The sentence of the source that carries the fact.</summary>
    public string? Quote { get; set; }

    /// <summary>BCP 47 tag of the source's language.</summary>
    public string? Language { get; set; }

    /// <summary>
    /// The date on which the source says the statement holds (its publication date, or the date it was read), as a
    /// <see cref="PartialDate"/> string. A record whose start is unknown is known to hold from its earliest
    /// attestation on, one whose end is unknown up to its latest.
    /// </summary>
    public string? Attested { get; set; }

    /// <summary>No earlier than this: narrows an uncertain <see cref="Attested"/>.</summary>
    public string? AttestedNotBefore { get; set; }

    /// <summary>No later than this: narrows an uncertain <see cref="Attested"/>.</summary>
    public string? AttestedNotAfter { get; set; }

    /// <summary>How far to trust the source (Security Force Monitor's confidence levels).</summary>
    public SourceWeight? Weight { get; set; }
}

/// <summary>
/// How much weight a source deserves: High, a named news agency or broadcaster reporting at the time; Medium, an
/// encyclopedia article or a copy of one; Low, a blog, a partisan outlet or an unattributed copy.
/// </summary>
public enum SourceWeight
{
    Low,
    Medium,
    High,
}
