using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.People;

public sealed class PersonService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<Person, PersonRequest, PersonResponse>(db, clock, totals)
{
    private static readonly SortMap<Person> Sorts = new SortMap<Person>("name")
        .Add("name", p => p.Name)
        .Add("createdAt", p => p.CreatedAt)
        .Add("updatedAt", p => p.UpdatedAt);

    // Posts are loaded by a second query and attached afterwards, so the person's row stays one row.
    private static readonly Expression<Func<Person, PersonResponse>> ToResponse = p => new PersonResponse
    {
        Id = p.Id,
        Name = p.Name,
        NativeName = p.NativeName,
        RomanizedName = p.RomanizedName,
        OtherNames = Array.Empty<OtherName>(),
        Identifiers = Array.Empty<Identifier>(),
        Notes = p.Notes,
        Born = PartialDate.FromStored(p.Born!.Text),
        BornNotBefore = PartialDate.FromStored(p.BornNotBefore!.Text),
        BornNotAfter = PartialDate.FromStored(p.BornNotAfter!.Text),
        Died = PartialDate.FromStored(p.Died!.Text),
        DiedNotBefore = PartialDate.FromStored(p.DiedNotBefore!.Text),
        DiedNotAfter = PartialDate.FromStored(p.DiedNotAfter!.Text),
        Posts = Array.Empty<PersonPost>(),
        Sources = Array.Empty<Source>(),
        CreatedAt = p.CreatedAt,
        UpdatedAt = p.UpdatedAt,
        Version = p.Version,
    };

    public async Task<PagedResult<PersonSummary>> ListAsync(PersonListQuery query, PageQuery paging, CancellationToken ct)
    {
        var people = Db.People.AsNoTracking();
        if (query.DepartmentId is { } departmentId)
        {
            people = people.Where(p => Db.Leaders.Any(l => l.PersonId == p.Id && l.DepartmentId == departmentId));
        }

        if (query.Current is { } current)
        {
            // A post is current while it has no end; with a department filter, only that department's posts count.
            var posts = query.DepartmentId is { } inDepartment
                ? Db.Leaders.Where(l => l.DepartmentId == inDepartment)
                : Db.Leaders;
            var serving = posts.Where(l => l.End == null);
            people = current
                ? people.Where(p => serving.Any(l => l.PersonId == p.Id))
                : people.Where(p => !serving.Any(l => l.PersonId == p.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            people = people.Where(p =>
                EF.Functions.ILike(p.Name, pattern)
                || (p.NativeName != null && EF.Functions.ILike(p.NativeName, pattern))
                || (p.RomanizedName != null && EF.Functions.ILike(p.RomanizedName, pattern))
                || p.OtherNames.Any(n => EF.Functions.ILike(n.Name, pattern)));
        }

        var page = await PageAsync(people, query with { Sort = null }, Sorts, query.Sort, paging, p => new PersonSummary(p.Id, p.Name, p.NativeName, p.RomanizedName, Array.Empty<OtherName>(), Array.Empty<Source>()), ct);
        var items = await JsonColumns.FillAsync(Db, "people", named: true, page.Items, p => p.Id, (p, json) => p with { OtherNames = json.ReadOtherNames(), Sources = json.ReadSources() }, ct);
        return page with { Items = items };
    }

    /// <summary>The person with their posts: three queries however many posts there are.</summary>
    public override async Task<PersonResponse> GetAsync(Guid id, CancellationToken ct)
    {
        var person = await GetOneAsync(ToResponse, id, ct);
        return person with { Posts = await PostsOf(id).ToListAsync(ct) };
    }

    /// <summary>The people with their names, identifiers and sources, read with one query (see <see cref="JsonColumns"/>).</summary>
    protected override Task<IReadOnlyList<PersonResponse>> CompleteAsync(IReadOnlyList<PersonResponse> items, CancellationToken ct) =>
        JsonColumns.FillAsync(Db, "people", named: true, items, p => p.Id, (p, json) => p with
        {
            OtherNames = json.ReadOtherNames(),
            Identifiers = json.ReadIdentifiers(),
            Sources = json.ReadSources(),
            Claims = json.ReadClaims(),
        }, ct);

    private IQueryable<PersonPost> PostsOf(Guid personId) =>
        Db.Leaders.AsNoTracking()
            .Where(l => l.PersonId == personId)
            .OrderBy(l => l.Start!.Lower)
            .ThenBy(l => l.Rank)
            .ThenBy(l => l.Id)
            .Select(l => new PersonPost(
                l.Id,
                new DepartmentRef(l.Department!.Id, l.Department.Slug, l.Department.Name),
                l.Title,
                l.Rank,
                PartialDate.FromStored(l.Start!.Text),
                PartialDate.FromStored(l.End!.Text)));

}
