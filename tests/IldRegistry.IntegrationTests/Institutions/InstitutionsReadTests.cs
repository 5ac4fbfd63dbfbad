using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Institutions;

/// <summary>The seeded institutions, the list's filters, sorts and paging, and single reads.</summary>
public sealed class InstitutionsReadTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/institutions";

    private const string Caiu = "Chinese Association for International Understanding";
    private const string Cccws = "China Center for Contemporary World Studies";
    private const string Cfpd = "China Foundation for Peace and Development";
    private const string Nyerere = "Julius Nyerere Leadership School";
    private const string Publishing = "Contemporary World Publishing";

    private static readonly string[] Affiliated =
    [
        "Center for Contemporary World Studies",
        "China Economic Liaison Center",
        "Contemporary World Magazine",
        "International Exchange Center of the Central External Liaison Department",
        "Service Center of the International Liaison Department",
    ];

    private static readonly string[] AllByName =
    [
        "Center for Contemporary World Studies",
        Cccws,
        "China Economic Liaison Center",
        Cfpd,
        Caiu,
        "Contemporary World Magazine",
        Publishing,
        "International Exchange Center of the Central External Liaison Department",
        Nyerere,
        "Service Center of the International Liaison Department",
    ];

    private async Task<JsonArray> ItemsAsync(string query)
    {
        var body = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var items = body["items"]!.AsArray();
        Assert.Equal(items.Count, body["totalCount"]!.GetValue<int>());
        return items;
    }

    private async Task<List<string>> NamesAsync(string query) =>
        [.. (await ItemsAsync(query)).Select(i => i!["name"]!.GetValue<string>())];

    [Fact]
    public async Task Seed_has_the_three_child_agencies()
    {
        var names = await NamesAsync("department=ild&kind=ChildAgency");
        Assert.Equal([Cccws, Cfpd, Caiu], names);
    }

    [Fact]
    public async Task Seed_has_the_five_directly_affiliated_institutions_including_the_service_center()
    {
        var names = await NamesAsync("department=ild&kind=AffiliatedInstitution");
        Assert.Equal(Affiliated, names);
        Assert.Contains("Service Center of the International Liaison Department", names);
    }

    [Fact]
    public async Task Seed_has_the_affiliated_enterprise()
    {
        Assert.Equal([Publishing], await NamesAsync("department=ild&kind=AffiliatedEnterprise"));
    }

    [Fact]
    public async Task Seed_has_the_funded_school_in_tanzania_opened_february_2022()
    {
        var school = Assert.Single(await ItemsAsync("department=ild&kind=FundedInstitution"))!;
        Assert.Equal(Nyerere, school["name"]!.GetValue<string>());
        Assert.Equal("Tanzania", school["location"]!.GetValue<string>());
        Assert.Equal("2022-02", school["established"]!.GetValue<string>());
        Assert.Equal("FundedInstitution", school["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_seeded_institution_cites_the_article_and_embeds_its_department()
    {
        var items = await ItemsAsync("pageSize=200");
        Assert.Equal(10, items.Count);
        foreach (var item in items)
        {
            var sources = item!["sources"]!.AsArray();
            Assert.Contains(sources, s => s!["url"]!.GetValue<string>() == ArticleSource.Url
                && s["title"]!.GetValue<string>() == ArticleSource.Title
                && !string.IsNullOrWhiteSpace(s["quote"]?.GetValue<string>()));
            var department = item["department"]!;
            Assert.Equal(IldArticleSeed.IldId, department["id"]!.GetValue<Guid>());
            Assert.Equal("ild", department["slug"]!.GetValue<string>());
            Assert.Equal("International Department of the Chinese Communist Party", department["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task List_items_have_every_field_and_no_server_internals()
    {
        var caiu = (await ItemsAsync($"q={Uri.EscapeDataString(Caiu)}")).Single()!.AsObject();
        Assert.Equal(
            // Issue 12: the dates of existence, with statuses and bounds, follow the institution's own fields.
            ["id", "department", "name", "nativeName", "otherNames", "identifiers", "kind", "location", "summary", "website", "sources", "claims", "createdAt", "updatedAt",
             "established", "establishedStatus", "establishedNotBefore", "establishedNotAfter", "dissolved", "dissolvedStatus", "dissolvedNotBefore", "dissolvedNotAfter"],
            caiu.Select(p => p.Key));
        Assert.Equal("1981", caiu["established"]!.GetValue<string>());
        Assert.Equal("CAIU", caiu["otherNames"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Abbreviation", caiu["otherNames"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_default_sort_is_by_name()
    {
        Assert.Equal(AllByName, await NamesAsync("pageSize=200"));
        Assert.Equal(AllByName, await NamesAsync("pageSize=200&sort=name"));
        Assert.Equal(AllByName, await NamesAsync("pageSize=200&sort=NAME"));
    }

    [Fact]
    public async Task List_sorts_by_name_descending()
    {
        Assert.Equal(AllByName.Reverse(), await NamesAsync("pageSize=200&sort=-name"));
    }

    [Fact]
    public async Task List_sorts_by_established_with_undated_last()
    {
        var names = await NamesAsync("pageSize=200&sort=established");
        Assert.Equal([Caiu, Cccws, Nyerere], names.Take(3));
        Assert.Equal(AllByName.Except([Caiu, Cccws, Nyerere]).Order(StringComparer.Ordinal), names.Skip(3).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_sorts_by_established_descending_with_undated_first()
    {
        var names = await NamesAsync("pageSize=200&sort=-established");
        Assert.Equal([Nyerere, Cccws, Caiu], names.Skip(7));
    }

    [Fact]
    public async Task List_sorts_by_kind_in_declaration_order_then_name()
    {
        string[] expected = [Cccws, Cfpd, Caiu, .. Affiliated, Publishing, Nyerere];
        Assert.Equal(expected, await NamesAsync("pageSize=200&sort=kind"));
        Assert.Equal(expected.Reverse(), await NamesAsync("pageSize=200&sort=-kind"));
    }

    [Fact]
    public async Task List_pages_through_every_institution_once_with_link_headers()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var response = await Anonymous.GetAsync($"{Url}?pageSize=3&page={page}&sort=kind", Ct);
            var body = await response.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(10, body["totalCount"]!.GetValue<int>());
            Assert.Equal(page, body["page"]!.GetValue<int>());
            Assert.Equal(3, body["pageSize"]!.GetValue<int>());
            var items = body["items"]!.AsArray();
            Assert.Equal(page < 4 ? 3 : 1, items.Count);
            seen.AddRange(items.Select(i => i!["name"]!.GetValue<string>()));

            var link = response.Headers.GetValues("Link").Single();
            Assert.Contains("sort=kind", link, StringComparison.Ordinal);
            Assert.Contains("page=1&pageSize=3>; rel=\"first\"", link, StringComparison.Ordinal);
            Assert.Contains("page=4&pageSize=3>; rel=\"last\"", link, StringComparison.Ordinal);
            Assert.Equal(page > 1, link.Contains("rel=\"prev\"", StringComparison.Ordinal));
            Assert.Equal(page < 4, link.Contains("rel=\"next\"", StringComparison.Ordinal));
        }

        Assert.Equal(10, seen.Distinct().Count());
        Assert.Equal([Cccws, Cfpd, Caiu, .. Affiliated, Publishing, Nyerere], seen);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_with_the_total_and_a_prev_link_to_the_last_page()
    {
        var response = await Anonymous.GetAsync($"{Url}?pageSize=3&page=9", Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(body["items"]!.AsArray());
        Assert.Equal(10, body["totalCount"]!.GetValue<int>());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("page=4&pageSize=3>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_largest_page_size_is_accepted()
    {
        var body = await (await Anonymous.GetAsync($"{Url}?pageSize=200&page=1", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(200, body["pageSize"]!.GetValue<int>());
        Assert.Equal(10, body["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_empty_list_has_one_page()
    {
        var response = await Anonymous.GetAsync($"{Url}?q=nothing-matches-this", Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(body["items"]!.AsArray());
        Assert.Equal(0, body["totalCount"]!.GetValue<int>());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("page=1&pageSize=25>; rel=\"last\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=x", "page")]
    [InlineData("sort=-location", "sort")]
    [InlineData("kind=Nickname", "kind")]
    [InlineData("kind=99", "kind")]
    [InlineData("departmentId=not-a-guid", "departmentId")]
    public async Task List_rejects_bad_paging_sort_and_filters(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData("from=2022-13", "from")]
    [InlineData("from=1951-02-30", "from")]
    [InlineData("to=abc", "to")]
    [InlineData("to=198XX", "to")]
    public async Task List_rejects_a_bad_partial_date_naming_the_parameter_and_the_accepted_forms(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.Errors()[field]);
        Assert.Contains(IldRegistry.Domain.Common.PartialDate.AcceptedForms, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_rejects_to_before_from()
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?from=2010&to=1990", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("to", problem.Errors().Keys);
    }

    [Fact]
    public async Task List_filters_by_department_id()
    {
        Assert.Equal(AllByName, await NamesAsync($"pageSize=200&departmentId={IldArticleSeed.IldId}"));
        Assert.Empty(await NamesAsync($"departmentId={IldArticleSeed.CpsuId}"));
        Assert.Empty(await NamesAsync($"departmentId={Guid.NewGuid()}"));
    }

    [Fact]
    public async Task List_filters_by_department_slug()
    {
        Assert.Equal(AllByName, await NamesAsync("pageSize=200&department=ild"));
        Assert.Empty(await NamesAsync($"department={IldArticleSeed.CpsuSlug}"));
        Assert.Empty(await NamesAsync("department=no-such-department"));
    }

    [Fact]
    public async Task Department_filters_combine()
    {
        Assert.Empty(await NamesAsync($"department=ild&departmentId={IldArticleSeed.CpsuId}"));
        Assert.Equal([Publishing], await NamesAsync($"department=ild&departmentId={IldArticleSeed.IldId}&kind=AffiliatedEnterprise"));
    }

    [Theory]
    [InlineData("from=2010", new[] { Cccws, Nyerere })]
    [InlineData("to=1990", new[] { Caiu })]
    [InlineData("from=198X&to=198X", new[] { Caiu })]
    [InlineData("from=1981-12-31&to=2010-01-01", new[] { Cccws, Caiu })]
    [InlineData("from=2022-02-14&to=2022-02-14", new[] { Nyerere })]
    [InlineData("from=2022&to=2022", new[] { Nyerere })]
    [InlineData("from=2011&to=2021", new string[0])]
    [InlineData("from=2023", new string[0])]
    [InlineData("to=1980", new string[0])]
    [InlineData("from=19XX&to=20XX", new[] { Cccws, Caiu, Nyerere })]
    public async Task List_filters_by_established_interval_overlap(string query, string[] expected)
    {
        Assert.Equal(expected, await NamesAsync($"{query}&pageSize=200"));
    }

    [Theory]
    [InlineData("foundation", new[] { Cfpd })]
    [InlineData("CAIU", new[] { Caiu })]
    [InlineData("caiu", new[] { Caiu })]
    [InlineData("tanzania", new[] { Nyerere })]
    [InlineData("  Contemporary World  ", new[] { "Center for Contemporary World Studies", Cccws, "Contemporary World Magazine", Publishing })]
    [InlineData("100%", new string[0])]
    [InlineData("_", new string[0])]
    public async Task List_filters_by_text_over_names_other_names_and_summary(string q, string[] expected)
    {
        Assert.Equal(expected, await NamesAsync($"q={Uri.EscapeDataString(q)}&pageSize=200"));
    }

    [Fact]
    public async Task Text_filter_matches_the_native_name()
    {
        var body = new JsonObject
        {
            ["departmentId"] = IldArticleSeed.IldId.ToString(),
            ["name"] = "Native Name Institute",
            ["nativeName"] = "当代世界研究中心",
            ["kind"] = "AffiliatedInstitution",
        };
        await (await Client.PostJsonAsync(Url, body, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(["Native Name Institute"], await NamesAsync($"q={Uri.EscapeDataString("世界研究")}"));
    }

    [Fact]
    public async Task Get_returns_the_institution_with_its_department_and_an_etag()
    {
        var id = SeedIds.For("institution:ild:julius-nyerere-leadership-school");
        var response = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        var school = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(id, school["id"]!.GetValue<Guid>());
        Assert.Equal(Nyerere, school["name"]!.GetValue<string>());
        Assert.Equal("ild", school["department"]!["slug"]!.GetValue<string>());
        Assert.Equal(2, school["sources"]!.AsArray().Count);
        Assert.NotNull(response.Headers.ETag);
        Assert.Null(school["version"]);
        Assert.Null(school["deletedAt"]);
    }

    [Fact]
    public async Task Get_with_the_current_etag_in_if_none_match_is_304()
    {
        var url = $"{Url}/{SeedIds.For("institution:ild:caiu")}";
        var first = await Anonymous.GetAsync(url, Ct);
        await first.ReadJsonAsync(HttpStatusCode.OK);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await Anonymous.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);

        using var other = new HttpRequestMessage(HttpMethod.Get, url);
        other.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await (await Anonymous.SendAsync(other, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_404_problem_details()
    {
        var id = Guid.NewGuid();
        var problem = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_of_a_non_guid_is_404()
    {
        var response = await Anonymous.GetAsync($"{Url}/caiu", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
