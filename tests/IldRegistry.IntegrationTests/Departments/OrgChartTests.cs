using System.Net;
using System.Text.Json.Nodes;
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
    public async Task The_chart_takes_one_round_trip_whatever_the_size_by_slug_or_by_id()
    {
        var big = await Anonymous.GetAsync("/api/v1/departments/ild/org-chart", Ct);
        var small = await Anonymous.GetAsync("/api/v1/departments/cpsu-international-department/org-chart", Ct);
        Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("1", big.Headers.GetValues("X-Query-Count").Single());
        Assert.Equal("1", small.Headers.GetValues("X-Query-Count").Single());

        // By id, the same chart (its links and their ends' names included) in the same one round trip.
        var bySlug = await big.Content.ReadAsStringAsync(Ct);
        var id = JsonNode.Parse(bySlug)!["department"]!["id"]!.GetValue<string>();
        var byId = await Anonymous.GetAsync($"/api/v1/departments/{id}/org-chart", Ct);
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal("1", byId.Headers.GetValues("X-Query-Count").Single());
        Assert.Equal(bySlug, await byId.Content.ReadAsStringAsync(Ct));
        Assert.NotEmpty(JsonNode.Parse(bySlug)!["partOf"]!.AsArray());
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
            // Issue 12: a unit with no date and no source is known to exist on no date, so this one has a date.
            db.Bureaus.Add(new Bureau { DepartmentId = ild.Id, Name = "Secretariat", Kind = BureauKind.Office, ParentBureauId = office.Id, SortOrder = 1, Established = PartialDate.Parse("2020") });
            var person = await db.People.SingleAsync(p => p.Name == "Lu Kang", Ct);
            db.Leaders.Add(new Leader
            {
                DepartmentId = ild.Id, PersonId = person.Id, Title = "Assistant Head", Rank = 8,
                Start = PartialDate.Parse("2015"), End = PartialDate.Parse("2022-04"),
            });
            await db.SaveChangesAsync(Ct);
        }

        var today = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var office2 = today["bureaus"]!.AsArray().Single(b => b!["name"]!.GetValue<string>() == "General Office")!;
        Assert.Equal("Secretariat", office2["children"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(17, today["bureaus"]!.AsArray().Count);

        // In 2022 the article's units are not known to exist (it attests them from 2025 on): the Secretariat, known
        // since 2020, hangs from the root, its parent only possible.
        var chart = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=2022-03-01", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Secretariat"], chart["bureaus"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()));
        Assert.Contains(chart["possibleBureaus"]!.AsArray(), b => b!["bureau"]!["name"]!.GetValue<string>() == "General Office");
        Assert.Equal("2022-03-01", chart["asOf"]!.GetValue<string>());
        Assert.Contains(chart["leadership"]!.AsArray(), l => l!["title"]!.GetValue<string>() == "Assistant Head");

        var later = await (await Anonymous.GetAsync($"/api/v1/departments/{ildId}/org-chart?asOf=2022-05-01", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(later["leadership"]!.AsArray(), l => l!["title"]!.GetValue<string>() == "Assistant Head");
    }

    [Fact]
    public async Task As_of_1955_units_and_institutions_attested_only_by_todays_article_may_exist_but_are_not_presented_as_existing()
    {
        var chart = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=1955", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Empty(chart["bureaus"]!.AsArray());
        var possible = chart["possibleBureaus"]!.AsArray();
        Assert.Equal(17, possible.Count);
        Assert.Equal("General Office", possible[0]!["bureau"]!["name"]!.GetValue<string>());
        Assert.All(possible, p =>
        {
            Assert.Equal("StartUnknown", p!["reason"]!.GetValue<string>());
            Assert.Contains("2026-11-27", p["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        });

        // Institutions founded later (CAIU, 1981) are neither; those of unknown founding may exist.
        Assert.Empty(chart["institutions"]!.AsObject());
        var institutions = chart["possibleInstitutions"]!.AsArray();
        Assert.DoesNotContain(institutions, i => i!["institution"]!["name"]!.GetValue<string>() == "Chinese Association for International Understanding");
        var cfpd = institutions.Single(i => i!["institution"]!["name"]!.GetValue<string>() == "China Foundation for Peace and Development")!;
        Assert.Equal("StartUnknown", cfpd["reason"]!.GetValue<string>());

        // Once founded, an institution is known (CAIU in 1990); the units still are not.
        var later = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=1990", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(later["institutions"]!["ChildAgency"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "Chinese Association for International Understanding");
        Assert.Empty(later["bureaus"]!.AsArray());
    }

    [Fact]
    public async Task A_dissolved_unit_is_gone_after_its_dissolution_and_uncertain_within_its_bounds()
    {
        var ild = (await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
        var unit = new { departmentId = ild, name = "Short-lived Bureau", kind = "FunctionalBureau", sortOrder = 99, established = "1960", dissolved = "1970", dissolvedNotBefore = "1970-03", dissolvedNotAfter = "1970-09" };
        (await Client.PostJsonAsync("/api/v1/bureaus", unit, Ct)).EnsureSuccessStatusCode();

        async Task<(string[] Known, string[] Possible)> OnAsync(string asOf)
        {
            var chart = await (await Anonymous.GetAsync($"/api/v1/departments/ild/org-chart?asOf={asOf}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            return ([.. chart["bureaus"]!.AsArray().Select(b => b!["name"]!.GetValue<string>())],
                [.. chart["possibleBureaus"]!.AsArray().Where(b => b!["bureau"]!["name"]!.GetValue<string>() == "Short-lived Bureau").Select(b => b!["reason"]!.GetValue<string>())]);
        }

        var (known, possible) = await OnAsync("1965-01-01");
        Assert.Equal(["Short-lived Bureau"], known);
        Assert.Empty(possible);
        (known, possible) = await OnAsync("1970-06-01");
        Assert.Empty(known);
        Assert.Equal(["EndUncertain"], possible);
        (known, possible) = await OnAsync("1971-01-01");
        Assert.Empty(known);
        Assert.Empty(possible);
    }

    [Fact]
    public async Task A_deleted_department_is_410_by_slug_and_by_id_naming_its_restore()
    {
        Guid id;
        await using (Factory.CreateScope(out var db))
        {
            var cpsu = await db.Departments.SingleAsync(d => d.Slug == "cpsu-international-department", Ct);
            id = cpsu.Id;
            cpsu.DeletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        foreach (var key in new[] { "cpsu-international-department", id.ToString() })
        {
            var gone = await (await Anonymous.GetAsync($"/api/v1/departments/{key}/org-chart", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
            Assert.Contains($"/api/v1/departments/{id}/restore", gone.ToJsonString(), StringComparison.Ordinal);
        }

        await (await Anonymous.GetAsync($"/api/v1/departments/{Guid.NewGuid()}/org-chart", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_department_is_404_and_bad_as_of_is_400()
    {
        await (await Anonymous.GetAsync("/api/v1/departments/nope/org-chart", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=2022-13", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("YYYY-MM-DD", problem.Errors()["asOf"][0], StringComparison.Ordinal);
    }
}
