using IldRegistry.Domain.Common;

namespace IldRegistry.Domain.Departments;

/// <summary>An agency or body: the ILD, its parent, peers in other parties.</summary>
public sealed class Department : Body
{
    /// <summary>Stable, URL-safe key (<c>ild</c>).</summary>
    public string Slug { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? ShortName { get; set; }

    /// <summary>The name in the department's own language and script (中文).</summary>
    public string? NativeName { get; set; }

    /// <summary>The native name romanized (pinyin).</summary>
    public string? RomanizedName { get; set; }

    public List<OtherName> OtherNames { get; set; } = [];

    public List<Identifier> Identifiers { get; set; } = [];

    public string? Jurisdiction { get; set; }

    public string? AgencyType { get; set; }

    public string? Headquarters { get; set; }

    public Guid? ParentId { get; set; }

    public Department? Parent { get; set; }

    public string? Summary { get; set; }

    /// <summary>How many internal offices (bureaus and other units) the department has, as its sources count them.</summary>
    public int? OfficeCount { get; set; }

    public string? Functions { get; set; }

    /// <summary>The logo's file name (e.g. on Wikimedia Commons).</summary>
    public string? Logo { get; set; }

    public string? LogoCaption { get; set; }
}
