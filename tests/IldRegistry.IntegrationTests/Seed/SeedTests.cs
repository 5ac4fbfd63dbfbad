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
    [InlineData("departments", 5)]
    [InlineData("people", 7)]
    [InlineData("leaders", 7)]
    [InlineData("bureaus", 17)]
    [InlineData("institutions", 10)]
    [InlineData("events", 12)]
    [InlineData("org-links", 5)]
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

        int audits;
        IldRegistry.Api.Features.Import.ImportResult result;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IldRegistry.Data.RegistryDbContext>();
            audits = await db.AuditEntries.CountAsync(Ct);
            result = await LoadArticleAsync(scope);
            Assert.Equal(audits, await db.AuditEntries.CountAsync(Ct));
        }

        Assert.All(result.Created, c => Assert.Equal(0, c.Value));
        Assert.All(result.Updated, c => Assert.Equal(0, c.Value));
        var after = await (await Client.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Edited by an admin", after["headquarters"]!.GetValue<string>());
        await (await Client.GetAsync($"/api/v1/events/{eventId}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task The_article_is_one_source_record_cited_by_every_seeded_record()
    {
        var article = await (await Anonymous.GetAsync($"/api/v1/sources/{ArticleSource.Id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(ArticleUrl, article["url"]!.GetValue<string>());
        Assert.Equal("Medium", article["weight"]!.GetValue<string>());
        var citedBy = article["citedBy"]!.AsArray();
        // Every record of the article's data file rests on it: 5 departments, 7 people, 7 posts, 17 bureaus, 10 institutions, 12 events, 5 links.
        Assert.Equal(63, citedBy.Count);
        var ild = Assert.Single(citedBy, c => c!["type"]!.GetValue<string>() == "departments" && c["label"]!.GetValue<string>() == "ild");
        Assert.Equal($"/api/v1/departments/{IldArticleSeed.IldId}", ild!["url"]!.GetValue<string>());
        Assert.Equal(["established", "officeCount"], ild["fields"]!.AsArray().Select(f => f!.GetValue<string>()).Order().ToArray());

        var sources = await (await Anonymous.GetAsync("/api/v1/sources?pageSize=100", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var titles = sources["items"]!.AsArray().Select(s => s!["title"]!.GetValue<string>()).ToList();
        Assert.Single(titles, t => t == ArticleSource.Title);
    }

    [Fact]
    public async Task A_start_adds_a_seeded_record_that_is_missing_and_nothing_else()
    {
        var bureau = IldArticleSeed.BureauId("protocol-bureau");
        await using (var scope = Factory.CreateScope(out var db))
        {
            // Gone from the table altogether (never in it, as in a database older than the record), unlike a deleted one.
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("DELETE FROM bureaus WHERE id = {0}", bureau));
        }

        await (await Anonymous.GetAsync($"/api/v1/bureaus/{bureau}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var result = await LoadArticleAsync(scope);
            Assert.Equal(1, result.Created["bureaus"]);
            Assert.Equal(1, result.Created.Values.Sum());
            Assert.Equal(0, result.Updated.Values.Sum());
        }

        var back = await (await Anonymous.GetAsync($"/api/v1/bureaus/{bureau}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Protocol Bureau", back["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_start_never_brings_back_a_source_record_an_admin_deleted_nor_overwrites_one_an_admin_changed()
    {
        var kyodo = IldRegistry.Data.Seed.SeedIds.For("source:kyodo-2025");
        var st = IldRegistry.Data.Seed.SeedIds.For("source:st-2025");
        var changed = await (await Client.GetAsync($"/api/v1/sources/{kyodo}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var put = await Client.PutCurrentAsync($"/api/v1/sources/{kyodo}", new StringContent(
            """{"title":"Renamed by an admin","url":"https://news.livedoor.com/topics/detail/29680180/","weight":"Low"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        await put.ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotNull(changed);

        // The Straits Times is cited by Liu Haixing and his post: those citations go first, then the source.
        foreach (var path in new[] { $"/api/v1/people/{IldArticleSeed.PersonId("liu-haixing")}", $"/api/v1/leaders/{IldArticleSeed.LeaderId("liu-haixing", "head")}" })
        {
            var record = await (await Client.GetAsync(path, Ct)).ReadJsonAsync(HttpStatusCode.OK);
            var kept = new JsonArray([.. record["sources"]!.AsArray().Where(s => s!["sourceId"]?.GetValue<Guid>() != st).Select(s => s!.DeepClone())]);
            record["sources"] = kept;
            foreach (var serverOwned in new[] { "id", "createdAt", "updatedAt", "department", "person", "posts", "startStatus" })
            {
                record.Remove(serverOwned);
            }

            if (path.Contains("/leaders/", StringComparison.Ordinal))
            {
                record["departmentId"] = IldArticleSeed.IldId.ToString();
                record["personId"] = IldArticleSeed.PersonId("liu-haixing").ToString();
            }

            await (await Client.PutCurrentAsync(path, new StringContent(record.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/sources/{st}", Ct)).StatusCode);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var result = await LoadArticleAsync(scope);
            Assert.Equal(0, result.Created.Values.Sum());
            Assert.Equal(0, result.Updated.Values.Sum());
        }

        await (await Anonymous.GetAsync($"/api/v1/sources/{st}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        var after = await (await Anonymous.GetAsync($"/api/v1/sources/{kyodo}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed by an admin", after["title"]!.GetValue<string>());
        // Every citation of it shows the source as it now is.
        var liu = await (await Anonymous.GetAsync($"/api/v1/people/{IldArticleSeed.PersonId("liu-haixing")}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var citation = Assert.Single(liu["sources"]!.AsArray(), s => s!["sourceId"]?.GetValue<Guid>() == kyodo);
        Assert.Equal("Renamed by an admin", citation!["title"]!.GetValue<string>());
        Assert.Equal("Low", citation["weight"]!.GetValue<string>());
    }

    [Fact]
    public async Task Seeding_an_empty_database_twice_adds_everything_once()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var result = await LoadArticleAsync(scope);
        Assert.Equal(0, result.Created.Values.Sum());
        Assert.Equal(63 + 8, result.Unchanged.Values.Sum());
        var list = await (await Anonymous.GetAsync("/api/v1/bureaus?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(17, list["totalCount"]!.GetValue<int>());
    }

    private static async Task<IldRegistry.Api.Features.Import.ImportResult> LoadArticleAsync(AsyncServiceScope scope)
    {
        var loaded = await scope.ServiceProvider.GetRequiredService<IldRegistry.Api.Features.Import.SeedFileService>().LoadAsync([IldArticleSeed.File], Ct);
        var (errors, result) = loaded[IldArticleSeed.File];
        Assert.Null(errors);
        return result!;
    }
}
