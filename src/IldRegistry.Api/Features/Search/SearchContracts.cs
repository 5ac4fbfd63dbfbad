namespace IldRegistry.Api.Features.Search;

/// <summary>The kinds of record search covers.</summary>
public enum SearchType
{
    Department,
    Person,
    Institution,
    Bureau,
    Event,
    Source,
}

/// <summary>One search hit.</summary>
/// <param name="Type">The kind of record.</param>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name (or an event's title).</param>
/// <param name="Snippet">A short extract: its summary, notes or description.</param>
/// <param name="Score">Relevance; higher is better. Exact name matches score above 1.</param>
/// <param name="Url">Where to read the whole record.</param>
public sealed record SearchHit(SearchType Type, Guid Id, string Name, string? Snippet, double Score, string Url);

/// <summary>Search results, best first.</summary>
/// <param name="Query">The query as received.</param>
/// <param name="Items">The hits, best first.</param>
public sealed record SearchResult(string Query, IReadOnlyList<SearchHit> Items);

/// <summary>Search parameters.</summary>
public sealed record SearchQuery
{
    public const int MaxLimit = 100;

    /// <summary>What to look for: any name, in any script, with or without tone marks; spelling mistakes are forgiven.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string Q { get; init; } = string.Empty;

    /// <summary>Only this kind of record.</summary>
    public SearchType? Type { get; init; }

    /// <summary>How many hits, 1 to 100 (default 20).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, MaxLimit, ErrorMessage = "'limit' must be from 1 to 100.")]
    public int Limit { get; init; } = 20;
}
