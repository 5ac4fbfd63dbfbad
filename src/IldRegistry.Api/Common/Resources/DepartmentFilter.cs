using IldRegistry.Domain.Departments;

namespace IldRegistry.Api.Common.Resources;

internal static class DepartmentFilter
{
    /// <summary>The records of one department, named by id (<c>departmentId</c>) and/or slug (<c>department</c>).</summary>
    public static IQueryable<T> InDepartment<T>(this IQueryable<T> records, Guid? departmentId, string? slug)
        where T : class, IDepartmentPart
    {
        if (departmentId is { } id)
        {
            records = records.Where(r => r.DepartmentId == id);
        }

        if (!string.IsNullOrWhiteSpace(slug))
        {
            var trimmed = slug.Trim();
            records = records.Where(r => r.Department!.Slug == trimmed);
        }

        return records;
    }
}
