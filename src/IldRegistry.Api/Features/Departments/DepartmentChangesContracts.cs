using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Departments;

/// <summary>What kind of change a dated fact records.</summary>
public enum DepartmentChangeKind
{
    DepartmentEstablished,
    DepartmentDissolved,
    NameBegan,
    NameEnded,
    InstitutionEstablished,
    PostBegan,
    PostEnded,

    /// <summary>A link with another organisation began (for a change event such as EstablishedBy: it happened).</summary>
    LinkBegan,

    /// <summary>A link with another organisation ended.</summary>
    LinkEnded,
}

/// <summary>The record a change is about.</summary>
/// <param name="Type">Its collection (<c>leaders</c>, <c>institutions</c>, <c>departments</c>, <c>orgLinks</c>).</param>
/// <param name="Id">Its id.</param>
/// <param name="Name">What it is called (a post: its holder and title, <c>Song Tao, Head</c>).</param>
/// <param name="Href">Its URL.</param>
public sealed record ChangeSubject(string Type, Guid Id, string Name, string Href);

/// <summary>One dated change in a department's structure.</summary>
/// <param name="Date">When, as the data says it (a partial date: <c>2022</c>, <c>2015-09</c>, <c>1981~</c>).</param>
/// <param name="Precision">How precise that date is (Day, Month, Year, Decade, Century).</param>
/// <param name="Qualifier">Whether the date is approximate or uncertain (EDTF <c>~</c>, <c>?</c>, <c>%</c>), or None.</param>
/// <param name="NotBefore">No earlier than this, where the data bounds the date.</param>
/// <param name="NotAfter">No later than this, where the data bounds the date.</param>
/// <param name="Kind">What changed.</param>
/// <param name="Summary">The change in words (<c>Song Tao began as Head</c>).</param>
/// <param name="Subject">The record it is about.</param>
/// <param name="Sources">The record's citations.</param>
public sealed record DepartmentChange(
    PartialDate Date,
    DatePrecision Precision,
    DateQualifier Qualifier,
    PartialDate? NotBefore,
    PartialDate? NotAfter,
    DepartmentChangeKind Kind,
    string Summary,
    ChangeSubject Subject,
    IReadOnlyList<Source> Sources);

/// <summary>The dated changes of a department between two dates, in date order.</summary>
/// <param name="Department">The department.</param>
/// <param name="From">The first date asked for (absent: from the earliest).</param>
/// <param name="To">The last date asked for (absent: to the latest).</param>
/// <param name="Changes">Every change whose date may fall in the period, earliest first.</param>
public sealed record DepartmentChanges(DepartmentRef Department, PartialDate? From, PartialDate? To, IReadOnlyList<DepartmentChange> Changes);
