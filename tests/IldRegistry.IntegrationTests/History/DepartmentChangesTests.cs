using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.History;

public sealed class DepartmentChangesTests(RegistryApiFactory factory) : ApiTest(factory)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.LoadSeedFilesAsync(Ct);
    }

    private async Task<JsonObject> ChangesAsync(string query) =>
        await (await Anonymous.GetAsync($"/api/v1/departments/ild/changes?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task From_2015_to_2025_lists_the_heads_who_began_and_ended_in_date_order_with_certainty_and_citations()
    {
        var body = await ChangesAsync("from=2015&to=2025");
        Assert.Equal("ild", body["department"]!["slug"]!.GetValue<string>());
        var changes = body["changes"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var heads = changes.Where(c => c["subject"]!["name"]!.GetValue<string>().EndsWith(", Head", StringComparison.Ordinal))
            .Select(c => $"{c["kind"]} {c["subject"]!["name"]!.GetValue<string>()[..^", Head".Length]}")
            .ToList();
        Assert.Equal(
            // Wang Jiarui's end in 2015 is in the period too.
            ["PostEnded Wang Jiarui", "PostBegan Song Tao", "PostEnded Song Tao", "PostBegan Liu Jianchao", "PostEnded Liu Jianchao", "PostBegan Liu Haixing"],
            heads);

        // Date order, each with its precision and citations.
        var years = changes.Select(c => int.Parse(c["date"]!.GetValue<string>()[..4], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(years.Order(), years);
        Assert.All(changes, c => Assert.NotEmpty(c["sources"]!.AsArray()));
        Assert.All(changes, c => Assert.NotNull(c["precision"]));
        var liuJianchaoEnd = changes.Single(c => c["kind"]!.GetValue<string>() == "PostEnded" && c["subject"]!["name"]!.GetValue<string>() == "Liu Jianchao, Head");
        Assert.Equal("2025", liuJianchaoEnd["date"]!.GetValue<string>());
        Assert.Equal("2025-07", liuJianchaoEnd["notBefore"]!.GetValue<string>());
        Assert.Equal("2025-09-30", liuJianchaoEnd["notAfter"]!.GetValue<string>());
        Assert.Equal("Year", liuJianchaoEnd["precision"]!.GetValue<string>());
        Assert.StartsWith("/api/v1/leaders/", liuJianchaoEnd["subject"]!["href"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_dates_every_change_is_listed_from_the_founding_on()
    {
        var all = (await ChangesAsync(string.Empty))["changes"]!.AsArray();
        var first = all[0]!;
        Assert.Equal("DepartmentEstablished", first["kind"]!.GetValue<string>());
        Assert.Equal("1951", first["date"]!.GetValue<string>());
        Assert.Contains(all, c => c!["kind"]!.GetValue<string>() == "InstitutionEstablished");
        var narrower = (await ChangesAsync("from=2015&to=2025"))["changes"]!.AsArray();
        Assert.True(narrower.Count < all.Count);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2025-13", "to")]
    [InlineData("from=2025&to=2015", "to")]
    public async Task A_bad_date_or_period_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"/api/v1/departments/ild/changes?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task An_unknown_department_is_a_404()
    {
        await (await Anonymous.GetAsync("/api/v1/departments/no-such-department/changes", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
