using IldRegistry.Api.Common;
using IldRegistry.Api.Features.OrgLinks;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Departments;

/// <summary>
/// What changed in a department between two dates, in valid time: the dates its records carry (its founding and
/// dissolution, its names' starts and ends, its institutions' founding, its posts' starts and ends, the starts and ends
/// of its links with other organisations), each with its
/// certainty and its record's citations. A change is listed when the period its date covers overlaps the one asked.
/// </summary>
public sealed class DepartmentChangesService(RegistryDbContext db, DepartmentService departments, OrgLinkService orgLinks)
{
    public async Task<DepartmentChanges> GetAsync(string idOrSlug, string? from, string? to, CancellationToken ct)
    {
        var lower = Date(from, "from");
        var upper = Date(to, "to");
        if (lower is not null && upper is not null && lower.Lower > upper.Upper)
        {
            throw new FieldValidationException("to", $"'to' ({upper}) is before 'from' ({lower}).");
        }

        var (summary, _) = await departments.GetSummaryAsync(idOrSlug, ct);
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == summary.Id, ct);
        var institutions = await db.Institutions.AsNoTracking().Where(i => i.DepartmentId == summary.Id).ToListAsync(ct);
        var posts = await db.Leaders.AsNoTracking().Include(l => l.Person).Where(l => l.DepartmentId == summary.Id).ToListAsync(ct);
        var links = await orgLinks.OfOrganisationAsync(summary.Id, ct);

        var changes = new List<DepartmentChange>();
        var self = new ChangeSubject("departments", department.Id, department.Name, $"/api/v1/departments/{department.Id}");
        Add(changes, department.Established, null, null, DepartmentChangeKind.DepartmentEstablished, $"{department.Name} established", self, department.Sources);
        Add(changes, department.Dissolved, null, null, DepartmentChangeKind.DepartmentDissolved, $"{department.Name} dissolved", self, department.Sources);
        foreach (var name in department.OtherNames)
        {
            Add(changes, Parse(name.Start), null, null, DepartmentChangeKind.NameBegan, $"Named '{name.Name}' ({name.Kind})", self, department.Sources);
            Add(changes, Parse(name.End), null, null, DepartmentChangeKind.NameEnded, $"No longer named '{name.Name}' ({name.Kind})", self, department.Sources);
        }

        foreach (var institution in institutions)
        {
            var subject = new ChangeSubject("institutions", institution.Id, institution.Name, $"/api/v1/institutions/{institution.Id}");
            Add(changes, institution.Established, null, null, DepartmentChangeKind.InstitutionEstablished, $"{institution.Name} established", subject, institution.Sources);
        }

        foreach (var post in posts)
        {
            var holder = post.Person?.Name ?? "?";
            var subject = new ChangeSubject("leaders", post.Id, $"{holder}, {post.Title}", $"/api/v1/leaders/{post.Id}");
            Add(changes, post.Start, post.StartNotBefore, post.StartNotAfter, DepartmentChangeKind.PostBegan, $"{holder} began as {post.Title}", subject, post.Sources);
            Add(changes, post.End, post.EndNotBefore, post.EndNotAfter, DepartmentChangeKind.PostEnded, $"{holder} ended as {post.Title}", subject, post.Sources);
        }

        foreach (var named in links)
        {
            var (link, words) = (named.Link, named.Words);
            var subject = new ChangeSubject(OrgLinkResource.Name, link.Id, words, $"/{OrgLinkResource.Route}/{link.Id}");
            Add(changes, link.Start, link.StartNotBefore, link.StartNotAfter, DepartmentChangeKind.LinkBegan, $"Began: {words}", subject, link.Sources);
            Add(changes, link.End, link.EndNotBefore, link.EndNotAfter, DepartmentChangeKind.LinkEnded, $"Ended: {words}", subject, link.Sources);
        }

        var inPeriod = changes
            .Where(c => (lower is null || Latest(c) >= lower.Lower) && (upper is null || Earliest(c) <= upper.Upper))
            .OrderBy(c => c.Date.Lower).ThenBy(c => c.Date.Upper)
            // On one date, what ended comes before what began (a head's successor follows the head).
            .ThenBy(c => c.Kind is DepartmentChangeKind.PostEnded or DepartmentChangeKind.NameEnded or DepartmentChangeKind.DepartmentDissolved or DepartmentChangeKind.LinkEnded ? 0 : 1)
            .ThenBy(c => c.Kind).ThenBy(c => c.Subject.Name, StringComparer.Ordinal)
            .ToList();
        return new DepartmentChanges(new DepartmentRef(summary.Id, summary.Slug, summary.Name), lower, upper, inPeriod);
    }

    private static DateOnly Earliest(DepartmentChange c) => c.NotBefore is { } b && b.Lower > c.Date.Lower ? b.Lower : c.Date.Lower;

    private static DateOnly Latest(DepartmentChange c) => c.NotAfter is { } a && a.Upper < c.Date.Upper ? a.Upper : c.Date.Upper;

    private static void Add(
        List<DepartmentChange> changes, PartialDate? date, PartialDate? notBefore, PartialDate? notAfter, DepartmentChangeKind kind, string summary, ChangeSubject subject, List<Source> sources)
    {
        if (date is not null)
        {
            changes.Add(new DepartmentChange(date, date.Precision, date.Qualifier, notBefore, notAfter, kind, summary, subject, sources));
        }
    }

    private static PartialDate? Parse(string? text) => PartialDate.TryParse(text, out var date) ? date : null;

    private static PartialDate? Date(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : PartialDate.TryParse(text, out var date) ? date
        : throw new FieldValidationException(field, PartialDate.NotADate(text));
}
