using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Writes;

/// <summary>Issue 17, parts 4 and 6: the OpenAPI document states the limits, headers and answers the server has.</summary>
public sealed class OpenApiContractTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonObject> DocumentAsync(string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/swagger/v1/swagger.json");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return JsonNode.Parse(await (await Anonymous.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct))!.AsObject();
    }

    private static JsonObject Operation(JsonObject document, string path, string method) => document["paths"]![path]![method]!.AsObject();

    private static JsonObject Parameter(JsonObject operation, string name) =>
        operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public async Task Servers_come_from_configuration_not_from_the_host_header()
    {
        var document = await DocumentAsync("evil.example");
        var url = Assert.Single(document["servers"]!.AsArray())!["url"]!.GetValue<string>();
        Assert.Equal("/", url);
    }

    [Fact]
    public async Task Every_string_query_parameter_has_a_documented_maximum_that_the_server_enforces()
    {
        var document = await DocumentAsync();
        var unbounded = (
            from path in document["paths"]!.AsObject()
            from operation in path.Value!.AsObject()
            from parameter in operation.Value!["parameters"]?.AsArray() ?? []
            where parameter!["in"]!.GetValue<string>() == "query"
            let schema = parameter["schema"]!
            where schema.ToJsonString().Contains("\"string\"", StringComparison.Ordinal)
                && schema["maxLength"] is null && schema["enum"] is null && schema["format"] is null
            select $"{operation.Key} {path.Key} {parameter["name"]}").ToList();
        Assert.Empty(unbounded);
        Assert.Equal(200, Parameter(Operation(document, "/api/v1/leaders", "get"), "title")["schema"]!["maxLength"]!.GetValue<int>());

        var tooLong = new string('a', 201);
        foreach (var (url, field) in new[]
        {
            ($"/api/v1/leaders?title={tooLong}", "title"),
            ($"/api/v1/departments/ild/org-chart?asOf={tooLong}", "asOf"),
            ($"/api/v1/departments/ild/changes?from={tooLong}", "from"),
            ($"/api/v1/changes?after={tooLong}", "after"),
        })
        {
            var problem = await (await Anonymous.GetAsync(url, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, $"{url}: {problem.ToJsonString()}");
        }

        // At the maximum the value is read as what it is (here: not a date), not refused for its length.
        var atMaximum = await (await Anonymous.GetAsync($"/api/v1/leaders?title={new string('a', 200)}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(atMaximum["items"]!.AsArray());
    }

    [Fact]
    public async Task Limits_headers_and_answers_are_documented()
    {
        var document = await DocumentAsync();

        var export = Operation(document, "/api/v1/export", "get");
        var zip = export["responses"]!["200"]!["content"]!["application/zip"]!["schema"]!;
        Assert.Equal("string", zip["type"]!.GetValue<string>());
        Assert.NotNull(export["responses"]!["200"]!["headers"]!["Repr-Digest"]);
        Assert.Equal(["json", "csv", "popolo"], Parameter(export, "format")["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));

        var create = Operation(document, "/api/v1/departments", "post");
        Assert.True(create["requestBody"]!["required"]!.GetValue<bool>());
        Assert.NotNull(create["responses"]!["415"]);
        Assert.NotNull(create["responses"]!["429"]!["headers"]!["Retry-After"]);
        Assert.NotNull(create["responses"]!["201"]!["headers"]!["Location"]);
        Assert.NotNull(create["responses"]!["201"]!["headers"]!["ETag"]);
        Assert.NotNull(create["responses"]!["401"]!["headers"]!["WWW-Authenticate"]);

        var list = Operation(document, "/api/v1/people", "get");
        Assert.NotNull(list["responses"]!["200"]!["headers"]!["Link"]);
        Assert.Equal(200, Parameter(list, "q")["schema"]!["maxLength"]!.GetValue<int>());

        var search = Operation(document, "/api/v1/search", "get");
        Assert.Equal(200, Parameter(search, "q")["schema"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(1, Parameter(search, "limit")["schema"]!["minimum"]!.GetValue<int>());
        Assert.Equal(100, Parameter(search, "limit")["schema"]!["maximum"]!.GetValue<int>());

        var put = Operation(document, "/api/v1/departments/{id}", "put");
        Assert.True(Parameter(put, "If-Match")["required"]!.GetValue<bool>());
        Assert.NotNull(put["responses"]!["428"]);
        Assert.NotNull(Operation(document, "/api/v1/departments/{id}", "get")["responses"]!["200"]!["headers"]!["ETag"]);

        var request = document["components"]!["schemas"]!["DepartmentRequest"]!.AsObject();
        foreach (var list_ in new[] { "otherNames", "identifiers", "sources" })
        {
            Assert.Equal(100, request["properties"]![list_]!["maxItems"]!.GetValue<int>());
            Assert.DoesNotContain(list_, request["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_list_q_over_200_characters_is_400_and_problems_all_have_type_and_detail()
    {
        foreach (var resource in new[] { "departments", "people", "leaders", "bureaus", "institutions", "events" })
        {
            var problem = await (await Anonymous.GetAsync($"/api/v1/{resource}?q={new string('a', 201)}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("q", problem.Errors().Keys);
            await (await Anonymous.GetAsync($"/api/v1/{resource}?q={new string('a', 200)}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        }

        var sort = await (await Anonymous.GetAsync("/api/v1/people?sort=bogus", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(sort["type"]?.GetValue<string>()));
        var missing = await (await Anonymous.GetAsync("/api/v1/people/zzz", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrEmpty(missing["detail"]?.GetValue<string>()));
    }
}
