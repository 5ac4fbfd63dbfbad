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
}
