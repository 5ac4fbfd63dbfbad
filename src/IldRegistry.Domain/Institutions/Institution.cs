using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;

namespace IldRegistry.Domain.Institutions;

public enum InstitutionKind
{
    ChildAgency,
    AffiliatedInstitution,
    AffiliatedEnterprise,
    /// <summary>Funded by the department, alone or with others, without being part of it.</summary>
    FundedInstitution,
}

/// <summary>An organisation tied to a department.</summary>
public sealed class Institution : Body, IDepartmentPart
{
    public Guid DepartmentId { get; set; }

    public Department? Department { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? NativeName { get; set; }

    public List<OtherName> OtherNames { get; set; } = [];

    public List<Identifier> Identifiers { get; set; } = [];

    public InstitutionKind Kind { get; set; }

    public string? Location { get; set; }

    public string? Summary { get; set; }

    public string? Website { get; set; }
}
