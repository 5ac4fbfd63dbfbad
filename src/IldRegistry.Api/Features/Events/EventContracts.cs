using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;

namespace IldRegistry.Api.Features.Events;

/// <summary>A record an event links to (an institution or a person), by id and name.</summary>
/// <param name="Id">The linked record's id.</param>
/// <param name="Name">Its name.</param>
public sealed record EventLinkRef(Guid Id, string Name);

/// <summary>One historical event with every field, and small references to what it links to.</summary>
public sealed record EventResponse : IVersioned
{
    public required Guid Id { get; init; }

    /// <summary>The department the event belongs to.</summary>
    public required DepartmentRef Department { get; init; }

    /// <summary>When it happened, or when the period began (partial date: <c>1951</c>, <c>2022-02</c>, <c>198X</c>).</summary>
    public required PartialDate Date { get; init; }

    /// <summary>When the period ended; null for a single event.</summary>
    public PartialDate? EndDate { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required EventKind Kind { get; init; }

    /// <summary>The ids of the institutions the event concerns, as stored (deleted ones included).</summary>
    public required IReadOnlyList<Guid> InstitutionIds { get; init; }

    /// <summary>The live institutions among <see cref="InstitutionIds"/>, in the same order.</summary>
    public required IReadOnlyList<EventLinkRef> Institutions { get; init; }

    /// <summary>The ids of the people the event concerns, as stored (deleted ones included).</summary>
    public required IReadOnlyList<Guid> PersonIds { get; init; }

    /// <summary>The live people among <see cref="PersonIds"/>, in the same order.</summary>
    public required IReadOnlyList<EventLinkRef> People { get; init; }

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

/// <summary>What a client sends to create or fully replace a historical event.</summary>
public sealed record EventRequest
{
    /// <summary>The id of the department the event belongs to.</summary>
    public Guid DepartmentId { get; init; }

    /// <summary>When it happened, or when the period began. Required.</summary>
    public PartialDate? Date { get; init; }

    /// <summary>When the period ended, for periods such as "1981 to 1989"; must not lie before <c>date</c>.</summary>
    public PartialDate? EndDate { get; init; }

    /// <summary>A short title, at most 300 characters.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>What happened, at most 4000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>What kind of event it is. Required.</summary>
    public EventKind? Kind { get; init; }

    /// <summary>Institutions the event concerns: at most 50, no duplicates, each live.</summary>
    public List<Guid> InstitutionIds { get; init; } = [];

    /// <summary>People the event concerns: at most 50, no duplicates, each live.</summary>
    public List<Guid> PersonIds { get; init; } = [];

    public List<Source> Sources { get; init; } = [];

    /// <summary>
    /// Values claimed for the record's fields, each with its citations, as Wikidata ranks statements: the claims of one
    /// field have exactly one <c>preferred</c>, whose value the field must hold; the others are kept beside it.
    /// </summary>
    public List<Claim> Claims { get; init; } = [];
}

/// <summary>Filters and sort for the event list.</summary>
public sealed record EventListQuery
{
    /// <summary>Text filter over title and description.</summary>
    [System.ComponentModel.DataAnnotations.StringLength(IldRegistry.Api.Common.Validation.Rules.MaxQueryLength, ErrorMessage = IldRegistry.Api.Common.Validation.Rules.QueryTooLong)]
    public string? Q { get; init; }

    /// <summary>Only events of the department with this id.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>Only events of the department with this slug (<c>ild</c>).</summary>
    public string? Department { get; init; }

    /// <summary>Only events of this kind.</summary>
    public EventKind? Kind { get; init; }

    /// <summary>Only events that link this institution.</summary>
    public Guid? InstitutionId { get; init; }

    /// <summary>Only events that link this person.</summary>
    public Guid? PersonId { get; init; }

    /// <summary>
    /// Only events whose interval (from the start of <c>date</c> to the end of <c>endDate</c>, or of <c>date</c>) reaches
    /// into or past this partial date (<c>1980</c>, <c>198X</c>, <c>2022-02</c>).
    /// </summary>
    public string? From { get; init; }

    /// <summary>Only events whose interval begins on or before the end of this partial date.</summary>
    public string? To { get; init; }

    /// <summary>Sort field: <c>date</c> (default), <c>title</c>, <c>kind</c>; prefix <c>-</c> for descending.</summary>
    public string? Sort { get; init; }
}
