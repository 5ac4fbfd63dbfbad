using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;

namespace IldRegistry.Domain.Events;

public enum EventKind
{
    Founding,
    MandateChange,
    Establishment,
    LeadershipChange,
    Initiative,
    Statistic,
    Organization,
    Assessment,
    Other,
}

/// <summary>Something that happened, dated.</summary>
public sealed class HistoricalEvent : Entity, IDepartmentPart
{
    public Guid DepartmentId { get; set; }

    public Department? Department { get; set; }

    public PartialDate Date { get; set; } = null!;

    /// <summary>For periods ("the 1980s" is 198X with no end; "1981 to 1989" has one).</summary>
    public PartialDate? EndDate { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public EventKind Kind { get; set; }

    public List<Guid> InstitutionIds { get; set; } = [];

    public List<Guid> PersonIds { get; set; } = [];
}
