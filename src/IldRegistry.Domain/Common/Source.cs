namespace IldRegistry.Domain.Common;

/// <summary>
/// A citation: where a fact comes from. It names a source record by <see cref="SourceId"/> (the title, address,
/// publisher, published date, language and weight are then the source's, copied into reads and never stored with the
/// citation), or, as before source records existed, describes its document inline (<see cref="Title"/> required).
/// </summary>
public sealed class Source
{
    /// <summary>The cited source record (<c>/api/v1/sources/{id}</c>); null for an inline citation.</summary>
    public Guid? SourceId { get; set; }

    /// <summary>Which fields of the record the citation supports (their JSON names); empty: the record as a whole.</summary>
    public List<string> Fields { get; set; } = [];

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Publisher { get; set; }

    /// <summary>When the cited document was published, as a <see cref="PartialDate"/> string; stands for <see cref="Attested"/> when that is omitted.</summary>
    public string? Published { get; set; }

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
