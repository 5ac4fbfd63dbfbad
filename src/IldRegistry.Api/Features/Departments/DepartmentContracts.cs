using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Departments;

/// <summary>A department as a list shows it, and as other records refer to it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Slug">Its stable, URL-safe key, e.g. <c>ild</c>.</param>
/// <param name="Name">Its English name.</param>
/// <param name="ShortName">A short form, e.g. <c>ILD</c>.</param>
/// <param name="NativeName">Its name in its own language and script.</param>
/// <param name="Jurisdiction">The party or body it serves.</param>
/// <param name="ParentId">The department it reports to.</param>
/// <param name="Established">When it was established (partial date).</param>
public sealed record DepartmentSummary(
    Guid Id,
    string Slug,
    string Name,
    string? ShortName,
    string? NativeName,
    string? Jurisdiction,
    Guid? ParentId,
    PartialDate? Established);

/// <summary>A reference to another department.</summary>
public sealed record DepartmentRef(Guid Id, string Slug, string Name);

/// <summary>One department with every field.</summary>
public sealed record DepartmentResponse : BodyResponse, IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>Stable, URL-safe key (<c>ild</c>).</summary>
    public required string Slug { get; init; }

    public required string Name { get; init; }

    public string? ShortName { get; init; }

    /// <summary>The name in the department's own language and script.</summary>
    public string? NativeName { get; init; }

    /// <summary>The native name romanized (pinyin for Chinese).</summary>
    public string? RomanizedName { get; init; }

    public required IReadOnlyList<OtherName> OtherNames { get; init; }

    public required IReadOnlyList<Identifier> Identifiers { get; init; }

    public string? Jurisdiction { get; init; }

    public string? AgencyType { get; init; }

    public string? Headquarters { get; init; }

    /// <summary>The department this one reports to.</summary>
    public DepartmentRef? Parent { get; init; }

    public string? Summary { get; init; }

    /// <summary>How many internal offices (bureaus and other units) the department has, as its preferred source counts them; other counts are kept as claims.</summary>
    public int? OfficeCount { get; init; }

    public string? Functions { get; init; }

    /// <summary>The logo's file name.</summary>
    public string? Logo { get; init; }

    public string? LogoCaption { get; init; }

    /// <summary>Where the facts of this record come from.</summary>
    public required IReadOnlyList<Source> Sources { get; init; }

    /// <summary>Values claimed for the record's fields, each with its citations; the field shows the preferred one.</summary>
    public IReadOnlyList<Claim> Claims { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The concurrency token, also sent as the ETag header.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>What a client sends to create or fully replace a department.</summary>
public sealed record DepartmentRequest : BodyRequest
{
    /// <summary>Stable, URL-safe key: lower-case letters and digits in hyphen-separated words (<c>ild</c>).</summary>
    public string Slug { get; init; } = string.Empty;

    /// <summary>The English name.</summary>
    public string Name { get; init; } = string.Empty;

    public string? ShortName { get; init; }

    public string? NativeName { get; init; }

    public string? RomanizedName { get; init; }

    public List<OtherName> OtherNames { get; init; } = [];

    public List<Identifier> Identifiers { get; init; } = [];

    public string? Jurisdiction { get; init; }

    public string? AgencyType { get; init; }

    public string? Headquarters { get; init; }

    /// <summary>The id of the department this one reports to.</summary>
    public Guid? ParentId { get; init; }

    public string? Summary { get; init; }

    /// <summary>How many internal offices (bureaus and other units) the department has, as its preferred source counts them; other counts are kept as claims.</summary>
    public int? OfficeCount { get; init; }

    public string? Functions { get; init; }

    public string? Logo { get; init; }

    public string? LogoCaption { get; init; }

    public List<Source> Sources { get; init; } = [];

    /// <summary>
    /// Values claimed for the record's fields, each with its citations, as Wikidata ranks statements: the claims of one
    /// field have exactly one <c>preferred</c>, whose value the field must hold; the others are kept beside it.
    /// </summary>
    public List<Claim> Claims { get; init; } = [];
}

/// <summary>Filters and sort for the department list.</summary>
public sealed record DepartmentListQuery
{
    /// <summary>Text filter over names (English, short, native, romanized).</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Only departments reporting to this one.</summary>
    public Guid? ParentId { get; init; }

    /// <summary>Sort field: <c>name</c>, <c>slug</c>, <c>established</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}
