using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Reconcile;

/// <summary>
/// Issue 15 part 1: the W3C Reconciliation Service API 0.2 as OpenRefine calls it (form-encoded <c>queries=</c>, and
/// JSON), every answer checked against the specification's own JSON schemas (Schemas/reconciliation-0.2).
/// </summary>
public sealed class ReconcileTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/reconcile";

    // Head 1951 to 1966-03 in data/seed/ild-leadership.json.
    private static readonly Guid WangJiaxiang = Guid.Parse("6f93476f-d506-5cd9-b32e-23ac170c91b5");

    // The manifest schema refers to Swagger 2.0's security scheme schema for 'authentication', which the service never sends.
    private static readonly SpecSchemas Spec = new("reconciliation-0.2", "http://swagger.io/v2/schema.json");

    private const string WangHead1960 = """
        {"q0": {"query": "Wang", "type": "Person", "properties": [{"pid": "title", "v": "Head"}, {"pid": "heldOn", "v": 1960}]},
         "q1": {"query": "Wang", "type": "Person"},
         "q2": {"query": "王稼祥"}}
        """;

    /// <summary>The ILD's heads since 1951 (the start loads them; the reset between tests does not).</summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.LoadSeedFilesAsync(Ct);
    }

    private async Task<JsonObject> ReconcileFormAsync(string queries, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var content = new FormUrlEncodedContent([new("queries", queries)]);
        var response = await Anonymous.PostAsync(Url, content, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, body);
        if (expected == HttpStatusCode.OK)
        {
            Spec.AssertValid("reconciliation-result-batch.json", body);
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    private static JsonArray Result(JsonObject batch, string key) => batch[key]!["result"]!.AsArray();

    [Fact]
    public async Task The_manifest_answers_in_the_shape_of_the_specification_and_any_origin_may_read_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Add("Origin", "http://127.0.0.1:3333");
        var response = await Anonymous.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Spec.AssertValid("manifest.json", body);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var manifest = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(["0.2"], manifest["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["Person", "Department", "Bureau", "Institution"], manifest["defaultTypes"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.StartsWith("http://localhost/api/v1/reconcile/preview?id=", manifest["preview"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("http://localhost/api/v1/reconcile", manifest["suggest"]!["entity"]!["service_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wang_with_head_and_1960_matches_wang_jiaxiang_and_wang_alone_matches_nothing()
    {
        Spec.AssertValid("reconciliation-query-batch.json", WangHead1960);
        var batch = await ReconcileFormAsync(WangHead1960);

        var best = Result(batch, "q0")[0]!;
        Assert.Equal(WangJiaxiang.ToString(), best["id"]!.GetValue<string>());
        Assert.Equal("Wang Jiaxiang", best["name"]!.GetValue<string>());
        Assert.True(best["match"]!.GetValue<bool>());
        Assert.Equal(88.9, best["score"]!.GetValue<double>());
        Assert.Equal("Person", best["type"]![0]!["id"]!.GetValue<string>());
        Assert.Contains("Head", best["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["name", "title", "heldOn"], best["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));
        Assert.All(Result(batch, "q0").Skip(1), c => Assert.False(c!["match"]!.GetValue<bool>()));
        Assert.True(best["score"]!.GetValue<double>() - Result(batch, "q0")[1]!["score"]!.GetValue<double>() >= 10);

        var alone = Result(batch, "q1");
        Assert.True(alone.Count >= 3);
        Assert.All(alone, c => Assert.False(c!["match"]!.GetValue<bool>()));
        Assert.All(alone, c => Assert.StartsWith("Wang ", c!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(alone, c => Assert.True(c!["score"]!.GetValue<double>() < 85));

        // The native name is one of his names: a full match of any type.
        var chinese = Result(batch, "q2")[0]!;
        Assert.Equal("Wang Jiaxiang", chinese["name"]!.GetValue<string>());
        Assert.Equal(100, chinese["score"]!.GetValue<double>());
        Assert.True(chinese["match"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_property_that_disagrees_lowers_the_score_and_prevents_a_match()
    {
        var batch = await ReconcileFormAsync("""
            {"q0": {"query": "Wang Jiaxiang", "properties": [{"pid": "heldOn", "v": "1980"}]},
             "q1": {"query": "Wang Jiaxiang", "properties": [{"pid": "department", "v": "ild"}, {"pid": "title", "v": ["Deputy Head", "head"]}]}}
            """);

        var wrongYear = Result(batch, "q0")[0]!;
        Assert.Equal("Wang Jiaxiang", wrongYear["name"]!.GetValue<string>());
        Assert.Equal(50, wrongYear["score"]!.GetValue<double>());
        Assert.False(wrongYear["match"]!.GetValue<bool>());

        var right = Result(batch, "q1")[0]!;
        Assert.Equal(100, right["score"]!.GetValue<double>());
        Assert.True(right["match"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_same_batch_reads_from_the_query_string_and_from_a_json_body()
    {
        var get = await Anonymous.GetAsync($"{Url}?queries={Uri.EscapeDataString(WangHead1960)}", Ct);
        var getBody = await get.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Spec.AssertValid("reconciliation-result-batch.json", getBody);

        var post = await Anonymous.PostRawJsonAsync(Url, WangHead1960, Ct);
        var postBody = await post.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Spec.AssertValid("reconciliation-result-batch.json", postBody);
        Assert.Equal(JsonNode.Parse(getBody)!.ToJsonString(), JsonNode.Parse(postBody)!.ToJsonString());
        Assert.True(JsonNode.Parse(postBody)!["q0"]!["result"]![0]!["match"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Departments_bureaus_and_institutions_reconcile_and_the_department_property_narrows_them()
    {
        var batch = await ReconcileFormAsync("""
            {"d": {"query": "International Liaison Department", "type": "Department", "limit": 3},
             "b": {"query": "General Office", "type": ["Bureau", "Institution"], "properties": [{"pid": "department", "v": {"id": "35803076-de1e-5a98-a1c2-b46b631f6ac9", "name": "ILD"}}]}}
            """);

        Assert.InRange(Result(batch, "d").Count, 1, 3);
        Assert.Equal(IldArticleSeed.IldId.ToString(), Result(batch, "d")[0]!["id"]!.GetValue<string>());
        Assert.All(Result(batch, "b"), c => Assert.True(c!["type"]![0]!["id"]!.GetValue<string>() is "Bureau" or "Institution"));
        Assert.NotEmpty(Result(batch, "b"));
    }

    [Theory]
    [InlineData("not json", "queries")]
    [InlineData("[1, 2]", "queries")]
    [InlineData("""{"q0": "Wang"}""", "queries.q0")]
    [InlineData("""{"q0": {"query": "Wang", "type": "Planet"}}""", "queries.q0.type")]
    [InlineData("""{"q0": {"query": "Wang", "limit": 0}}""", "queries.q0.limit")]
    [InlineData("""{"q0": {"query": "Wang", "limit": 2.5}}""", "queries.q0.limit")]
    [InlineData("""{"q0": {"query": 7}}""", "queries.q0.query")]
    [InlineData("""{"q0": {}}""", "queries.q0.query")]
    [InlineData("""{"q0": {"query": "Wang", "colour": "red"}}""", "queries.q0.colour")]
    [InlineData("""{"q0": {"query": "Wang", "properties": [{"pid": "born", "v": "1906"}]}}""", "queries.q0.properties[0].pid")]
    [InlineData("""{"q0": {"query": "Wang", "properties": [{"pid": "heldOn", "v": "the sixties"}]}}""", "queries.q0.properties[0].v")]
    [InlineData("""{"q0": {"query": "Wang", "properties": [{"pid": "heldOn", "v": ["1960", "1960-13"]}]}}""", "queries.q0.properties[0].v[1]")]
    [InlineData("""{"q0": {"query": "Wang", "properties": [{"pid": "title", "v": []}]}}""", "queries.q0.properties[0].v")]
    public async Task A_bad_batch_is_a_400_naming_the_field(string queries, string field)
    {
        using var content = new FormUrlEncodedContent([new("queries", queries)]);
        var problem = await (await Anonymous.PostAsync(Url, content, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task A_batch_too_long_or_a_query_too_long_is_a_400()
    {
        var many = "{" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"q{i}\": {{\"query\": \"Wang\"}}")) + "}";
        using var content = new FormUrlEncodedContent([new("queries", many)]);
        Assert.Contains("queries", (await (await Anonymous.PostAsync(Url, content, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);

        var longQuery = "{\"q0\": {\"query\": \"" + new string('a', 201) + "\"}}";
        using var second = new FormUrlEncodedContent([new("queries", longQuery)]);
        Assert.Contains("queries.q0.query", (await (await Anonymous.PostAsync(Url, second, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
    }

    [Fact]
    public async Task Suggest_answers_entities_types_and_properties_in_the_specified_shapes()
    {
        var entities = await Anonymous.GetAsync($"{Url}/suggest/entity?prefix=Wang%20Jia&type=Person", Ct);
        var body = await entities.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, entities.StatusCode);
        Spec.AssertValid("suggest-entities-response.json", body);
        var names = JsonNode.Parse(body)!["result"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Wang Jiaxiang", names);
        Assert.Contains("Wang Jiarui", names);

        var types = await (await Anonymous.GetAsync($"{Url}/suggest/type?prefix=inst", Ct)).Content.ReadAsStringAsync(Ct);
        Spec.AssertValid("suggest-types-response.json", types);
        Assert.Equal("Institution", JsonNode.Parse(types)!["result"]![0]!["id"]!.GetValue<string>());

        var properties = await (await Anonymous.GetAsync($"{Url}/suggest/property?prefix=post", Ct)).Content.ReadAsStringAsync(Ct);
        Spec.AssertValid("suggest-properties-response.json", properties);
        Assert.Contains("postStart", JsonNode.Parse(properties)!["result"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));

        await (await Anonymous.GetAsync($"{Url}/suggest/entity?prefix=", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var badType = await (await Anonymous.GetAsync($"{Url}/suggest/entity?prefix=Wang&type=Planet", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("type", badType.Errors().Keys);
    }

    [Fact]
    public async Task Data_extension_pulls_native_name_posts_with_dates_department_and_sources()
    {
        var wang = WangJiaxiang.ToString();
        var extend = $$"""{"ids": ["{{wang}}", "{{IldArticleSeed.IldId}}", "nobody"], "properties": [{"id": "nativeName"}, {"id": "post"}, {"id": "postTitle"}, {"id": "postStart"}, {"id": "postEnd"}, {"id": "department"}, {"id": "sources"}]}""";
        Spec.AssertValid("data-extension-query.json", extend);
        using var content = new FormUrlEncodedContent([new("extend", extend)]);
        var response = await Anonymous.PostAsync(Url, content, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Spec.AssertValid("data-extension-response.json", body);
        var answer = JsonNode.Parse(body)!.AsObject();
        var row = answer["rows"]![wang]!;
        Assert.Equal("王稼祥", row["nativeName"]![0]!["str"]!.GetValue<string>());
        Assert.Equal("Head", row["postTitle"]![0]!["str"]!.GetValue<string>());
        Assert.Equal("1951", row["postStart"]![0]!["str"]!.GetValue<string>());
        Assert.Equal("1966-03", row["postEnd"]![0]!["str"]!.GetValue<string>());
        Assert.Equal(IldArticleSeed.IldId.ToString(), row["department"]![0]!["id"]!.GetValue<string>());
        Assert.NotEmpty(row["sources"]!.AsArray());
        Assert.Equal("Department", answer["meta"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "department")!["type"]!["id"]!.GetValue<string>());
        Assert.Empty(answer["rows"]!["nobody"]!["post"]!.AsArray());
        // A department has no posts of its own to extend with.
        Assert.Empty(answer["rows"]![IldArticleSeed.IldId.ToString()]!["post"]!.AsArray());

        var proposed = await (await Anonymous.GetAsync($"{Url}/propose_properties?type=Person", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("postStart", proposed["properties"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));

        using var bad = new FormUrlEncodedContent([new("extend", """{"ids": ["x"], "properties": [{"id": "shoeSize"}]}""")]);
        var problem = await (await Anonymous.PostAsync(Url, bad, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("extend.properties[0].id", problem.Errors().Keys);
    }

    [Fact]
    public async Task The_preview_is_an_html_card_other_sites_may_frame_and_view_redirects_to_the_record()
    {
        var wang = WangJiaxiang;
        var response = await Anonymous.GetAsync($"{Url}/preview?id={wang}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Wang Jiaxiang", html, StringComparison.Ordinal);
        Assert.Contains("王稼祥", html, StringComparison.Ordinal);
        Assert.Contains("1951 – 1966-03", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors *", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"{Url}/preview?id={Guid.NewGuid()}", Ct)).StatusCode);
        await (await Anonymous.GetAsync($"{Url}/preview?id=nope", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        var view = await Anonymous.GetAsync($"{Url}/view/{wang}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, view.StatusCode);
        Assert.Equal($"/api/v1/people/{wang}", view.Headers.Location!.OriginalString);
    }
}
