using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.ExportImport;

/// <summary>Issue 15 part 2: the registry as Popolo JSON, every item valid against Popolo's own schemas (Schemas/popolo).</summary>
public sealed class PopoloExportTests(RegistryApiFactory factory) : ApiTest(factory)
{
    internal static readonly SpecSchemas Popolo = new(
        "popolo", "http://www.popoloproject.com/schemas/area.json#", "http://www.popoloproject.com/schemas/contact_detail.json#");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.LoadSeedFilesAsync(Ct);
    }

    [Fact]
    public async Task The_popolo_export_of_the_seed_validates_against_the_popolo_schemas()
    {
        var document = await ExportAsync();

        foreach (var (section, schema) in new[] { ("persons", "person.json"), ("organizations", "organization.json"), ("posts", "post.json"), ("memberships", "membership.json") })
        {
            var items = document[section]!.AsArray();
            Assert.NotEmpty(items);
            Assert.All(items, item => Popolo.AssertValid(schema, item!.ToJsonString()));
        }

        // A schema that rejects nothing proves nothing: an item with a date Popolo cannot say fails.
        Assert.False(Popolo.IsValid("membership.json", """{"id": "x", "start_date": "1981~"}"""));
        Assert.False(Popolo.IsValid("other_name.json", """{"note": "no name"}"""));
    }

    [Fact]
    public async Task Organizations_posts_and_memberships_carry_what_popolo_can_say_and_the_rest_in_the_extension()
    {
        var document = await ExportAsync();
        var organizations = document["organizations"]!.AsArray();
        var ild = organizations.Single(o => o!["id"]!.GetValue<string>() == IldArticleSeed.IldId.ToString())!;
        Assert.Equal("department", ild["classification"]!.GetValue<string>());
        Assert.NotNull(ild["parent_id"]);
        Assert.Contains(ild["other_names"]!.AsArray(), n => n!["name"]!.GetValue<string>() == "中国共产党中央委员会对外联络部");
        Assert.Contains(ild["other_names"]!.AsArray(), n => n!["lang"]?.GetValue<string>() == "zh-Latn-pinyin");
        Assert.Contains(organizations, o => o!["classification"]!.GetValue<string>() == "unit" && o["parent_id"]!.GetValue<string>() == IldArticleSeed.IldId.ToString());
        Assert.Contains(organizations, o => o!["classification"]!.GetValue<string>() == "institution");
        Assert.NotEmpty(ild["sources"]!.AsArray());
        Assert.All(ild["sources"]!.AsArray(), s => Assert.StartsWith("http", s!["url"]!.GetValue<string>(), StringComparison.Ordinal));

        var persons = document["persons"]!.AsArray();
        var wang = persons.Single(p => p!["name"]!.GetValue<string>() == "Wang Jiaxiang")!;
        Assert.Contains(wang["other_names"]!.AsArray(), n => n!["name"]!.GetValue<string>() == "王稼祥" && n["lang"]?.GetValue<string>() == "ja");
        Assert.Equal("Medium", wang["ildregistry"]!["sources"]![0]!["weight"]!.GetValue<string>());

        var memberships = document["memberships"]!.AsArray();
        var head = memberships.Single(m => m!["person_id"]!.GetValue<string>() == wang["id"]!.GetValue<string>())!;
        Assert.Equal("1951", head["start_date"]!.GetValue<string>());
        Assert.Equal("1966-03", head["end_date"]!.GetValue<string>());
        Assert.Equal("Head", head["role"]!.GetValue<string>());
        var post = document["posts"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == head["post_id"]!.GetValue<string>())!;
        Assert.Equal(IldArticleSeed.IldId.ToString(), post["organization_id"]!.GetValue<string>());

        // Unknown is not written as known: the article's deputies have no start_date and, still serving, no end_date.
        var undated = memberships.Where(m => m!["ildregistry"]!["startStatus"]!.GetValue<string>() == "Unknown").ToList();
        Assert.NotEmpty(undated);
        Assert.All(undated, m => Assert.Null(m!["start_date"]));
        var ongoing = memberships.Where(m => m!["ildregistry"]!["endStatus"]!.GetValue<string>() is "Ongoing" or "Unknown").ToList();
        Assert.NotEmpty(ongoing);
        Assert.All(ongoing, m => Assert.Null(m!["end_date"]));
        // Bounds Popolo cannot say are kept beside the date it can.
        Assert.Contains(memberships, m => m!["ildregistry"]!["endNotBefore"] is not null && m["end_date"] is not null);
    }

    [Fact]
    public async Task An_uncertain_date_is_never_written_as_a_popolo_date()
    {
        var ild = IldArticleSeed.IldId;
        var person = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Uncertain Person" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var post = new { departmentId = ild, personId = person["id"]!.GetValue<Guid>(), title = "Adviser", rank = 50, start = "1981~", end = "198X", sources = new[] { new { title = "A source", url = "https://example.org/s" } } };
        var created = await (await Client.PostJsonAsync("/api/v1/leaders", post, Ct)).ReadJsonAsync(HttpStatusCode.Created);

        var membership = (await ExportAsync())["memberships"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>())!;
        Assert.Null(membership["start_date"]);
        Assert.Null(membership["end_date"]);
        Assert.Equal("1981~", membership["ildregistry"]!["start"]!.GetValue<string>());
        Assert.Equal("198X", membership["ildregistry"]!["end"]!.GetValue<string>());
        Popolo.AssertValid("membership.json", membership.ToJsonString());
    }

    private async Task<JsonObject> ExportAsync()
    {
        var response = await Anonymous.GetAsync("/api/v1/export?format=popolo", Ct);
        var document = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("popolo", document["format"]!.GetValue<string>());
        Assert.EndsWith(".popolo.json\"", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        return document;
    }
}
