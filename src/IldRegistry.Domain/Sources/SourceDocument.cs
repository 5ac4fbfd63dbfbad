using IldRegistry.Domain.Common;

namespace IldRegistry.Domain.Sources;

/// <summary>
/// A document that records cite (an article, a news report, a web page): described once, cited many times by its id.
/// </summary>
public sealed class SourceDocument : Entity
{
    public string Title { get; set; } = string.Empty;

    public string? Url { get; set; }

    public string? Publisher { get; set; }

    /// <summary>When it was published; a citation of it that gives no date of its own attests this one.</summary>
    public PartialDate? Published { get; set; }

    /// <summary>BCP 47 tag of its language.</summary>
    public string? Language { get; set; }

    /// <summary>How far to trust it (Security Force Monitor's confidence levels); null: not assessed.</summary>
    public SourceWeight? Weight { get; set; }

    public string? Notes { get; set; }
}
