using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Bureaus;

/// <summary>A reference to another bureau.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
public sealed record BureauRef(Guid Id, string Name);

/// <summary>One internal unit of a department, with every field.</summary>
public sealed record BureauResponse : BodyResponse, IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>The department the unit belongs to.</summary>
    public required DepartmentRef Department { get; init; }

    public required string Name { get; init; }

    /// <summary>The other name it goes by, e.g. <c>First Bureau</c>.</summary>
    public string? AlternateName { get; init; }

    public required BureauKind Kind { get; init; }

    /// <summary>The number of a numbered regional bureau (the First Bureau is 1).</summary>
    public int? Number { get; init; }

    /// <summary>The region a regional bureau covers.</summary>
    public string? Region { get; init; }

    /// <summary>The unit this one sits under; null for a unit directly under the department.</summary>
    public BureauRef? ParentBureau { get; init; }

    /// <summary>Its place in the department's list of units (lower first).</summary>
    public required int SortOrder { get; init; }

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

/// <summary>What a client sends to create or fully replace a bureau.</summary>
public sealed record BureauRequest : BodyRequest
{
    /// <summary>The id of the department the unit belongs to.</summary>
    public Guid DepartmentId { get; init; }

    /// <summary>The English name, unique among the department's live units.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The other name it goes by, e.g. <c>First Bureau</c>.</summary>
    public string? AlternateName { get; init; }

    /// <summary>What sort of unit it is.</summary>
    public BureauKind? Kind { get; init; }

    /// <summary>1 to 99, only for a regional bureau; unique among the department's live units.</summary>
    public int? Number { get; init; }

    /// <summary>The region a regional bureau covers.</summary>
    public string? Region { get; init; }

    /// <summary>The id of the unit (of the same department) this one sits under.</summary>
    public Guid? ParentBureauId { get; init; }

    /// <summary>Its place in the department's list of units, 0 to 10000 (lower first).</summary>
    public int SortOrder { get; init; }

    public List<Source> Sources { get; init; } = [];

    /// <summary>
    /// Values claimed for the record's fields, each with its citations, as Wikidata ranks statements: the claims of one
    /// field have exactly one <c>preferred</c>, whose value the field must hold; the others are kept beside it.
    /// </summary>
    public List<Claim> Claims { get; init; } = [];
}

/// <summary>Filters and sort for the bureau list.</summary>
public sealed record BureauListQuery
{
    /// <summary>Text filter over name, alternate name and region.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Only units of the department with this id.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>Only units of the department with this slug, e.g. <c>ild</c>.</summary>
    public string? Department { get; init; }

    /// <summary>Only units of this kind.</summary>
    public BureauKind? Kind { get; init; }

    /// <summary>Only units directly under this unit.</summary>
    public Guid? ParentBureauId { get; init; }

    /// <summary><c>true</c>: only numbered units; <c>false</c>: only units without a number.</summary>
    public bool? Numbered { get; init; }

    /// <summary>Sort field: <c>sortOrder</c> (default), <c>name</c>, <c>number</c>, <c>kind</c>, <c>createdAt</c>, <c>updatedAt</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}
