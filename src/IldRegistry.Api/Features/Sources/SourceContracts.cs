using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Sources;

/// <summary>One source record: a document that records cite by its id.</summary>
public sealed record SourceResponse : IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>The document's title.</summary>
    public required string Title { get; init; }

    /// <summary>Its address (absolute http or https URL).</summary>
    public string? Url { get; init; }

    public string? Publisher { get; init; }

    /// <summary>When it was published (a partial date); a citation that gives no date of its own attests this one.</summary>
    public PartialDate? Published { get; init; }

    /// <summary>BCP 47 tag of its language (<c>en</c>, <c>zh</c>, <c>ja</c>).</summary>
    public string? Language { get; init; }

    /// <summary>How far to trust it: High (a named news agency or broadcaster reporting at the time), Medium (an encyclopedia article or a copy of one), Low (a blog, a partisan outlet, an unattributed copy); null when not assessed.</summary>
    public SourceWeight? Weight { get; init; }

    public string? Notes { get; init; }

    /// <summary>
    /// The live records that cite it (in their <c>sources</c> or in a claim's), by resource, each with the fields the
    /// citations support. Shown on <c>GET /sources/{id}</c>; empty in lists.
    /// </summary>
    public required IReadOnlyList<CitingRecord> CitedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The concurrency token, also sent as the ETag header.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>What a client sends to create or fully replace a source record.</summary>
public sealed record SourceRequest
{
    /// <summary>The document's title (required).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Absolute http or https URL.</summary>
    public string? Url { get; init; }

    public string? Publisher { get; init; }

    /// <summary>When it was published (a partial date: <c>2025-09-30</c>, <c>2025</c>).</summary>
    public PartialDate? Published { get; init; }

    /// <summary>BCP 47 language tag.</summary>
    public string? Language { get; init; }

    /// <summary><c>Low</c>, <c>Medium</c> or <c>High</c>; null when not assessed.</summary>
    public SourceWeight? Weight { get; init; }

    public string? Notes { get; init; }
}

/// <summary>Filters for the source list.</summary>
public sealed record SourceListQuery
{
    /// <summary>Text filter over the title, publisher, address and notes.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Only sources of this weight.</summary>
    public SourceWeight? Weight { get; init; }

    /// <summary>Sort field: <c>title</c> (default), <c>published</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}
