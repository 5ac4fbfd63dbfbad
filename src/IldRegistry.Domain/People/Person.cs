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

    /// <summary>Null when unknown.</summary>
    public PartialDate? Born { get; set; }

    /// <summary>No earlier than this: narrows an uncertain <see cref="Born"/>.</summary>
    public PartialDate? BornNotBefore { get; set; }

    /// <summary>No later than this: narrows an uncertain <see cref="Born"/>.</summary>
    public PartialDate? BornNotAfter { get; set; }

    /// <summary>
    /// Null when unknown, never "living": a source that shows the person alive on a date is an attestation, and a
    /// registry read years later must not go on calling them alive.
    /// </summary>
    public PartialDate? Died { get; set; }

    public PartialDate? DiedNotBefore { get; set; }

    public PartialDate? DiedNotAfter { get; set; }

    /// <summary>A life: an unknown death is Unknown, never Ongoing (see <see cref="Died"/>).</summary>
    public DateSpan Life() => new(Born, BornNotBefore, BornNotAfter, Died, Died is null ? EndStatus.Unknown : EndStatus.Known, DiedNotBefore, DiedNotAfter);
}
