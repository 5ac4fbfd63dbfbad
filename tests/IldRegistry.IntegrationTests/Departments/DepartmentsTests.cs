using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Departments;

public sealed class DepartmentsTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/departments";

    private static object NewDepartment(string slug = "test-department", string name = "Test Department") => new
    {
        slug,
        name,
        shortName = "TD",
        nativeName = "测试部",
        jurisdiction = "Test Party",
        established = "1981~",
        otherNames = new[] { new { name = "TD", lang = "en", kind = "Abbreviation" } },
        sources = new[] { new { title = "A source", url = "https://example.org/source", publisher = "Example", language = "en" } },
    };

    [Fact]
    public async Task List_pages_with_totals_and_link_header()
    {
        var response = await Client.GetAsync($"{Url}?pageSize=2&page=1", Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, body["items"]!.AsArray().Count);
        Assert.Equal(1, body["page"]!.GetValue<int>());
        Assert.Equal(2, body["pageSize"]!.GetValue<int>());
        // Five: the seed's fifth department is the Central Party School (issue 13, a funder of a school).
        Assert.Equal(5, body["totalCount"]!.GetValue<int>());
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("page=2&pageSize=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3&pageSize=2>; rel=\"last\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1&pageSize=2>; rel=\"first\"", link, StringComparison.Ordinal);

        var second = await (await Client.GetAsync($"{Url}?pageSize=2&page=2", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var names = body["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(4, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task List_rejects_bad_paging_and_sort(string query, string field)
    {
        var problem = await (await Client.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task List_filters_by_text()
    {
        var body = await (await Client.GetAsync($"{Url}?q=liaison", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("ild", Assert.Single(body["items"]!.AsArray())!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_by_slug_returns_the_ild_with_english_and_chinese_names_and_an_etag()
    {
        var response = await Client.GetAsync($"{Url}/ild", Ct);
        var ild = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("International Department of the Chinese Communist Party", ild["name"]!.GetValue<string>());
        Assert.Equal("中国共产党中央委员会对外联络部", ild["nativeName"]!.GetValue<string>());
        Assert.Equal("1951", ild["established"]!.GetValue<string>());
        Assert.Equal("ccp-central-committee", ild["parent"]!["slug"]!.GetValue<string>());
        Assert.NotEmpty(ild["sources"]!.AsArray());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Get_by_id_matches_get_by_slug_and_if_none_match_answers_304()
    {
        var bySlug = await Client.GetAsync($"{Url}/ild", Ct);
        var id = (await bySlug.ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();

        var byId = await Client.GetAsync($"{Url}/{id}", Ct);
        Assert.Equal("ild", (await byId.ReadJsonAsync(HttpStatusCode.OK))["slug"]!.GetValue<string>());
        Assert.Equal(bySlug.Headers.ETag, byId.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"{Url}/{id}");
        conditional.Headers.IfNoneMatch.Add(byId.Headers.ETag!);
        var notModified = await Client.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(byId.Headers.ETag, notModified.Headers.ETag);
    }

    [Theory]
    [InlineData("no-such-department")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task Get_of_a_missing_department_is_404_problem_details(string key)
    {
        var problem = await (await Client.GetAsync($"{Url}/{key}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(key, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_creates_with_location_and_etag()
    {
        var response = await Client.PostJsonAsync(Url, NewDepartment(), Ct);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal("1981~", created["established"]!.GetValue<string>());
        Assert.Equal("Abbreviation", created["otherNames"]![0]!["kind"]!.GetValue<string>());

        var fetched = await (await Client.GetAsync(response.Headers.Location, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("test-department", fetched["slug"]!.GetValue<string>());
        Assert.Equal("测试部", fetched["nativeName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_field_written_reads_back_the_same_by_id_and_by_slug()
    {
        var parent = await (await Client.PostJsonAsync(Url, NewDepartment("parent-department", "Parent Department"), Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var body = new JsonObject
        {
            ["slug"] = "full-department",
            ["name"] = "Full Department",
            ["shortName"] = "FD",
            ["nativeName"] = "全部",
            ["romanizedName"] = "Quánbù",
            ["otherNames"] = new JsonArray(
                // Issue 12 gives names' dates statuses and bounds.
                new JsonObject { ["name"] = "Old Name", ["lang"] = "en", ["kind"] = "Former", ["start"] = "1951", ["startNotBefore"] = "1951-02", ["startNotAfter"] = null, ["end"] = "1966-05?", ["endStatus"] = "Known", ["endNotBefore"] = null, ["endNotAfter"] = "1966-05-20", ["startStatus"] = "Known" },
                new JsonObject { ["name"] = "旧名", ["lang"] = "zh-Hans", ["kind"] = "Native", ["start"] = null, ["startNotBefore"] = null, ["startNotAfter"] = null, ["end"] = "198X", ["endStatus"] = "Known", ["endNotBefore"] = "1985", ["endNotAfter"] = null, ["startStatus"] = "Unknown" }),
            ["identifiers"] = new JsonArray(new JsonObject { ["scheme"] = "wikidata", ["value"] = "Q1" }),
            ["jurisdiction"] = "Test Party",
            ["agencyType"] = "Department",
            ["headquarters"] = "1 \"Quoted\" Road",
            ["parentId"] = parent["id"]!.GetValue<Guid>(),
            ["established"] = "1951-03-04",
            ["establishedStatus"] = "Known",
            ["establishedNotBefore"] = null,
            ["establishedNotAfter"] = null,
            ["dissolved"] = "2000~",
            ["dissolvedStatus"] = "Known",
            ["dissolvedNotBefore"] = "2000-02",
            ["dissolvedNotAfter"] = "2000-11",
            ["summary"] = "Line one.\nLine two, with <b> & ünïcödé.",
            ["functions"] = "Liaison.",
            ["logo"] = "Logo.svg",
            ["logoCaption"] = "A logo",
            ["sources"] = new JsonArray(
                // Issue 12 adds what a citation attests and its weight.
                new JsonObject { ["sourceId"] = null, ["fields"] = new JsonArray(), ["title"] = "A source", ["url"] = "https://example.org/a", ["publisher"] = "Example", ["published"] = null, ["retrievedOn"] = "2024-02-29", ["quote"] = "It said so.", ["language"] = "en", ["attested"] = "202X", ["attestedNotBefore"] = "2025-09-30", ["attestedNotAfter"] = "2026-11-27", ["weight"] = "Medium" },
                new JsonObject { ["sourceId"] = null, ["fields"] = new JsonArray(), ["title"] = "Another", ["url"] = null, ["publisher"] = null, ["published"] = null, ["retrievedOn"] = null, ["quote"] = null, ["language"] = null, ["attested"] = null, ["attestedNotBefore"] = null, ["attestedNotAfter"] = null, ["weight"] = null }),
        };

        var created = await (await Client.PostJsonAsync(Url, body, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var byId = await (await Client.GetAsync($"{Url}/{created["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var bySlug = await (await Client.GetAsync($"{Url}/full-department", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        foreach (var read in new[] { created, byId, bySlug })
        {
            foreach (var (field, value) in body)
            {
                if (field != "parentId")
                {
                    Assert.True(JsonNode.DeepEquals(value, read[field]), $"{field}: sent {value?.ToJsonString()}, read {read[field]?.ToJsonString()}");
                }
            }

            Assert.Equal(parent["id"]!.GetValue<Guid>(), read["parent"]!["id"]!.GetValue<Guid>());
            Assert.Equal("parent-department", read["parent"]!["slug"]!.GetValue<string>());
            Assert.Equal("Parent Department", read["parent"]!["name"]!.GetValue<string>());
        }

        Assert.Equal(created.ToJsonString(), byId.ToJsonString());
        Assert.Equal(created.ToJsonString(), bySlug.ToJsonString());
    }

    [Fact]
    public async Task Post_with_bad_fields_is_400_naming_each_field_and_writes_nothing()
    {
        var response = await Client.PostJsonAsync(Url, new
        {
            slug = "Bad Slug!",
            name = "",
            shortName = new string('x', 51),
            established = "1990",
            dissolved = "1980",
            otherNames = new[] { new { name = "X", lang = "not a tag", kind = "Abbreviation" } },
            sources = new[] { new { title = "", url = "ftp://example.org/x" } },
        }, Ct);
        var errors = (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        Assert.Contains("slug", errors.Keys);
        Assert.Contains("name", errors.Keys);
        Assert.Contains("shortName", errors.Keys);
        Assert.Contains("dissolved", errors.Keys);
        Assert.Contains("otherNames[0].lang", errors.Keys);
        Assert.Contains("sources[0].title", errors.Keys);
        Assert.Contains("sources[0].url", errors.Keys);

        var list = await (await Client.GetAsync(Url, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, list["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"slug":"x","name":"X","established":"2022-13"}""", "established")]
    [InlineData("""{"slug":"x","name":"X","established":"2022-02-30"}""", "established")]
    [InlineData("""{"slug":"x","name":"X","established":1951}""", "established")]
    [InlineData("""{"slug":"x","name":"X","colour":"red"}""", "colour")]
    [InlineData("""{"slug":"x","name":"X","parentId":"not-a-guid"}""", "parentId")]
    [InlineData("""{"slug":"x","name":"X","otherNames":[{"name":"n","lang":"en","kind":"Nickname"}]}""", "otherNames[0].kind")]
    [InlineData("""{"slug":"x","name":"X","sources":[null]}""", "sources[0]")]
    [InlineData("""{"slug":"x","name":"X","id":"0b9f6a6e-6f6e-4d1e-9a55-2a8f0f0f0f0f"}""", "id")]
    [InlineData("""{"slug":"x","name":"X","createdAt":"2020-01-01T00:00:00Z"}""", "createdAt")]
    [InlineData("""{"slug":"x","name":"X","deletedAt":null}""", "deletedAt")]
    [InlineData("""{"slug":"x","name":"X","version":1}""", "version")]
    [InlineData("""{"slug":"x","name":"X","otherNames":[null]}""", "otherNames[0]")]
    [InlineData("""{"slug":"x","name":"X","identifiers":[null]}""", "identifiers[0]")]
    public async Task Post_with_wrong_types_or_unknown_fields_is_400_naming_the_field(string json, string field)
    {
        var problem = await (await Client.PostRawJsonAsync(Url, json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_with_too_many_sources_or_names_is_400()
    {
        var sources = Enumerable.Range(0, 101).Select(i => new { title = $"Source {i}" }).ToArray();
        var names = Enumerable.Range(0, 101).Select(i => new { name = $"Name {i}", lang = "en", kind = "Alternative" }).ToArray();
        var problem = await (await Client.PostJsonAsync(Url, new { slug = "many", name = "Many", sources, otherNames = names }, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sources", problem.Errors().Keys);
        Assert.Contains("otherNames", problem.Errors().Keys);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("slug")]
    public async Task Post_with_a_nul_character_is_400_on_the_field(string field)
    {
        var json = field == "name" ? "{\"slug\":\"x\",\"name\":\"A\\u0000B\"}" : "{\"slug\":\"x\\u0000\",\"name\":\"X\"}";
        var problem = await (await Client.PostRawJsonAsync(Url, json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task A_nul_character_in_a_query_value_is_400()
    {
        var problem = await (await Client.GetAsync($"{Url}?q=%00", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("q", problem.Errors().Keys);
    }

    [Fact]
    public async Task A_content_type_parameter_without_a_value_is_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("{\"slug\":\"x\",\"name\":\"X\"}") };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=");
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=");
        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Errors_are_problem_json_even_when_the_client_accepts_only_html()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nothing-here");
        request.Headers.Accept.ParseAdd("text/html");
        await (await Anonymous.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_with_malformed_json_is_400()
    {
        await (await Client.PostRawJsonAsync(Url, """{"slug":"x","name":""", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_with_a_partial_date_error_lists_the_accepted_forms()
    {
        var problem = await (await Client.PostRawJsonAsync(Url, """{"slug":"x","name":"X","established":"198XX"}""", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("YYYY-MM-DD", problem.Errors()["established"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_a_duplicate_slug_is_409()
    {
        var problem = await (await Client.PostJsonAsync(Url, NewDepartment(slug: "ild"), Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ild", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_a_missing_parent_is_400_on_parent_id()
    {
        var body = new JsonObject { ["slug"] = "orphan", ["name"] = "Orphan", ["parentId"] = Guid.NewGuid().ToString() };
        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parentId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Put_replaces_and_changes_the_etag()
    {
        var created = await Client.PostJsonAsync(Url, NewDepartment(), Ct);
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        using var put = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(NewDepartment(name: "Renamed Department"), options: HttpAssertions.JsonOptions) };
        put.Headers.IfMatch.Add(created.Headers.ETag!);
        var replaced = await Client.SendAsync(put, Ct);
        var body = await replaced.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Renamed Department", body["name"]!.GetValue<string>());
        Assert.NotEqual(created.Headers.ETag, replaced.Headers.ETag);
        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed Department", fetched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var created = await Client.PostJsonAsync(Url, NewDepartment(), Ct);
        var id = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var first = await Client.PutCurrentAsync($"{Url}/{id}", NewDepartment(name: "First Edit"), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(NewDepartment(name: "Lost Edit"), options: HttpAssertions.JsonOptions) };
        stale.Headers.IfMatch.Add(created.Headers.ETag!);
        var problem = await (await Client.SendAsync(stale, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        // Exactly the ETag header a GET answers, hash part included.
        Assert.Equal(first.Headers.ETag!.Tag, problem["currentETag"]!.GetValue<string>());
        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First Edit", fetched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_of_a_missing_department_is_404()
    {
        var response = await Client.PutCurrentAsync($"{Url}/{Guid.NewGuid()}", NewDepartment(), Ct);
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_that_makes_a_parent_cycle_is_400()
    {
        var ild = await (await Client.GetAsync($"{Url}/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var parentId = ild["parent"]!["id"]!.GetValue<Guid>();
        var parent = await (await Client.GetAsync($"{Url}/{parentId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        parent["parentId"] = ild["id"]!.GetValue<Guid>().ToString();
        foreach (var serverOwned in new[] { "id", "parent", "createdAt", "updatedAt" })
        {
            parent.Remove(serverOwned);
        }

        var response = await Client.PutCurrentAsync($"{Url}/{parentId}", new StringContent(parent.ToJsonString(), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json")), Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parentId", problem.Errors().Keys);
    }
}
