using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Api.Features.Import;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IldRegistry.IntegrationTests.Leaders;

/// <summary>
/// Issue 12: the ILD's heads since 1951 from data/seed/ild-leadership.json, loaded as at start (through the import, adding
/// only what is missing), and the questions the data must answer, over HTTP.
/// </summary>
public sealed class LeadershipHistoryTests(RegistryApiFactory factory) : LeaderTest(factory)
{
    private static readonly string[] Heads =
    [
        "Wang Jiaxiang", "Liu Ningyi", "Geng Biao", "Ji Pengfei", "Qiao Shi", "Qian Liren", "Zhu Liang",
        "Li Shuzheng", "Dai Bingguo", "Wang Jiarui", "Song Tao", "Liu Jianchao", "Liu Haixing",
    ];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadSeedFilesAsync();
    }

    private async Task<ImportResult> LoadSeedFilesAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<SeedFileService>().LoadAsync(["seed/ild-leadership.json"], Ct);
        var (errors, result) = Assert.Single(results.Values);
        Assert.Null(errors);
        return result!;
    }

    private async Task<JsonObject> LeadershipAsync(string? asOf = null) =>
        await (await Anonymous.GetAsync($"/api/v1/departments/ild/leaders{(asOf is null ? string.Empty : "?asOf=" + asOf)}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

    private static List<string> KnownHeads(JsonObject body) =>
        [.. body["leaders"]!.AsArray().Where(l => l!["title"]!.GetValue<string>() == "Head").Select(l => l!["person"]!["name"]!.GetValue<string>())];

    private static List<JsonNode> PossibleHeads(JsonObject body) =>
        [.. body["possible"]!.AsArray().Where(p => p!["post"]!["title"]!.GetValue<string>() == "Head").Select(p => p!)];

    [Theory]
    [InlineData("1960-06-01", "Wang Jiaxiang")]
    [InlineData("1970-01-01", null)]
    [InlineData("2019-06-01", "Song Tao")]
    [InlineData("2024-01-01", "Liu Jianchao")]
    [InlineData("2025-09-15", "Liu Haixing")]
    [InlineData(null, "Liu Haixing")]
    public async Task The_head_as_of_a_date_is_the_one_known_and_no_one_else(string? asOf, string? head)
    {
        var body = await LeadershipAsync(asOf);

        Assert.Equal(head is null ? [] : [head], KnownHeads(body));
        Assert.Empty(PossibleHeads(body));
    }

    [Fact]
    public async Task The_heads_in_order_of_start_are_thirteen_from_Wang_Jiaxiang_to_Liu_Haixing_with_chinese_and_japanese_names()
    {
        var items = await ItemsAsync("department=ild&title=Head&sort=start");

        Assert.Equal(Heads, Names(items));
        Assert.Equal("1951", items[0]!["start"]!.GetValue<string>());
        Assert.Equal("戴秉国", items[8]!["person"]!["nativeName"]!.GetValue<string>());
        Assert.Equal("刘海星", items[12]!["person"]!["nativeName"]!.GetValue<string>());
        Assert.All(items, i => Assert.NotEmpty(i!["sources"]!.AsArray()));

        var geng = await (await Anonymous.GetAsync($"/api/v1/people/{SeedIds.For("person:geng-biao")}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("耿飚", geng["nativeName"]!.GetValue<string>());
        var japanese = Assert.Single(geng["otherNames"]!.AsArray());
        Assert.Equal("耿颷", japanese!["name"]!.GetValue<string>());
        Assert.Equal("ja", japanese["lang"]!.GetValue<string>());
    }

    [Fact]
    public async Task Liu_Jianchao_ends_in_2025_no_earlier_than_July_no_later_than_September_cited_to_the_news_of_2025_09_30()
    {
        var post = await (await Anonymous.GetAsync($"{Url}/{SeedIds.For("leader:ild:liu-jianchao:head")}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("2022-06", post["start"]!.GetValue<string>());
        Assert.Equal("2025", post["end"]!.GetValue<string>());
        Assert.Equal("2025-07", post["endNotBefore"]!.GetValue<string>());
        Assert.Equal("2025-09-30", post["endNotAfter"]!.GetValue<string>());
        var pti = post["sources"]!.AsArray().Single(s => s!["publisher"]!.GetValue<string>().StartsWith("Press Trust of India", StringComparison.Ordinal))!;
        // Issue 12 part 4: the citation gives no date of its own, so it attests its source record's published date.
        Assert.Null(pti["attested"]);
        Assert.Equal("2025-09-30", pti["published"]!.GetValue<string>());
        Assert.Equal("High", pti["weight"]!.GetValue<string>());

        // In August 2025 he may still have been head, but is not known to be; Liu Haixing's start is September.
        var august = await LeadershipAsync("2025-08-15");
        Assert.Empty(KnownHeads(august));
        var possible = Assert.Single(PossibleHeads(august));
        Assert.Equal("Liu Jianchao", possible["post"]!["person"]!["name"]!.GetValue<string>());
        Assert.Equal("EndUncertain", possible["reason"]!.GetValue<string>());
    }

    /// <summary>Ongoing means "holds as of the latest source": nothing is known of a year to come.</summary>
    [Theory]
    [InlineData("2100-01-01")]
    [InlineData("next year")]
    public async Task After_today_no_post_unit_or_institution_is_known_the_ongoing_ones_are_possible(string asOf)
    {
        if (asOf == "next year")
        {
            asOf = (DateTime.UtcNow.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = await LeadershipAsync(asOf);
        Assert.Empty(body["leaders"]!.AsArray());
        var head = Assert.Single(PossibleHeads(body))!;
        Assert.Equal("Liu Haixing", head["post"]!["person"]!["name"]!.GetValue<string>());
        Assert.Equal("AfterToday", head["reason"]!.GetValue<string>());
        Assert.Contains("after today", head["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var chart = await (await Anonymous.GetAsync($"/api/v1/departments/ild/org-chart?asOf={asOf}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(chart["leadership"]!.AsArray());
        Assert.Empty(chart["bureaus"]!.AsArray());
        Assert.Empty(chart["institutions"]!.AsObject());
        Assert.All(chart["possibleBureaus"]!.AsArray(), b => Assert.Equal("AfterToday", b!["reason"]!.GetValue<string>()));
        Assert.Equal(17, chart["possibleBureaus"]!.AsArray().Count);

        var list = await (await Anonymous.GetAsync($"/api/v1/leaders?asOf={asOf}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list["totalCount"]!.GetValue<int>());
        var possible = await (await Anonymous.GetAsync($"/api/v1/leaders?asOf={asOf}&asOfMode=Possible&pageSize=100", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(possible["items"]!.AsArray(), p => p!["possibleReason"]!.GetValue<string>() == "AfterToday");

        // Today itself is still known.
        Assert.Equal(["Liu Haixing"], KnownHeads(await LeadershipAsync()));
    }

    [Fact]
    public async Task As_of_1960_none_of_the_articles_six_deputies_is_known_each_is_possible_with_its_reason()
    {
        var body = await LeadershipAsync("1960");

        Assert.Equal(["Wang Jiaxiang"], Names(body["leaders"]!.AsArray()));
        var possible = body["possible"]!.AsArray();
        foreach (var deputy in SeedNames[1..])
        {
            var entry = possible.Single(p => p!["post"]!["person"]!["name"]!.GetValue<string>() == deputy)!;
            Assert.Equal("StartUnknown", entry["reason"]!.GetValue<string>());
            Assert.Contains("start is unknown", entry["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chen_Zhou_is_known_from_his_first_attestation_in_January_2021_not_before()
    {
        Assert.Contains("Chen Zhou", Names((await LeadershipAsync("2021-06-01"))["leaders"]!.AsArray()));
        var before = await LeadershipAsync("2020-06-01");
        Assert.DoesNotContain("Chen Zhou", Names(before["leaders"]!.AsArray()));
        Assert.Contains(before["possible"]!.AsArray(), p => p!["post"]!["person"]!["name"]!.GetValue<string>() == "Chen Zhou");
        // Wang Yajun left in January 2021; his start is unknown.
        var wang = await (await Anonymous.GetAsync($"{Url}/{SeedIds.For("leader:ild:wang-yajun:deputy-head")}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Unknown", wang["startStatus"]!.GetValue<string>());
        Assert.Equal("2021-01", wang["end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Loading_again_adds_nothing_and_neither_overwrites_nor_resurrects_what_an_admin_changed_or_deleted()
    {
        var geng = $"{Url}/{SeedIds.For("leader:ild:geng-biao:head")}";
        var current = await Client.GetAsync(geng, Ct);
        var body = await current.ReadJsonAsync(HttpStatusCode.OK);
        var change = new JsonObject
        {
            ["departmentId"] = IldId,
            ["personId"] = body["person"]!["id"]!.GetValue<Guid>(),
            ["title"] = "Head",
            ["rank"] = 1,
            ["start"] = "1971",
            ["end"] = "1979-01",
            ["sources"] = body["sources"]!.DeepClone(),
        };
        using (var put = new HttpRequestMessage(HttpMethod.Put, geng) { Content = System.Net.Http.Json.JsonContent.Create(change) })
        {
            put.Headers.IfMatch.Add(current.Headers.ETag!);
            await (await Client.SendAsync(put, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        var wang = $"{Url}/{SeedIds.For("leader:ild:wang-jiaxiang:head")}";
        var wangNow = await Client.GetAsync(wang, Ct);
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, wang))
        {
            delete.Headers.IfMatch.Add(wangNow.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(delete, Ct)).StatusCode);
        }

        var again = await LoadSeedFilesAsync();

        Assert.Equal(0, again.Created.Values.Sum());
        Assert.Equal(0, again.Updated.Values.Sum());
        Assert.Equal(13, again.Unchanged["people"]);
        Assert.Equal(13, again.Unchanged["leaders"]);
        Assert.Equal("1971", (await (await Anonymous.GetAsync(geng, Ct)).ReadJsonAsync(HttpStatusCode.OK))["start"]!.GetValue<string>());
        await (await Anonymous.GetAsync(wang, Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Every_seed_file_record_cites_a_source_with_title_url_and_weight()
    {
        var items = await ItemsAsync("department=ild&pageSize=200");
        Assert.Equal(7 + 13, items.Count);
        foreach (var source in items.SelectMany(i => i!["sources"]!.AsArray()))
        {
            Assert.False(string.IsNullOrWhiteSpace(source!["title"]!.GetValue<string>()));
            Assert.StartsWith("https://", source["url"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Matches("^(Low|Medium|High)$", source["weight"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_org_chart_as_of_1960_shows_Wang_Jiaxiang_as_known_and_the_articles_deputies_only_as_possible()
    {
        var chart = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=1960-06-01", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["Wang Jiaxiang"], chart["leadership"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()));
        var possible = chart["possibleLeadership"]!.AsArray();
        foreach (var deputy in SeedNames[1..])
        {
            var entry = possible.Single(p => p!["post"]!["name"]!.GetValue<string>() == deputy)!;
            Assert.Equal("StartUnknown", entry["reason"]!.GetValue<string>());
        }

        Assert.DoesNotContain(possible, p => p!["post"]!["title"]!.GetValue<string>() == "Head");
    }
}
