using System.Net;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Bureaus;

/// <summary>The article's "Internal organization" section, as the API serves it.</summary>
public sealed class BureauSeedTests(RegistryApiFactory factory) : BureauTestBase(factory)
{
    private const string ArticleUrl = "https://en.wikipedia.org/wiki/International_Department_of_the_Chinese_Communist_Party";

    // The section's list, in its order and spelling (written out here, not read from the seed code, so that a slip in
    // the seed shows): name, kind, alternate name, number, region.
    private static readonly (string Name, string Kind, string? AlternateName, int? Number, string? Region)[] Section =
    [
        ("General Office", "Office", null, null, null),
        ("Research Room", "ResearchOffice", null, null, null),
        ("First Asia Bureau", "RegionalBureau", "First Bureau", 1, "First Asia"),
        ("Second Asia Bureau", "RegionalBureau", "Second Bureau", 2, "Second Asia"),
        ("West Asia and North Africa Bureau", "RegionalBureau", "Third Bureau", 3, "West Asia and North Africa"),
        ("Africa Bureau", "RegionalBureau", "Fourth Bureau", 4, "Africa"),
        ("Latin American Bureau", "RegionalBureau", "Fifth Bureau", 5, "Latin America"),
        ("Eastern Europe and Central Asia Bureau", "RegionalBureau", "Sixth Bureau", 6, "Eastern Europe and Central Asia"),
        ("United States Bureau", "RegionalBureau", "Seventh Bureau", 7, "United States"),
        ("Western Europe", "RegionalBureau", "Eighth Bureau", 8, "Western Europe"),
        ("Party and Mass External Affairs Coordination Bureau", "FunctionalBureau", null, null, null),
        ("Information and Communication Bureau", "FunctionalBureau", null, null, null),
        ("Protocol Bureau", "FunctionalBureau", null, null, null),
        ("Cadre Bureau", "FunctionalBureau", null, null, null),
        ("Party Committee", "PartyBody", null, null, null),
        ("Office of International Exchange Coordination and Management of Chinese Social Organizations", "Office", null, null, null),
        ("Information Editorial Office", "Office", null, null, null),
    ];

    [Fact]
    public async Task Internal_organization_lists_the_seventeen_units_in_the_articles_order_with_kinds_numbers_and_sources()
    {
        var response = await Anonymous.GetAsync($"{Url}?department=ild&pageSize=50", Ct);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        var items = page["items"]!.AsArray();

        Assert.Equal(17, page["totalCount"]!.GetValue<int>());
        Assert.Equal(Section.Select(s => s.Name), items.Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal(Section.Select(s => s.Kind), items.Select(i => i!["kind"]!.GetValue<string>()));
        Assert.Equal(Section.Select(s => s.AlternateName), items.Select(i => i!["alternateName"]?.GetValue<string>()));
        Assert.Equal(Section.Select(s => s.Number), items.Select(i => i!["number"]?.GetValue<int>()));
        Assert.Equal(Section.Select(s => s.Region), items.Select(i => i!["region"]?.GetValue<string>()));

        var sortOrders = items.Select(i => i!["sortOrder"]!.GetValue<int>()).ToList();
        Assert.Equal(sortOrders.Order(), sortOrders);
        Assert.Equal(17, sortOrders.Distinct().Count());

        var numbered = items.Where(i => i!["number"] is not null).ToList();
        Assert.Equal(8, numbered.Count);
        Assert.Equal(Enumerable.Range(1, 8), numbered.Select(i => i!["number"]!.GetValue<int>()));
        Assert.All(numbered, i => Assert.Equal("RegionalBureau", i!["kind"]!.GetValue<string>()));
        Assert.Equal(
            ["First Bureau", "Second Bureau", "Third Bureau", "Fourth Bureau", "Fifth Bureau", "Sixth Bureau", "Seventh Bureau", "Eighth Bureau"],
            numbered.Select(i => i!["alternateName"]!.GetValue<string>()));

        foreach (var (item, unit) in items.Zip(Section))
        {
            Assert.Equal("ild", item!["department"]!["slug"]!.GetValue<string>());
            Assert.Null(item["parentBureau"]);
            var source = Assert.Single(item["sources"]!.AsArray())!;
            Assert.Equal(ArticleUrl, source["url"]!.GetValue<string>());
            Assert.Equal("International Department of the Chinese Communist Party", source["title"]!.GetValue<string>());
            var line = unit.AlternateName is null ? $"- {unit.Name}" : $"- {unit.Name} ({unit.AlternateName})";
            Assert.Equal(line, source["quote"]!.GetValue<string>());
        }
    }
}
