using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Search;

/// <summary>Search over the leadership history of data/seed (the heads since 1951, with their Chinese names).</summary>
public sealed class SeedFileSearchTests(RegistryApiFactory factory) : ApiTest(factory)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.LoadSeedFilesAsync(Ct);
    }

    private async Task<JsonArray> Search(string query)
    {
        var body = await (await Anonymous.GetAsync($"/api/v1/search?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        return body["items"]!.AsArray();
    }

    [Fact]
    public async Task A_chinese_name_finds_the_leader_first_as_an_exact_match()
    {
        var first = (await Search($"q={Uri.EscapeDataString("戴秉国")}"))[0]!;
        Assert.Equal("Dai Bingguo", first["name"]!.GetValue<string>());
        Assert.Equal("Person", first["type"]!.GetValue<string>());
        Assert.True(first["score"]!.GetValue<double>() > 1);
    }

    [Theory]
    [InlineData("wang jiaxiang")]
    [InlineData("Wang Jiaxian")]
    [InlineData("wang jiaxiangg")]
    [InlineData("wangg jiaxiang")]
    public async Task A_misspelt_or_unfinished_word_still_finds_the_person(string q)
    {
        var items = await Search($"q={Uri.EscapeDataString(q)}&type=Person");
        Assert.Equal("Wang Jiaxiang", items[0]!["name"]!.GetValue<string>());
    }

    /// <summary>Pinyin is written with hyphens between syllables (and Wade-Giles always is): they are not part of the name.</summary>
    [Theory]
    [InlineData("Wang Jia-xiang", "Wang Jiaxiang")]
    [InlineData("wang-jiaxiang", "Wang Jiaxiang")]
    [InlineData("Dai Bing-guo", "Dai Bingguo")]
    public async Task Syllables_joined_by_hyphens_find_the_person_as_an_exact_match(string q, string name)
    {
        var first = (await Search($"q={Uri.EscapeDataString(q)}"))[0]!;
        Assert.Equal(name, first["name"]!.GetValue<string>());
        Assert.True(first["score"]!.GetValue<double>() > 1, first.ToJsonString());
    }

    /// <summary>
    /// Sources are corrected like the rest: the vocabulary holds the words of their titles and publishers ("Kyodo"
    /// and "Straits" are in no other record of the seed).
    /// </summary>
    [Theory]
    [InlineData("kyoddo", "Kyodo (via livedoor News)")]
    [InlineData("kyoddo news", "Kyodo (via livedoor News)")]
    [InlineData("straights times", "Liu Haixing takes over CPC's international department")]
    public async Task A_misspelt_word_of_a_source_finds_the_source(string q, string title)
    {
        var items = await Search($"q={Uri.EscapeDataString(q)}&type=Source");
        Assert.NotEmpty(items);
        Assert.StartsWith(title, items[0]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
