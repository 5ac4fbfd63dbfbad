using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Events;

/// <summary>Reads, filters, sorts and validation of historical events.</summary>
public sealed class EventsTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/events";
    private const int SeededEvents = 12;

    private static readonly Guid CaiuId = SeedIds.For("institution:ild:caiu");
    private static readonly Guid CccwsId = SeedIds.For("institution:ild:cccws");
    private static readonly Guid NyerereId = SeedIds.For("institution:ild:julius-nyerere-leadership-school");
    private static readonly Guid LuKangId = SeedIds.For("person:lu-kang");
    private static readonly Guid MaHuiId = SeedIds.For("person:ma-hui");

    internal static JsonObject NewEvent(
        Guid? departmentId = null, string date = "1999-05", string? endDate = null, string title = "Test event", string kind = "Other",
        Guid[]? institutionIds = null, Guid[]? personIds = null) => new()
    {
        ["departmentId"] = (departmentId ?? IldArticleSeed.IldId).ToString(),
        ["date"] = date,
        ["endDate"] = endDate,
        ["title"] = title,
        ["description"] = "Something happened.",
        ["kind"] = kind,
        ["institutionIds"] = new JsonArray([.. (institutionIds ?? []).Select(id => JsonValue.Create(id.ToString()))]),
        ["personIds"] = new JsonArray([.. (personIds ?? []).Select(id => JsonValue.Create(id.ToString()))]),
        ["sources"] = new JsonArray(new JsonObject { ["title"] = "A source", ["url"] = "https://example.org/source", ["quote"] = "It happened.", ["language"] = "en" }),
    };

    private async Task<JsonArray> ItemsAsync(string query)
    {
        var body = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        return body["items"]!.AsArray();
    }

    private static List<string> Titles(JsonArray items) => [.. items.Select(i => i!["title"]!.GetValue<string>())];

    private static List<string> Dates(JsonArray items) => [.. items.Select(i => i!["date"]!.GetValue<string>())];

    // --- the seed over HTTP -------------------------------------------------------------------------------------

    [Fact]
    public async Task Seeded_ild_events_come_in_date_order_with_dates_exactly_as_written()
    {
        var body = await (await Anonymous.GetAsync($"{Url}?department=ild&pageSize=100", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var items = body["items"]!.AsArray();
        Assert.Equal(SeededEvents, body["totalCount"]!.GetValue<int>());
        Assert.Equal(SeededEvents, items.Count);

        var dates = Dates(items);
        foreach (var written in new[] { "1951", "198X", "1981", "2010", "2019", "2022-02" })
        {
            Assert.Contains(written, dates);
        }

        var intervals = dates.Select(PartialDate.Parse).ToList();
        for (var i = 1; i < intervals.Count; i++)
        {
            var (previous, current) = (intervals[i - 1], intervals[i]);
            Assert.True(
                previous.Lower < current.Lower || (previous.Lower == current.Lower && previous.Upper <= current.Upper),
                $"{previous} is listed before {current}");
        }

        Assert.Equal("1951", dates[0]);
        Assert.True(dates.IndexOf("198X") < dates.IndexOf("1981"), "the 1980s start before 1981");
        Assert.Equal("2022-02", dates[^1]);
        Assert.All(items, i => Assert.Equal("ild", i!["department"]!["slug"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_seeded_event_cites_the_article_with_a_quote()
    {
        var items = await ItemsAsync("department=ild&pageSize=100");
        Assert.All(items, item =>
        {
            var sources = item!["sources"]!.AsArray();
            Assert.Contains(sources, s =>
                s!["url"]!.GetValue<string>() == ArticleSource.Url
                && !string.IsNullOrWhiteSpace(s["quote"]?.GetValue<string>()));
        });
    }

    [Fact]
    public async Task The_1981_event_links_and_embeds_the_chinese_association_for_international_understanding()
    {
        var items = await ItemsAsync("department=ild&pageSize=100");
        var caiu = Assert.Single(items, i => i!["date"]!.GetValue<string>() == "1981")!;

        Assert.Equal("Establishment", caiu["kind"]!.GetValue<string>());
        Assert.Equal([CaiuId], caiu["institutionIds"]!.AsArray().Select(i => i!.GetValue<Guid>()));
        var embedded = Assert.Single(caiu["institutions"]!.AsArray())!;
        Assert.Equal(CaiuId, embedded["id"]!.GetValue<Guid>());
        Assert.Equal("Chinese Association for International Understanding", embedded["name"]!.GetValue<string>());
        Assert.Empty(caiu["people"]!.AsArray());
    }

    [Fact]
    public async Task The_february_2022_event_links_the_julius_nyerere_leadership_school()
    {
        var items = await ItemsAsync("department=ild&pageSize=100");
        var school = Assert.Single(items, i => i!["date"]!.GetValue<string>() == "2022-02")!;

        var embedded = Assert.Single(school["institutions"]!.AsArray())!;
        Assert.Equal(NyerereId, embedded["id"]!.GetValue<Guid>());
        Assert.Equal("Julius Nyerere Leadership School", embedded["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_fourteen_offices_statement_is_an_organization_event()
    {
        var items = await ItemsAsync("department=ild&pageSize=100");
        var statement = Assert.Single(items, i => i!["description"]!.GetValue<string>().Contains("14 offices, 8 of which are regional bureaus", StringComparison.Ordinal))!;
        Assert.Equal("Organization", statement["kind"]!.GetValue<string>());
        Assert.Contains(statement["sources"]!.AsArray(), s => s!["quote"]!.GetValue<string>().Contains("14 offices, 8 of which are regional bureaus", StringComparison.Ordinal));
    }

    // --- paging -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task List_pages_with_totals_and_link_header_and_pages_neither_repeat_nor_skip()
    {
        var response = await Anonymous.GetAsync($"{Url}?pageSize=5&page=1", Ct);
        var first = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, first["items"]!.AsArray().Count);
        Assert.Equal(1, first["page"]!.GetValue<int>());
        Assert.Equal(5, first["pageSize"]!.GetValue<int>());
        Assert.Equal(SeededEvents, first["totalCount"]!.GetValue<int>());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("page=1&pageSize=5>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("page=2&pageSize=5>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3&pageSize=5>; rel=\"last\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", link, StringComparison.Ordinal);

        var lastResponse = await Anonymous.GetAsync($"{Url}?pageSize=5&page=3", Ct);
        var last = await lastResponse.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, last["items"]!.AsArray().Count);
        var lastLink = lastResponse.Headers.GetValues("Link").Single();
        Assert.Contains("page=2&pageSize=5>; rel=\"prev\"", lastLink, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", lastLink, StringComparison.Ordinal);

        var second = await ItemsAsync("pageSize=5&page=2");
        var ids = first["items"]!.AsArray().Concat(second).Concat(last["items"]!.AsArray()).Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(SeededEvents, ids.Distinct().Count());
        var all = await ItemsAsync("pageSize=200");
        Assert.Equal(all.Select(i => i!["id"]!.GetValue<Guid>()), ids);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_with_the_total()
    {
        var body = await (await Anonymous.GetAsync($"{Url}?pageSize=10&page=5", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(body["items"]!.AsArray());
        Assert.Equal(SeededEvents, body["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Page_size_200_is_accepted()
    {
        Assert.Equal(SeededEvents, (await ItemsAsync("pageSize=200")).Count);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=x", "page")]
    [InlineData("kind=Party", "kind")]
    [InlineData("kind=99", "kind")]
    [InlineData("departmentId=not-a-guid", "departmentId")]
    [InlineData("institutionId=x", "institutionId")]
    [InlineData("personId=x", "personId")]
    public async Task List_rejects_bad_parameters_naming_them(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData("from=1951-13", "from")]
    [InlineData("from=nineteen", "from")]
    [InlineData("to=2022-02-30", "to")]
    [InlineData("to=198XX", "to")]
    public async Task List_rejects_a_bad_from_or_to_listing_the_accepted_forms(string query, string field)
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var message = Assert.Single(problem.Errors()[field]);
        Assert.Contains(PartialDate.AcceptedForms, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_rejects_to_before_from()
    {
        var problem = await (await Anonymous.GetAsync($"{Url}?from=2000&to=1990", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("to", problem.Errors().Keys);
    }

    // --- filters ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task List_filters_by_department_id_and_by_slug()
    {
        var created = await Client.PostJsonAsync(Url, NewEvent(departmentId: IldArticleSeed.CpsuId, title: "Soviet event"), Ct);
        await created.ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(["Soviet event"], Titles(await ItemsAsync($"departmentId={IldArticleSeed.CpsuId}")));
        Assert.Equal(["Soviet event"], Titles(await ItemsAsync($"department={IldArticleSeed.CpsuSlug}")));
        Assert.Equal(SeededEvents, (await ItemsAsync($"departmentId={IldArticleSeed.IldId}&pageSize=100")).Count);
        Assert.Empty(await ItemsAsync("department=no-such-department"));
        Assert.Empty(await ItemsAsync($"department=ild&departmentId={IldArticleSeed.CpsuId}"));
    }

    [Fact]
    public async Task List_filters_by_kind()
    {
        var items = await ItemsAsync("kind=Establishment");
        Assert.Equal(["1981", "2010"], Dates(items));
        Assert.All(items, i => Assert.Equal("Establishment", i!["kind"]!.GetValue<string>()));
        Assert.Empty(await ItemsAsync("kind=Assessment"));
    }

    [Fact]
    public async Task List_filters_by_institution_id()
    {
        Assert.Equal(["2010"], Dates(await ItemsAsync($"institutionId={CccwsId}")));
        Assert.Empty(await ItemsAsync($"institutionId={Guid.NewGuid()}"));
    }

    [Fact]
    public async Task List_filters_by_person_id()
    {
        await (await Client.PostJsonAsync(Url, NewEvent(title: "With Lu Kang", personIds: [LuKangId, MaHuiId]), Ct)).ReadJsonAsync(HttpStatusCode.Created);
        await (await Client.PostJsonAsync(Url, NewEvent(title: "With Ma Hui", personIds: [MaHuiId]), Ct)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(["With Lu Kang"], Titles(await ItemsAsync($"personId={LuKangId}")));
        Assert.Equal(["With Lu Kang", "With Ma Hui"], Titles(await ItemsAsync($"personId={MaHuiId}&sort=title")));
        Assert.Empty(await ItemsAsync($"personId={SeedIds.For("person:liu-haixing")}"));
    }

    [Theory]
    [InlineData("from=2010&to=2019", new[] { "2010", "2012", "2019" })]
    [InlineData("from=2020", new[] { "202X", "2022-02" })]
    [InlineData("to=1959", new[] { "1951" })]
    [InlineData("from=1951&to=1951", new[] { "1951" })]
    [InlineData("from=2022-02-14&to=2022-02-14", new[] { "202X", "2022-02" })]
    [InlineData("from=2023-01~&to=2030", new[] { "202X" })]
    public async Task List_filters_by_overlap_of_from_and_to(string query, string[] expected)
    {
        Assert.Equal(expected, Dates(await ItemsAsync($"{query}&pageSize=100")));
    }

    [Fact]
    public async Task A_period_matches_through_its_end_date()
    {
        // 1985 lies inside the 1980s and inside the Maoist-support period (196X? to 198X), but not in 1981.
        var items = await ItemsAsync("from=1985&to=1985");
        Assert.Equal(["196X?", "198X"], Dates(items));
        Assert.Equal("198X", items[0]!["endDate"]!.GetValue<string>());

        // A decade filter takes the whole decade.
        Assert.Equal(["196X?", "196X?", "198X", "1981"], Dates(await ItemsAsync("from=196X&to=198X")));
    }

    [Fact]
    public async Task List_filters_by_text_in_title_or_description()
    {
        Assert.Equal(["2022-02"], Dates(await ItemsAsync("q=NYERERE")));
        // Only in the description.
        Assert.Equal(["2010"], Dates(await ItemsAsync("q=silk road think tank")));
        // Like wildcards are literal.
        Assert.Empty(await ItemsAsync("q=%25"));
        Assert.Empty(await ItemsAsync("q=_"));
    }

    [Fact]
    public async Task Filters_combine()
    {
        Assert.Equal(["2019"], Dates(await ItemsAsync("department=ild&kind=Statistic&from=2000&q=parties")));
    }

    // --- sorts --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Sort_by_date_descending_is_the_reverse_of_ascending()
    {
        await (await Client.PostJsonAsync(Url, NewEvent(date: "1981-06"), Ct)).ReadJsonAsync(HttpStatusCode.Created);

        var ascending = Dates(await ItemsAsync("sort=date&pageSize=100"));
        Assert.Equal(Dates(await ItemsAsync("pageSize=100")), ascending);
        Assert.True(ascending.IndexOf("1981") < ascending.IndexOf("1981-06"), "1981 covers more, so it starts no later and ends later");

        var descending = Dates(await ItemsAsync("sort=-date&pageSize=100"));
        Assert.Equal("2022-02", descending[0]);
        Assert.Equal("1951", descending[^1]);
        var expected = ascending.AsEnumerable().Reverse().ToList();
        // Equal intervals (the two 196X? events) break ties by id in both directions, so compare the dates only.
        Assert.Equal(expected, descending);
    }

    [Fact]
    public async Task Sort_by_title_both_ways()
    {
        var ascending = Titles(await ItemsAsync("sort=title&pageSize=100"));
        Assert.Equal("Broad engagement more important after the Cold War", ascending[0]);
        Assert.Equal("The department has 14 offices, 8 of them regional bureaus", ascending[^1]);
        Assert.Equal(ascending.Order(StringComparer.OrdinalIgnoreCase), ascending);

        var descending = Titles(await ItemsAsync("sort=-title&pageSize=100"));
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
    }

    [Fact]
    public async Task Sort_by_kind_groups_kinds_by_name()
    {
        var kinds = (await ItemsAsync("sort=kind&pageSize=100")).Select(i => i!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(kinds.Order(StringComparer.Ordinal), kinds);
        Assert.Equal("Establishment", kinds[0]);

        var descending = (await ItemsAsync("sort=-kind&pageSize=100")).Select(i => i!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal("Statistic", descending[0]);
    }

    // --- get ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Get_returns_the_event_with_an_etag_and_if_none_match_answers_304()
    {
        var id = SeedIds.For("event:ild:caiu-1981");
        var response = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(id, body["id"]!.GetValue<Guid>());
        Assert.Equal("1981", body["date"]!.GetValue<string>());
        Assert.Null(body["endDate"]);
        Assert.Equal(IldArticleSeed.IldId, body["department"]!["id"]!.GetValue<Guid>());
        Assert.Equal("International Department of the Chinese Communist Party", body["department"]!["name"]!.GetValue<string>());
        Assert.Equal("Chinese Association for International Understanding", body["institutions"]![0]!["name"]!.GetValue<string>());
        Assert.NotNull(body["createdAt"]);
        Assert.Null(body["version"]);
        Assert.NotNull(response.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Url}/{id}");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var notModified = await Anonymous.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(response.Headers.ETag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task Get_of_a_missing_event_is_404()
    {
        var id = Guid.NewGuid();
        var problem = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // --- create -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Post_creates_with_location_and_etag_and_embeds_links_in_the_order_given()
    {
        var response = await Client.PostJsonAsync(Url, NewEvent(date: "1981~", endDate: "1989", kind: "Initiative", institutionIds: [NyerereId, CaiuId], personIds: [MaHuiId, LuKangId]), Ct);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.NotNull(response.Headers.ETag);
        Assert.Equal($"{Url}/{created["id"]!.GetValue<Guid>()}", response.Headers.Location!.AbsolutePath);
        Assert.Equal("1981~", created["date"]!.GetValue<string>());
        Assert.Equal("1989", created["endDate"]!.GetValue<string>());
        Assert.Equal("Initiative", created["kind"]!.GetValue<string>());
        Assert.Equal(["Julius Nyerere Leadership School", "Chinese Association for International Understanding"],
            created["institutions"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal(["Ma Hui", "Lu Kang"], created["people"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal("It happened.", created["sources"]![0]!["quote"]!.GetValue<string>());

        var fetchedResponse = await Anonymous.GetAsync(response.Headers.Location, Ct);
        var fetched = await fetchedResponse.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.ToJsonString(), fetched.ToJsonString());
        Assert.Equal(response.Headers.ETag, fetchedResponse.Headers.ETag);
    }

    [Fact]
    public async Task Post_with_only_the_required_fields_creates_with_empty_lists()
    {
        var response = await Client.PostRawJsonAsync(Url, $$"""{"departmentId":"{{IldArticleSeed.IldId}}","date":"2001","title":"Bare","kind":"Other"}""", Ct);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Empty(created["institutionIds"]!.AsArray());
        Assert.Empty(created["institutions"]!.AsArray());
        Assert.Empty(created["personIds"]!.AsArray());
        Assert.Empty(created["people"]!.AsArray());
        Assert.Empty(created["sources"]!.AsArray());
        Assert.Null(created["description"]);
    }

    [Fact]
    public async Task Post_needs_an_api_key()
    {
        var problem = await (await Anonymous.PostJsonAsync(Url, NewEvent(), Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotNull(problem);
    }

    public static TheoryData<string, string> BadFields() => new()
    {
        { "departmentId", "00000000-0000-0000-0000-000000000000" },
        { "date", "2022-13" },
        { "date", "2022-02-30" },
        { "endDate", "soon" },
        { "title", "" },
        { "title", new string('x', 301) },
        { "description", new string('x', 4001) },
        { "kind", "Party" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Post_with_a_bad_field_is_400_naming_it_and_writes_nothing(string field, string value)
    {
        var body = NewEvent();
        body[field] = value;
        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
        Assert.Equal(SeededEvents, (await ItemsAsync("pageSize=100")).Count);
    }

    [Theory]
    [InlineData("departmentId")]
    [InlineData("date")]
    [InlineData("title")]
    [InlineData("kind")]
    public async Task Post_without_a_required_field_is_400_on_it(string field)
    {
        var body = NewEvent();
        body.Remove(field);
        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData("date")]
    [InlineData("kind")]
    [InlineData("title")]
    public async Task Post_with_a_null_required_field_is_400_on_it(string field)
    {
        var body = NewEvent();
        body[field] = null;
        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData("""{"kind":3}""", "kind")]
    [InlineData("""{"date":1951}""", "date")]
    [InlineData("""{"institutionIds":["not-a-guid"]}""", "institutionIds[0]")]
    [InlineData("""{"personIds":"x"}""", "personIds")]
    [InlineData("""{"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""", "id")]
    [InlineData("""{"createdAt":"2020-01-01T00:00:00Z"}""", "createdAt")]
    [InlineData("""{"institutions":[]}""", "institutions")]
    public async Task Post_with_wrong_types_or_server_owned_fields_is_400_naming_the_field(string patch, string field)
    {
        var body = NewEvent();
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }

        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_with_an_end_date_before_the_date_is_400_on_end_date()
    {
        var problem = await (await Client.PostJsonAsync(Url, NewEvent(date: "1990", endDate: "1989-12"), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["endDate"], problem.Errors().Keys);
    }

    [Theory]
    [InlineData("1951", "1951-06")]
    [InlineData("198X", "1981")]
    [InlineData("2022-02-14", "2022-02-14")]
    public async Task Post_accepts_an_end_date_that_overlaps_the_date(string date, string endDate)
    {
        await (await Client.PostJsonAsync(Url, NewEvent(date: date, endDate: endDate), Ct)).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Post_with_bad_sources_is_400_on_each_source_field()
    {
        var body = NewEvent();
        body["sources"] = new JsonArray(
            new JsonObject { ["title"] = "Fine", ["url"] = "https://example.org" },
            new JsonObject { ["title"] = "", ["url"] = "ftp://example.org/x", ["language"] = "not a tag", ["quote"] = new string('q', 4001) });
        var errors = (await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Equal(["sources[1].language", "sources[1].quote", "sources[1].title", "sources[1].url"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Post_with_many_bad_fields_reports_them_all()
    {
        var body = NewEvent(date: "2000", endDate: "1999", title: "", institutionIds: [CaiuId, CaiuId]);
        body["description"] = new string('d', 4001);
        body.Remove("kind");
        var errors = (await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Equal(["description", "endDate", "institutionIds[1]", "kind", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("institutionIds")]
    [InlineData("personIds")]
    public async Task Post_with_more_than_50_links_is_400(string field)
    {
        var body = NewEvent();
        body[field] = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => JsonValue.Create(Guid.NewGuid().ToString()))]);
        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("50", Assert.Single(problem.Errors()[field]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_duplicate_links_is_400_at_the_repeat()
    {
        var problem = await (await Client.PostJsonAsync(Url, NewEvent(institutionIds: [CaiuId, CccwsId, CaiuId], personIds: [LuKangId, LuKangId]), Ct))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.Errors();
        Assert.Equal(["institutionIds[2]", "personIds[1]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(CaiuId.ToString(), errors["institutionIds[2]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_an_unknown_department_is_400_on_department_id()
    {
        var id = Guid.NewGuid();
        var problem = await (await Client.PostJsonAsync(Url, NewEvent(departmentId: id), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(id.ToString(), Assert.Single(problem.Errors()["departmentId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_a_deleted_department_is_400_on_department_id()
    {
        var department = await (await Client.PostJsonAsync("/api/v1/departments", new { slug = "short-lived", name = "Short-lived" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var departmentId = department["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).StatusCode);

        var problem = await (await Client.PostJsonAsync(Url, NewEvent(departmentId: departmentId), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("departmentId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_with_an_unknown_institution_is_400_at_its_index_naming_it()
    {
        var unknown = Guid.NewGuid();
        var problem = await (await Client.PostJsonAsync(Url, NewEvent(institutionIds: [CaiuId, CccwsId, unknown]), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.Errors();
        Assert.Equal(["institutionIds[2]"], errors.Keys);
        Assert.Contains(unknown.ToString(), errors["institutionIds[2]"][0], StringComparison.Ordinal);
        Assert.Equal(SeededEvents, (await ItemsAsync("pageSize=100")).Count);
    }

    [Fact]
    public async Task Post_with_an_unknown_person_is_400_at_its_index_naming_it()
    {
        var unknown = Guid.NewGuid();
        var problem = await (await Client.PostJsonAsync(Url, NewEvent(personIds: [LuKangId, unknown]), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(unknown.ToString(), Assert.Single(problem.Errors()["personIds[1]"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_linking_a_deleted_institution_or_person_is_400()
    {
        await using (Factory.CreateScope(out var db))
        {
            (await db.Institutions.FindAsync([CccwsId], Ct))!.DeletedAt = DateTimeOffset.UtcNow;
            (await db.People.FindAsync([MaHuiId], Ct))!.DeletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        var institution = await (await Client.PostJsonAsync(Url, NewEvent(institutionIds: [CaiuId, CccwsId]), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("institutionIds[1]", institution.Errors().Keys);
        var person = await (await Client.PostJsonAsync(Url, NewEvent(personIds: [MaHuiId]), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("personIds[0]", person.Errors().Keys);
    }

    [Fact]
    public async Task Links_to_deleted_records_stay_in_the_ids_but_leave_the_embedded_lists()
    {
        var created = await (await Client.PostJsonAsync(Url, NewEvent(institutionIds: [CaiuId, CccwsId], personIds: [LuKangId, MaHuiId]), Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        await using (Factory.CreateScope(out var db))
        {
            (await db.Institutions.FindAsync([CaiuId], Ct))!.DeletedAt = DateTimeOffset.UtcNow;
            (await db.People.FindAsync([LuKangId], Ct))!.DeletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        var fetched = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal([CaiuId, CccwsId], fetched["institutionIds"]!.AsArray().Select(i => i!.GetValue<Guid>()));
        Assert.Equal([CccwsId], fetched["institutions"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal([LuKangId, MaHuiId], fetched["personIds"]!.AsArray().Select(i => i!.GetValue<Guid>()));
        Assert.Equal(["Ma Hui"], fetched["people"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));

        var seeded = Assert.Single(await ItemsAsync($"institutionId={CaiuId}"), i => i!["date"]!.GetValue<string>() == "1981")!;
        Assert.Equal([CaiuId], seeded["institutionIds"]!.AsArray().Select(i => i!.GetValue<Guid>()));
        Assert.Empty(seeded["institutions"]!.AsArray());
    }

    // --- replace ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Put_replaces_every_field_and_changes_the_etag()
    {
        var created = await Client.PostJsonAsync(Url, NewEvent(institutionIds: [CaiuId], personIds: [LuKangId]), Ct);
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var replacement = NewEvent(departmentId: IldArticleSeed.SedId, date: "1970", endDate: "1979", title: "Replaced", kind: "Assessment", institutionIds: [NyerereId]);
        replacement.Remove("description");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(replacement, options: HttpAssertions.JsonOptions) };
        put.Headers.IfMatch.Add(created.Headers.ETag!);
        var replaced = await Client.SendAsync(put, Ct);
        var body = await replaced.ReadJsonAsync(HttpStatusCode.OK);

        Assert.NotEqual(created.Headers.ETag, replaced.Headers.ETag);
        Assert.Equal("Replaced", body["title"]!.GetValue<string>());
        Assert.Equal(IldArticleSeed.SedSlug, body["department"]!["slug"]!.GetValue<string>());
        Assert.Equal("1970", body["date"]!.GetValue<string>());
        Assert.Equal("1979", body["endDate"]!.GetValue<string>());
        Assert.Equal("Assessment", body["kind"]!.GetValue<string>());
        Assert.Null(body["description"]);
        Assert.Equal("Julius Nyerere Leadership School", Assert.Single(body["institutions"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Empty(body["personIds"]!.AsArray());

        var fetched = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var created = await Client.PostJsonAsync(Url, NewEvent(), Ct);
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var first = await Client.PutCurrentAsync($"{Url}/{id}", NewEvent(title: "First edit"), Ct);
        await first.ReadJsonAsync(HttpStatusCode.OK);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(NewEvent(title: "Lost edit"), options: HttpAssertions.JsonOptions) };
        stale.Headers.IfMatch.Add(created.Headers.ETag!);
        var problem = await (await Client.SendAsync(stale, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        // Exactly the ETag header a GET answers, hash part included.
        Assert.Equal(first.Headers.ETag!.Tag, problem["currentETag"]!.GetValue<string>());
        var fetched = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First edit", fetched["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_validates_like_post()
    {
        var id = SeedIds.For("event:ild:founding-1951");
        var body = NewEvent(institutionIds: [Guid.NewGuid()]);
        body.Remove("date");
        var problem = await (await Client.PutCurrentAsync($"{Url}/{id}", body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("date", problem.Errors().Keys);

        var unknown = await (await Client.PutCurrentAsync($"{Url}/{id}", NewEvent(institutionIds: [Guid.NewGuid()]), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("institutionIds[0]", unknown.Errors().Keys);
        var fetched = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1951", fetched["date"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_of_a_missing_event_is_404()
    {
        await (await Client.PutCurrentAsync($"{Url}/{Guid.NewGuid()}", NewEvent(), Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_needs_an_api_key()
    {
        var id = SeedIds.For("event:ild:founding-1951");
        await (await Anonymous.PutAsJsonAsync($"{Url}/{id}", NewEvent(), HttpAssertions.JsonOptions, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}
