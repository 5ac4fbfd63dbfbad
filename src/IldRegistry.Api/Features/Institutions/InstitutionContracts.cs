using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Institutions;

namespace IldRegistry.Api.Features.Institutions;

/// <summary>One institution with every field; lists show the same shape.</summary>
public sealed record InstitutionResponse : BodyResponse, IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>The department the institution is tied to.</summary>
    public required DepartmentRef Department { get; init; }

    /// <summary>The English name, unique within its department.</summary>
    public required string Name { get; init; }

    /// <summary>The name in the institution's own language and script.</summary>
    public string? NativeName { get; init; }

    public required IReadOnlyList<OtherName> OtherNames { get; init; }

    public required IReadOnlyList<Identifier> Identifiers { get; init; }

    /// <summary>How it is tied to the department.</summary>
    public required InstitutionKind Kind { get; init; }

    /// <summary>Where it is (a city or country), when outside the department's seat.</summary>
    public string? Location { get; init; }

    public string? Summary { get; init; }

    /// <summary>Its website (absolute http or https URL).</summary>
    public string? Website { get; init; }

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

/// <summary>What a client sends to create or fully replace an institution.</summary>
public sealed record InstitutionRequest : BodyRequest
{
    /// <summary>The id of the (live) department the institution is tied to.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>The English name, unique among the department's institutions.</summary>
    public string Name { get; init; } = string.Empty;

    public string? NativeName { get; init; }

    public List<OtherName> OtherNames { get; init; } = [];

    public List<Identifier> Identifiers { get; init; } = [];

    /// <summary>How it is tied to the department (required).</summary>
    public InstitutionKind? Kind { get; init; }

    public string? Location { get; init; }

    public string? Summary { get; init; }

    /// <summary>Absolute http or https URL.</summary>
    public string? Website { get; init; }

    public List<Source> Sources { get; init; } = [];

    /// <summary>
    /// Values claimed for the record's fields, each with its citations, as Wikidata ranks statements: the claims of one
    /// field have exactly one <c>preferred</c>, whose value the field must hold; the others are kept beside it.
    /// </summary>
    public List<Claim> Claims { get; init; } = [];
}

/// <summary>Filters and sort for the institution list.</summary>
public sealed record InstitutionListQuery
{
    /// <summary>Text filter over the name, native name, other names and summary.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Only institutions of the department with this id.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>Only institutions of the department with this slug (<c>ild</c>).</summary>
    public string? Department { get; init; }

    /// <summary>Only institutions of this kind.</summary>
    public InstitutionKind? Kind { get; init; }

    /// <summary>Only institutions established in a period that ends on or after the start of this partial date (<c>1981</c>, <c>198X</c>).</summary>
    public string? From { get; init; }

    /// <summary>Only institutions established in a period that starts on or before the end of this partial date (<c>2022-02</c>).</summary>
    public string? To { get; init; }

    /// <summary>
    /// Sort field: <c>name</c> (default), <c>established</c>, <c>kind</c> (in the order ChildAgency, AffiliatedInstitution,
    /// AffiliatedEnterprise, FundedInstitution, then by name); prefix <c>-</c> for descending. Undated institutions sort
    /// last by <c>established</c> and first by <c>-established</c>.
    /// </summary>
    public string? Sort { get; init; }
}
