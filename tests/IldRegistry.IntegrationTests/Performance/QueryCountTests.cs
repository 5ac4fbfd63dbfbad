using System.Net;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.Performance;

/// <summary>
/// No N+1: every read endpoint sends the same, small number of SQL commands whether the department holds the seed
/// or many times more (counted by the API's X-Query-Count diagnostics header).
/// </summary>
public sealed class QueryCountTests(RegistryApiFactory factory) : ApiTest(factory)
{
    // The most commands each read may send: lists are a count, a page and the page's jsonb columns (sources,
    // other names; departments have none in a list); events read the institutions and people the page links to
    // in the same batch as the page's jsonb columns; the org chart is one (a batch of its seven statements), and so is
    // a department's leadership (the department and its posts); a detail is one, plus one for its jsonb columns, plus one for
    // embedded posts or links (the department detail reads everything in one statement).
    public static TheoryData<string, int> Endpoints => new()
    {
        { "/api/v1/departments?pageSize=200", 2 },
        { "/api/v1/departments/ild", 1 },
        { "/api/v1/departments/ild/org-chart", 1 },
        { "/api/v1/departments/ild/leaders", 1 },
        { "/api/v1/departments/{ild}/leaders?asOf=1990", 1 },
        { "/api/v1/people?pageSize=200", 3 },
        { "/api/v1/people?departmentId={ild}&current=true&pageSize=200", 3 },
        { "/api/v1/people/{person}", 3 },
        { "/api/v1/leaders?department=ild&pageSize=200", 3 },
        { "/api/v1/leaders?asOf=2019-06-01&pageSize=200", 3 },
        { "/api/v1/leaders/{leader}", 2 },
        { "/api/v1/bureaus?department=ild&pageSize=200", 3 },
        { "/api/v1/bureaus/{bureau}", 2 },
        { "/api/v1/institutions?department=ild&pageSize=200", 3 },
        { "/api/v1/institutions/{institution}", 2 },
        { "/api/v1/events?department=ild&pageSize=200", 3 },
        { "/api/v1/events/{event}", 2 },
        { "/api/v1/search?q=lu%20kang", 1 },
        { "/api/v1/departments/{ild}/history", 3 },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_read_sends_a_bounded_number_of_queries_whatever_the_data_size(string template, int max)
    {
        var ids = await IdsAsync();
        var url = ids.Aggregate(template, (u, id) => u.Replace($"{{{id.Key}}}", id.Value.ToString(), StringComparison.Ordinal));

        var small = await CountAsync(url);
        await GrowAsync(ids["ild"], 60);
        var large = await CountAsync(url);

        // The bound holds at both sizes, and the count does not change with the size.
        Assert.True(small <= max, $"{url}: {small} queries at seed size, expected at most {max}");
        Assert.True(large <= max, $"{url}: {large} queries with {60} times more records, expected at most {max}");
        Assert.Equal(small, large);
    }

    private async Task<int> CountAsync(string url)
    {
        var response = await Anonymous.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.GetValues("X-Query-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Dictionary<string, Guid>> IdsAsync()
    {
        await using var scope = Factory.CreateScope(out var db);
        var ild = await db.Departments.SingleAsync(d => d.Slug == "ild", Ct);
        var person = await db.People.SingleAsync(p => p.Name == "Lu Kang", Ct);
        return new Dictionary<string, Guid>
        {
            ["ild"] = ild.Id,
            ["person"] = person.Id,
            ["leader"] = (await db.Leaders.FirstAsync(l => l.PersonId == person.Id, Ct)).Id,
            ["bureau"] = (await db.Bureaus.FirstAsync(b => b.DepartmentId == ild.Id, Ct)).Id,
            ["institution"] = (await db.Institutions.FirstAsync(i => i.DepartmentId == ild.Id, Ct)).Id,
            ["event"] = (await db.Events.FirstAsync(e => e.InstitutionIds.Count > 0, Ct)).Id,
        };
    }

    // Many more people with posts, bureaus in a tree, institutions and linked events in the same department.
    private async Task GrowAsync(Guid departmentId, int n)
    {
        await using var scope = Factory.CreateScope(out var db);
        var source = new Source { Title = "Generated", Url = "https://example.org/generated" };
        var luKang = await db.People.SingleAsync(p => p.Name == "Lu Kang", Ct);
        Guid? parent = null;
        for (var i = 0; i < n; i++)
        {
            var person = new Person { Name = $"Generated Person {i}", Sources = [source] };
            var institution = new Institution { DepartmentId = departmentId, Name = $"Generated Institution {i}", Kind = InstitutionKind.AffiliatedInstitution, Sources = [source] };
            var bureau = new Bureau { DepartmentId = departmentId, Name = $"Generated Bureau {i}", Kind = BureauKind.Office, ParentBureauId = parent, SortOrder = 100 + i };
            parent = i % 5 == 0 ? bureau.Id : parent;
            db.AddRange(person, institution, bureau);
            db.Leaders.Add(new Leader { DepartmentId = departmentId, PersonId = person.Id, Title = "Counsellor", Rank = 10 + i, Start = PartialDate.Parse("2015"), Sources = [source] });
            db.Leaders.Add(new Leader { DepartmentId = departmentId, PersonId = luKang.Id, Title = $"Envoy {i}", Rank = 100 + i, Start = PartialDate.Parse("2010") });
            db.Events.Add(new HistoricalEvent
            {
                DepartmentId = departmentId, Date = PartialDate.Parse("1990"), Title = $"Generated event {i}", Kind = EventKind.Other,
                InstitutionIds = [institution.Id], PersonIds = [person.Id], Sources = [source],
            });
        }

        await db.SaveChangesAsync(Ct);
        var ild = await db.Departments.SingleAsync(d => d.Id == departmentId, Ct);
        ild.Summary = "Changed so that its history grows.";
        await db.SaveChangesAsync(Ct);
    }
}
