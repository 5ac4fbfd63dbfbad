using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.People;

/// <summary>A person as a list shows it.</summary>
/// <param name="Id">Their id.</param>
/// <param name="Name">Their name in English usage, e.g. <c>Lu Kang</c>.</param>
/// <param name="NativeName">Their name in their own language and script (<c>陆慷</c>).</param>
/// <param name="RomanizedName">The native name romanized (pinyin for Chinese).</param>
/// <param name="OtherNames">Other names they are known by, each with its language.</param>
/// <param name="Sources">Where the facts of this record come from.</param>
public sealed record PersonSummary(
    Guid Id,
    string Name,
    string? NativeName,
    string? RomanizedName,
    IReadOnlyList<OtherName> OtherNames,
    IReadOnlyList<Source> Sources);

/// <summary>One post a person holds or held, as the person's record shows it.</summary>
/// <param name="LeaderId">The id of the post (a leader record, <c>/api/v1/leaders/{id}</c>).</param>
/// <param name="Department">The department of the post.</param>
/// <param name="Title">The post: Head, Deputy Head, …</param>
/// <param name="Rank">Order of precedence in the department, 1 first.</param>
/// <param name="Start">When the person took the post (partial date).</param>
/// <param name="End">When the person left the post; null while serving.</param>
public sealed record PersonPost(
    Guid LeaderId,
    DepartmentRef Department,
    string Title,
    int Rank,
    PartialDate? Start,
    PartialDate? End);

/// <summary>One person with every field and the posts they hold or held.</summary>
public sealed record PersonResponse : IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>The name in English usage (<c>Lu Kang</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The name in the person's own language and script (<c>陆慷</c>).</summary>
    public string? NativeName { get; init; }

    /// <summary>The native name romanized (pinyin for Chinese).</summary>
    public string? RomanizedName { get; init; }

    public required IReadOnlyList<OtherName> OtherNames { get; init; }

    /// <summary>Links to other registries (<c>wikidata: Q…</c>).</summary>
    public required IReadOnlyList<Identifier> Identifiers { get; init; }

    public string? Notes { get; init; }

    /// <summary>When the person was born (partial date); null when unknown (see <c>bornStatus</c>).</summary>
    /// <example>1963-04</example>
    public PartialDate? Born { get; init; }

    /// <summary><c>Known</c> when <c>born</c> holds a date, else <c>Unknown</c>.</summary>
    public StartStatus BornStatus => Born is null ? StartStatus.Unknown : StartStatus.Known;

    /// <summary>An uncertain birth lies no earlier than this (within <c>born</c>).</summary>
    /// <example>1963-04-01</example>
    public PartialDate? BornNotBefore { get; init; }

    /// <summary>An uncertain birth lies no later than this (within <c>born</c>).</summary>
    /// <example>1963-04-15</example>
    public PartialDate? BornNotAfter { get; init; }

    /// <summary>When the person died (partial date); null when not known (see <c>diedStatus</c>).</summary>
    /// <example>1974-01</example>
    public PartialDate? Died { get; init; }

    /// <summary>
    /// <c>Known</c> when <c>died</c> holds a date, else <c>Unknown</c>. Never "living": that a source shows the person
    /// alive is its attested date, and a record read years later must not go on calling them alive.
    /// </summary>
    public StartStatus DiedStatus => Died is null ? StartStatus.Unknown : StartStatus.Known;

    /// <summary>An uncertain death lies no earlier than this (within <c>died</c>).</summary>
    /// <example>1974-01-20</example>
    public PartialDate? DiedNotBefore { get; init; }

    /// <summary>An uncertain death lies no later than this (within <c>died</c>).</summary>
    /// <example>1974-01-31</example>
    public PartialDate? DiedNotAfter { get; init; }

    /// <summary>The person's posts in every department, ordered by start, then rank.</summary>
    public required IReadOnlyList<PersonPost> Posts { get; init; }

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

/// <summary>What a client sends to create or fully replace a person. Posts are made through <c>/api/v1/leaders</c>.</summary>
public sealed record PersonRequest
{
    /// <summary>The name in English usage. Names need not be unique: two people may share one.</summary>
    public string Name { get; init; } = string.Empty;

    public string? NativeName { get; init; }

    public string? RomanizedName { get; init; }

    public List<OtherName> OtherNames { get; init; } = [];

    public List<Identifier> Identifiers { get; init; } = [];

    public string? Notes { get; init; }

    /// <summary>When the person was born; omit when unknown.</summary>
    /// <example>1963-04</example>
    public PartialDate? Born { get; init; }

    /// <summary>Optional, as a read shows it: <c>Known</c> with <c>born</c>, <c>Unknown</c> without; one that disagrees is a 400.</summary>
    public StartStatus? BornStatus { get; init; }

    /// <summary>Optional, as a read shows it: <c>Known</c> with <c>died</c>, <c>Unknown</c> without (there is no "living"); one that disagrees is a 400.</summary>
    public StartStatus? DiedStatus { get; init; }

    /// <summary>With <c>born</c> only: the birth lies no earlier than this, a date within <c>born</c>.</summary>
    /// <example>1963-04-01</example>
    public PartialDate? BornNotBefore { get; init; }

    /// <summary>With <c>born</c> only: the birth lies no later than this, a date within <c>born</c> and not before <c>bornNotBefore</c>.</summary>
    /// <example>1963-04-15</example>
    public PartialDate? BornNotAfter { get; init; }

    /// <summary>
    /// When the person died; omit when not known. There is no "living": a source showing the person alive is its
    /// citation's <c>attested</c> date. Must not lie before <c>born</c>.
    /// </summary>
    /// <example>1974-01</example>
    public PartialDate? Died { get; init; }

    /// <summary>With <c>died</c> only: the death lies no earlier than this, a date within <c>died</c>.</summary>
    /// <example>1974-01-20</example>
    public PartialDate? DiedNotBefore { get; init; }

    /// <summary>With <c>died</c> only: the death lies no later than this, a date within <c>died</c> and not before <c>diedNotBefore</c>.</summary>
    /// <example>1974-01-31</example>
    public PartialDate? DiedNotAfter { get; init; }

    public List<Source> Sources { get; init; } = [];

    /// <summary>
    /// Values claimed for the record's fields, each with its citations, as Wikidata ranks statements: the claims of one
    /// field have exactly one <c>preferred</c>, whose value the field must hold; the others are kept beside it.
    /// </summary>
    public List<Claim> Claims { get; init; } = [];
}

/// <summary>Filters and sort for the people list.</summary>
public sealed record PersonListQuery
{
    /// <summary>Text filter over names (English, native, romanized and other names).</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Only people who hold or held a post in this department.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>
    /// <c>true</c>: only people serving in a post now (no end date); <c>false</c>: only people serving in none.
    /// With <c>departmentId</c>, the post must be in that department.
    /// </summary>
    public bool? Current { get; init; }

    /// <summary>Sort field: <c>name</c>, <c>createdAt</c>, <c>updatedAt</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}
