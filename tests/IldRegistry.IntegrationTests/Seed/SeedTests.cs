using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IldRegistry.IntegrationTests.Seed;

/// <summary>The seeded article over HTTP; each section has its own resource tests, these cover what they share.</summary>
public sealed class SeedTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string ArticleUrl = "https://en.wikipedia.org/wiki/International_Department_of_the_Chinese_Communist_Party";

    [Theory]
    [InlineData("departments", 4)]
    [InlineData("people", 7)]
    [InlineData("leaders", 7)]
    [InlineData("bureaus", 17)]
    [InlineData("institutions", 10)]
    [InlineData("events", 12)]
    public async Task Every_seeded_record_cites_the_article(string resource, int expected)
    {
        var page = await (await Anonymous.GetAsync($"/api/v1/{resource}?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var items = page["items"]!.AsArray();
        Assert.Equal(expected, page["totalCount"]!.GetValue<int>());

        foreach (var item in items)
        {
            var id = item!["id"]!.GetValue<Guid>();
            var record = await (await Anonymous.GetAsync($"/api/v1/{resource}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            // A record may cite several sentences of the article; each citation is complete.
            var citations = record["sources"]!.AsArray().Where(s => s!["url"]!.GetValue<string>() == ArticleUrl).ToList();
            Assert.NotEmpty(citations);
            Assert.All(citations, source =>
            {
                Assert.Equal("Wikipedia", source!["publisher"]!.GetValue<string>());
                Assert.Equal("International Department of the Chinese Communist Party", source["title"]!.GetValue<string>());
                Assert.False(string.IsNullOrWhiteSpace(source["quote"]?.GetValue<string>()), $"{resource}/{id} has a citation without a quote");
            });
        }
    }

    [Fact]
    public async Task The_ild_carries_every_infobox_field_and_its_other_names()
    {
        var ild = await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Zhōngguó Gòngchǎndǎng Zhōngyāng Wěiyuánhuì Duìwài Liánluòbù", ild["romanizedName"]!.GetValue<string>());
        Assert.Equal("4 Fuxing Road, Haidian District, Beijing", ild["headquarters"]!.GetValue<string>());
        Assert.Equal("Chinese Communist Party", ild["jurisdiction"]!.GetValue<string>());
        Assert.Equal("Department directly reporting to the Central Committee, Ministerial level agency", ild["agencyType"]!.GetValue<string>());
        Assert.Equal("Danghui.svg", ild["logo"]!.GetValue<string>());
        Assert.Equal("Emblem of the Chinese Communist Party", ild["logoCaption"]!.GetValue<string>());
        Assert.Equal("1951", ild["established"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(ild["functions"]?.GetValue<string>()));
        var names = ild["otherNames"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("International Liaison Department", names);
        Assert.Contains("ILD", names);
    }

    [Fact]
    public async Task The_see_also_departments_carry_their_jurisdictions()
    {
        var cpsu = await (await Anonymous.GetAsync("/api/v1/departments/cpsu-international-department", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("Soviet Union", cpsu["jurisdiction"]!.GetValue<string>(), StringComparison.Ordinal);
        var sed = await (await Anonymous.GetAsync("/api/v1/departments/sed-international-relations-department", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrWhiteSpace(sed["jurisdiction"]?.GetValue<string>()));
    }

    [Fact]
    public async Task A_second_start_changes_nothing_and_keeps_an_admins_edit_and_delete()
    {
        var ild = await (await Client.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        ild["headquarters"] = "Edited by an admin";
        foreach (var serverOwned in new[] { "id", "parent", "createdAt", "updatedAt" })
        {
            ild.Remove(serverOwned);
        }

        ild["parentId"] = (await (await Client.GetAsync("/api/v1/departments/ccp-central-committee", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>().ToString();
        var ildId = (await (await Client.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
        var put = await Client.PutCurrentAsync($"/api/v1/departments/{ildId}", new StringContent(ild.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        await put.ReadJsonAsync(HttpStatusCode.OK);

        var events = await (await Client.GetAsync("/api/v1/events?department=ild&pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var eventId = events["items"]![0]!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/events/{eventId}", Ct)).StatusCode);

        int added;
        int audits;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IldRegistry.Data.RegistryDbContext>();
            audits = await db.AuditEntries.CountAsync(Ct);
            added = await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync(Ct);
            Assert.Equal(audits, await db.AuditEntries.CountAsync(Ct));
        }

        Assert.Equal(0, added);
        var after = await (await Client.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Edited by an admin", after["headquarters"]!.GetValue<string>());
        await (await Client.GetAsync($"/api/v1/events/{eventId}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Seeding_an_empty_database_twice_adds_everything_once()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<RegistrySeeder>();
        Assert.Equal(0, await seeder.SeedAsync(Ct));
        var list = await (await Anonymous.GetAsync("/api/v1/bureaus?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(17, list["totalCount"]!.GetValue<int>());
    }
}
