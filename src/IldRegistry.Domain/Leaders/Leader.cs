using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.People;

namespace IldRegistry.Domain.Leaders;

/// <summary>One person holding one post in one department for one period.</summary>
public sealed class Leader : Entity, IDepartmentPart
{
    public Guid DepartmentId { get; set; }

    public Department? Department { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The post: Head, Deputy Head, …</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Order of precedence, 1 first.</summary>
    public int Rank { get; set; }

    /// <summary>Null when unknown (not "since forever").</summary>
    public PartialDate? Start { get; set; }

    /// <summary>No earlier than this: narrows an uncertain <see cref="Start"/> (Wikidata's "earliest date").</summary>
    public PartialDate? StartNotBefore { get; set; }

    /// <summary>No later than this: narrows an uncertain <see cref="Start"/> (Wikidata's "latest date").</summary>
    public PartialDate? StartNotAfter { get; set; }

    /// <summary>Set only when <see cref="EndStatus"/> is <see cref="EndStatus.Known"/>.</summary>
    public PartialDate? End { get; set; }

    /// <summary>Whether the tenure ended on <see cref="End"/>, is not known to have ended, or still holds.</summary>
    public EndStatus EndStatus { get; set; } = EndStatus.Ongoing;

    public PartialDate? EndNotBefore { get; set; }

    public PartialDate? EndNotAfter { get; set; }

    public DateSpan Tenure() => new(Start, StartNotBefore, StartNotAfter, End, EndStatus, EndNotBefore, EndNotAfter);
}
