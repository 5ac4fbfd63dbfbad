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

    public PartialDate? Start { get; set; }

    /// <summary>Null while serving.</summary>
    public PartialDate? End { get; set; }
}
