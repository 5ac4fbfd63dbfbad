using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;

namespace IldRegistry.Domain.Bureaus;

public enum BureauKind
{
    Office,
    ResearchOffice,
    RegionalBureau,
    FunctionalBureau,
    PartyBody,
}

/// <summary>An internal unit of a department.</summary>
public sealed class Bureau : Body, IDepartmentPart
{
    public Guid DepartmentId { get; set; }

    public Department? Department { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The name in brackets (<c>First Bureau</c>).</summary>
    public string? AlternateName { get; set; }

    public BureauKind Kind { get; set; }

    /// <summary>1–8 for the numbered regional bureaus.</summary>
    public int? Number { get; set; }

    public string? Region { get; set; }

    public Guid? ParentBureauId { get; set; }

    public Bureau? ParentBureau { get; set; }

    public int SortOrder { get; set; }
}
