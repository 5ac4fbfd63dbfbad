namespace IldRegistry.Domain.Departments;

/// <summary>A record that belongs to one department: a post, a bureau, an institution, an event.</summary>
public interface IDepartmentPart
{
    Guid DepartmentId { get; }

    Department? Department { get; }
}
