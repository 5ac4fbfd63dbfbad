using IldRegistry.Domain.Common;

namespace IldRegistry.Domain.People;

/// <summary>A human being, independent of any post.</summary>
public sealed class Person : Entity
{
    public string Name { get; set; } = string.Empty;

    public string? NativeName { get; set; }

    public string? RomanizedName { get; set; }

    public List<OtherName> OtherNames { get; set; } = [];

    public List<Identifier> Identifiers { get; set; } = [];

    public string? Notes { get; set; }
}
