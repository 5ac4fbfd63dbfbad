using System.Net;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Leaders;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.Departments;

public sealed class OrgChartTests(RegistryApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task The_ild_chart_holds_parent_leadership_bureaus_institutions_and_events()
    {
        var response = await Anonymous.GetAsync("/api/v1/departments/ild/org-chart", Ct);
        var chart = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("ild", chart["department"]!["slug"]!.GetValue<string>());
        Assert.Equal("ccp-central-committee", chart["parent"]!["slug"]!.GetValue<string>());
        var leadership = chart["leadership"]!.AsArray();
        Assert.Equal(7, leadership.Count);
        Assert.Equal("Liu Haixing", leadership[0]!["name"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(1, 7), leadership.Select(l => l!["rank"]!.GetValue<int>()));
        var bureaus = chart["bureaus"]!.AsArray();
        Assert.Equal(17, bureaus.Count);
        Assert.Equal("General Office", bureaus[0]!["name"]!.GetValue<string>());
        var institutions = chart["institutions"]!.AsObject();
        Assert.Equal(3, institutions["ChildAgency"]!.AsArray().Count);
        Assert.Single(institutions["AffiliatedEnterprise"]!.AsArray());
        var events = chart["recentEvents"]!.AsArray();
        Assert.InRange(events.Count, 1, 10);
        Assert.Equal("2022-02", events[0]!["date"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_chart_takes_six_queries_whatever_the_size()
    {
        var big = await Anonymous.GetAsync("/api/v1/departments/ild/org-chart", Ct);
        var small = await Anonymous.GetAsync("/api/v1/departments/cpsu-international-department/org-chart", Ct);
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("6", big.Headers.GetValues("X-Query-Count").Single());
        Assert.Equal("6", small.Headers.GetValues("X-Query-Count").Single());
    }

    [Fact]
    public async Task Bureaus_form_a_tree_and_leadership_follows_as_of()
    {
        Guid ildId;
        await using (Factory.CreateScope(out var db))
        {
            var ild = await db.Departments.SingleAsync(d => d.Slug == "ild", Ct);
            ildId = ild.Id;
            var office = await db.Bureaus.SingleAsync(b => b.DepartmentId == ild.Id && b.Name == "General Office", Ct);
            db.Bureaus.Add(new Bureau { DepartmentId = ild.Id, Name = "Secretariat", Kind = BureauKind.Office, ParentBureauId = office.Id, SortOrder = 1 });
            var person = await db.People.SingleAsync(p => p.Name == "Lu Kang", Ct);
            db.Leaders.Add(new Leader
            {
                DepartmentId = ild.Id, PersonId = person.Id, Title = "Assistant Head", Rank = 8,
                Start = PartialDate.Parse("2015"), End = PartialDate.Parse("2022-04"),
            });
            await db.SaveChangesAsync(Ct);
        }

        var chart = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=2022-03-01", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var office2 = chart["bureaus"]!.AsArray().Single(b => b!["name"]!.GetValue<string>() == "General Office")!;
        Assert.Equal("Secretariat", office2["children"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(17, chart["bureaus"]!.AsArray().Count);
        Assert.Equal("2022-03-01", chart["asOf"]!.GetValue<string>());
        Assert.Contains(chart["leadership"]!.AsArray(), l => l!["title"]!.GetValue<string>() == "Assistant Head");

        var later = await (await Anonymous.GetAsync($"/api/v1/departments/{ildId}/org-chart?asOf=2022-05-01", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(later["leadership"]!.AsArray(), l => l!["title"]!.GetValue<string>() == "Assistant Head");
    }

    [Fact]
    public async Task Unknown_department_is_404_and_bad_as_of_is_400()
    {
        await (await Anonymous.GetAsync("/api/v1/departments/nope/org-chart", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=2022-13", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("YYYY-MM-DD", problem.Errors()["asOf"][0], StringComparison.Ordinal);
    }
}
