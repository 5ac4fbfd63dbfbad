using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Leaders;

/// <summary>The person who holds a post, as the post shows them.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="Name">Their name in English.</param>
/// <param name="NativeName">Their name in their own language and script.</param>
public sealed record LeaderPersonRef(Guid Id, string Name, string? NativeName);

/// <summary>One person holding one post in one department for one period.</summary>
public sealed record LeaderResponse : IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>Who holds the post.</summary>
    public required LeaderPersonRef Person { get; init; }

    /// <summary>The department the post belongs to.</summary>
    public required DepartmentRef Department { get; init; }

    /// <summary>The post: Head, Deputy Head, …</summary>
    public required string Title { get; init; }

    /// <summary>Order of precedence within the department, 1 first.</summary>
    public required int Rank { get; init; }

    /// <summary>When the tenure began (partial date); null when unknown.</summary>
    public PartialDate? Start { get; init; }

    /// <summary>When the tenure ended (partial date); null while serving.</summary>
    public PartialDate? End { get; init; }

    /// <summary>Where the facts of this record come from.</summary>
    public required IReadOnlyList<Source> Sources { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The concurrency token, also sent as the ETag header.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>What a client sends to create or fully replace a leader post.</summary>
public sealed record LeaderRequest
{
    /// <summary>The id of the department the post belongs to (required; must exist and not be deleted).</summary>
    public Guid DepartmentId { get; init; }

    /// <summary>The id of the person who holds the post (required; must exist and not be deleted).</summary>
    public Guid PersonId { get; init; }

    /// <summary>The post, e.g. <c>Head</c> or <c>Deputy Head</c> (1 to 200 characters).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Order of precedence within the department, 1 (first) to 1000.</summary>
    public int Rank { get; init; }

    /// <summary>When the tenure began; omit when unknown.</summary>
    public PartialDate? Start { get; init; }

    /// <summary>When the tenure ended; omit while the person still serves. Must not lie before <c>start</c>.</summary>
    public PartialDate? End { get; init; }

    public List<Source> Sources { get; init; } = [];
}

/// <summary>Filters and sort for the leader list.</summary>
public sealed record LeaderListQuery
{
    /// <summary>Only posts in this department (by id).</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>Only posts in this department (by slug, e.g. <c>ild</c>).</summary>
    public string? Department { get; init; }

    /// <summary>Only posts held by this person.</summary>
    public Guid? PersonId { get; init; }

    /// <summary>Only posts with exactly this title (case-insensitive), e.g. <c>Deputy Head</c>.</summary>
    public string? Title { get; init; }

    /// <summary><c>true</c>: only posts still held (no end); <c>false</c>: only posts that ended.</summary>
    public bool? Current { get; init; }

    /// <summary>
    /// Only posts serving on this date: a partial date such as <c>2019</c>, <c>2019-06</c> or <c>2019-06-01</c>.
    /// A post serves when its start's first day is not after the date and its end's last day is not before it (a post
    /// ending <c>2022-04</c> serves through 30 April 2022). A year or month matches the posts serving at any time in it.
    /// </summary>
    public string? AsOf { get; init; }

    /// <summary>Only posts whose tenure reaches to or past this partial date (its first day).</summary>
    public string? From { get; init; }

    /// <summary>Only posts whose tenure began on or before this partial date (its last day).</summary>
    public string? To { get; init; }

    /// <summary>Text filter over the person's names and the title.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Sort field: <c>rank</c> (default, then start), <c>start</c>, <c>title</c>, <c>person</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}

/// <summary>The date for a department's leadership.</summary>
public sealed record LeadershipQuery
{
    /// <summary>
    /// The date: a partial date such as <c>2019</c> or <c>2019-06-01</c>; default today (UTC). A year or month
    /// gives the posts serving at any time in it.
    /// </summary>
    public string? AsOf { get; init; }
}

/// <summary>The leadership of one department on one date, in rank order.</summary>
/// <param name="Department">The department.</param>
/// <param name="AsOf">The date asked for (today, UTC, when none was given).</param>
/// <param name="Leaders">The posts serving on that date, by rank and then start.</param>
public sealed record DepartmentLeadershipResponse(DepartmentRef Department, PartialDate AsOf, IReadOnlyList<LeaderResponse> Leaders);
