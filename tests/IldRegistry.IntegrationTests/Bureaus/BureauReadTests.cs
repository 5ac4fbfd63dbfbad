using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Bureaus;

/// <summary>The bureau list (filters, sorts, paging) and single reads.</summary>
public sealed class BureauReadTests(RegistryApiFactory factory) : BureauTestBase(factory)
{
    private static readonly string[] RegionalByName =
    [
        "Africa Bureau",
        "Eastern Europe and Central Asia Bureau",
        "First Asia Bureau",
        "Latin American Bureau",
        "Second Asia Bureau",
        "United States Bureau",
        "West Asia and North Africa Bureau",
        "Western Europe",
    ];

    [Fact]
    public async Task List_defaults_to_sort_order_with_embedded_department()
    {
        var page = await ListAsync("pageSize=50");

        Assert.Equal(17, page["totalCount"]!.GetValue<int>());
        Assert.Equal(25, (await ListAsync(string.Empty))["pageSize"]!.GetValue<int>());
        var items = page["items"]!.AsArray();
        Assert.Equal("General Office", items[0]!["name"]!.GetValue<string>());
        Assert.Equal("Information Editorial Office", items[^1]!["name"]!.GetValue<string>());
        var department = items[0]!["department"]!;
        Assert.Equal(await DepartmentIdAsync(), department["id"]!.GetValue<Guid>());
        Assert.Equal("International Department of the Chinese Communist Party", department["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_pages_without_repeats_and_sends_link_headers()
    {
        var all = Names(await ListAsync("department=ild&pageSize=50"));
        var pages = new List<string>();
        for (var number = 1; number <= 4; number++)
        {
            var response = await Client.GetAsync($"{Url}?department=ild&pageSize=5&page={number}", Ct);
            var page = await response.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(17, page["totalCount"]!.GetValue<int>());
            Assert.Equal(number, page["page"]!.GetValue<int>());
            Assert.Equal(5, page["pageSize"]!.GetValue<int>());
            Assert.Equal(number < 4 ? 5 : 2, page["items"]!.AsArray().Count);
            pages.AddRange(Names(page));

            var link = response.Headers.GetValues("Link").Single();
            Assert.Contains("department=ild&page=1&pageSize=5>; rel=\"first\"", link, StringComparison.Ordinal);
            Assert.Contains("department=ild&page=4&pageSize=5>; rel=\"last\"", link, StringComparison.Ordinal);
            Assert.Equal(number > 1, link.Contains("rel=\"prev\"", StringComparison.Ordinal));
            Assert.Equal(number < 4, link.Contains("rel=\"next\"", StringComparison.Ordinal));
        }

        Assert.Equal(all, pages);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_with_the_total_and_a_prev_link_to_the_last_page()
    {
        var response = await Client.GetAsync($"{Url}?pageSize=10&page=7", Ct);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(17, page["totalCount"]!.GetValue<int>());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("page=2&pageSize=10>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_page_size_is_accepted()
    {
        var page = await ListAsync("pageSize=200");
        Assert.Equal(17, page["items"]!.AsArray().Count);
        Assert.Equal(200, page["pageSize"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_empty_result_has_one_page_of_links()
    {
        var response = await Client.GetAsync($"{Url}?department=no-such-department", Ct);
        var page = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(0, page["totalCount"]!.GetValue<int>());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("page=1&pageSize=25>; rel=\"last\"", link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=x", "page")]
    [InlineData("kind=Directorate", "kind")]
    [InlineData("numbered=maybe", "numbered")]
    [InlineData("departmentId=not-a-guid", "departmentId")]
    [InlineData("parentBureauId=not-a-guid", "parentBureauId")]
    public async Task List_rejects_bad_query_values_naming_the_parameter(string query, string field)
    {
        var problem = await (await Client.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task List_filters_by_department_id_and_by_slug()
    {
        var cpsu = await DepartmentIdAsync(CpsuSlug);
        await CreateIdAsync(NewBureau(cpsu, "Soviet Unit"));

        Assert.Equal(17, (await ListAsync($"departmentId={await DepartmentIdAsync()}"))["totalCount"]!.GetValue<int>());
        Assert.Equal(["Soviet Unit"], Names(await ListAsync($"departmentId={cpsu}")));
        Assert.Equal(["Soviet Unit"], Names(await ListAsync($"department={CpsuSlug}")));
        Assert.Equal(18, (await ListAsync("pageSize=50"))["totalCount"]!.GetValue<int>());
        Assert.Empty(Names(await ListAsync($"departmentId={Guid.NewGuid()}")));
        Assert.Empty(Names(await ListAsync($"departmentId={cpsu}&department=ild")));
    }

    [Theory]
    [InlineData("RegionalBureau", 8)]
    [InlineData("FunctionalBureau", 4)]
    [InlineData("Office", 3)]
    [InlineData("ResearchOffice", 1)]
    [InlineData("PartyBody", 1)]
    public async Task List_filters_by_kind(string kind, int count)
    {
        var page = await ListAsync($"kind={kind}");
        Assert.Equal(count, page["totalCount"]!.GetValue<int>());
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal(kind, i!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_filters_by_numbered()
    {
        var numbered = await ListAsync("numbered=true&sort=number");
        Assert.Equal(Enumerable.Range(1, 8), numbered["items"]!.AsArray().Select(i => i!["number"]!.GetValue<int>()));

        var unnumbered = await ListAsync("numbered=false");
        Assert.Equal(9, unnumbered["totalCount"]!.GetValue<int>());
        Assert.All(unnumbered["items"]!.AsArray(), i => Assert.Null(i!["number"]));
    }

    [Fact]
    public async Task List_filters_by_parent_bureau()
    {
        var ild = await DepartmentIdAsync();
        var office = await SeededIdAsync("General Office");
        await CreateIdAsync(NewBureau(ild, "Secretariat", kind: "Office", parentBureauId: office));
        await CreateIdAsync(NewBureau(ild, "Archives", kind: "Office", parentBureauId: office, sortOrder: 50));

        Assert.Equal(["Archives", "Secretariat"], Names(await ListAsync($"parentBureauId={office}")));
        Assert.Empty(Names(await ListAsync($"parentBureauId={await SeededIdAsync("Protocol Bureau")}")));
    }

    [Theory]
    [InlineData("africa", new[] { "West Asia and North Africa Bureau", "Africa Bureau" })]
    [InlineData("EIGHTH", new[] { "Western Europe" })]
    [InlineData("  protocol ", new[] { "Protocol Bureau" })]
    [InlineData("%", new string[0])]
    [InlineData("_", new string[0])]
    public async Task List_filters_by_text_over_name_and_alternate_name(string q, string[] expected)
    {
        Assert.Equal(expected, Names(await ListAsync($"q={Uri.EscapeDataString(q)}")));
    }

    [Fact]
    public async Task List_filters_by_text_over_region()
    {
        await CreateIdAsync(NewBureau(await DepartmentIdAsync(), "Pacific Bureau", kind: "RegionalBureau", number: 9));
        Assert.Equal(["Pacific Bureau"], Names(await ListAsync("q=oceania")));
    }

    [Fact]
    public async Task List_filters_combine()
    {
        Assert.Equal(["West Asia and North Africa Bureau", "Africa Bureau"], Names(await ListAsync("department=ild&kind=RegionalBureau&numbered=true&q=africa")));
        Assert.Empty(Names(await ListAsync("kind=Office&q=africa")));
    }

    [Fact]
    public async Task List_sorts_by_sort_order_both_ways()
    {
        var ascending = Names(await ListAsync("pageSize=50&sort=sortOrder"));
        var descending = Names(await ListAsync("pageSize=50&sort=-sortOrder"));
        Assert.Equal(Names(await ListAsync("pageSize=50")), ascending);
        Assert.Equal(Enumerable.Reverse(ascending), descending);
        Assert.Equal("Information Editorial Office", descending[0]);
    }

    [Fact]
    public async Task List_sorts_by_name_both_ways()
    {
        Assert.Equal(RegionalByName, Names(await ListAsync("kind=RegionalBureau&sort=name")));
        Assert.Equal(Enumerable.Reverse(RegionalByName), Names(await ListAsync("kind=RegionalBureau&sort=-name")));
    }

    [Fact]
    public async Task List_sorts_by_number_both_ways()
    {
        var ascending = await ListAsync("numbered=true&sort=number");
        Assert.Equal("First Asia Bureau", ascending["items"]![0]!["name"]!.GetValue<string>());
        var descending = await ListAsync("numbered=true&sort=-number");
        Assert.Equal(Enumerable.Range(1, 8).Reverse(), descending["items"]!.AsArray().Select(i => i!["number"]!.GetValue<int>()));
    }

    [Fact]
    public async Task List_sorts_by_kind_name_both_ways()
    {
        string[] groups = ["FunctionalBureau", "Office", "PartyBody", "RegionalBureau", "ResearchOffice"];
        var ascending = (await ListAsync("pageSize=50&sort=kind"))["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(groups, ascending.Distinct());
        Assert.Equal(4, ascending.Count(k => k == "FunctionalBureau"));
        var descending = (await ListAsync("pageSize=50&sort=-kind"))["items"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>());
        Assert.Equal(Enumerable.Reverse(groups), descending.Distinct());
    }

    [Fact]
    public async Task Get_returns_the_bureau_with_refs_and_an_etag_and_if_none_match_answers_304()
    {
        var ild = await DepartmentIdAsync();
        var parent = await SeededIdAsync("Africa Bureau");
        var id = await CreateIdAsync(NewBureau(ild, "East Africa Desk", kind: "Office", parentBureauId: parent));

        var response = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("East Africa Desk", body["name"]!.GetValue<string>());
        Assert.Equal(parent, body["parentBureau"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Africa Bureau", body["parentBureau"]!["name"]!.GetValue<string>());
        Assert.Equal(2, body["parentBureau"]!.AsObject().Count);
        Assert.Equal("ild", body["department"]!["slug"]!.GetValue<string>());
        Assert.Null(body["version"]);
        Assert.NotNull(response.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Url}/{id}");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var notModified = await Anonymous.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(response.Headers.ETag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task Get_of_an_unknown_bureau_is_404_naming_it()
    {
        var id = Guid.NewGuid();
        var problem = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_with_a_key_that_is_not_a_guid_is_404()
    {
        var response = await Client.GetAsync($"{Url}/general-office", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_items_match_the_single_record()
    {
        var id = await SeededIdAsync("Cadre Bureau");
        var single = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var fromList = (await ListAsync("q=cadre"))["items"]![0]!;
        Assert.True(JsonNode.DeepEquals(single, fromList), $"{single} != {fromList}");
    }
}
