using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Leaders;

/// <summary>Issue 12, parts 1 to 3 on leader posts: unknown, ongoing, bounds, attestation, and the three-valued as-of.</summary>
public sealed class TruthfulTimeTests(RegistryApiFactory factory) : LeaderTest(factory)
{
    private static object Source(string? attested = null, string? notBefore = null, string? notAfter = null, string? weight = null) => new
    {
        title = "A source",
        url = "https://example.org/source",
        attested,
        attestedNotBefore = notBefore,
        attestedNotAfter = notAfter,
        weight,
    };

    private static JsonObject Body(Guid department, Guid person, string title = "Head", int rank = 1, string? start = null, string? end = null, string? endStatus = null, params object[] sources)
    {
        var body = new JsonObject
        {
            ["departmentId"] = department,
            ["personId"] = person,
            ["title"] = title,
            ["rank"] = rank,
            ["start"] = start,
            ["end"] = end,
            ["endStatus"] = endStatus,
            ["sources"] = JsonSerializer(sources.Length == 0 ? [Source()] : sources),
        };
        return body;
    }

    private static JsonNode JsonSerializer(object[] sources) => System.Text.Json.JsonSerializer.SerializeToNode(sources, HttpAssertions.JsonOptions)!;

    private async Task<JsonObject> LeadershipAsync(string slug, string asOf) =>
        await (await Anonymous.GetAsync($"/api/v1/departments/{slug}/leaders?asOf={asOf}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

    private static List<string> PossibleNames(JsonObject body) =>
        [.. body["possible"]!.AsArray().Select(p => p!["post"]!["person"]!["name"]!.GetValue<string>())];

    private static string ReasonOf(JsonObject body, string name) =>
        body["possible"]!.AsArray().Single(p => p!["post"]!["person"]!["name"]!.GetValue<string>() == name)!["reason"]!.GetValue<string>();

    [Fact]
    public async Task An_uncertain_end_with_bounds_round_trips_and_an_omitted_start_reads_as_unknown()
    {
        var department = await CreateDepartmentAsync();
        var body = Body(department, await CreatePersonAsync("Liu Jianchao"), start: "2022-06", end: "2025");
        body["endNotBefore"] = "2025-07";
        body["endNotAfter"] = "2025-09-30";
        var (created, _) = await CreatePostAsync(body);

        Assert.Equal("2025", created["end"]!.GetValue<string>());
        Assert.Equal("Known", created["endStatus"]!.GetValue<string>());
        Assert.Equal("2025-07", created["endNotBefore"]!.GetValue<string>());
        Assert.Equal("2025-09-30", created["endNotAfter"]!.GetValue<string>());
        Assert.Equal("Known", created["startStatus"]!.GetValue<string>());

        var undated = (await CreatePostAsync(Body(department, await CreatePersonAsync("Deputy"), "Deputy Head", 2))).Body;
        Assert.Null(undated["start"]);
        Assert.Equal("Unknown", undated["startStatus"]!.GetValue<string>());
        // A client that sends no end status and no end means what it always meant: still serving.
        Assert.Equal("Ongoing", undated["endStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_if_match_sets_an_unknown_end_and_the_export_carries_it()
    {
        var (created, response) = await CreatePostAsync(Body(await CreateDepartmentAsync(), await CreatePersonAsync(), start: "2001"));
        var id = created["id"]!.GetValue<Guid>();
        var replace = Body(created["department"]!["id"]!.GetValue<Guid>(), created["person"]!["id"]!.GetValue<Guid>(), start: "2001", endStatus: "Unknown", sources: Source("2004-05"));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = JsonContent.Create(replace) };
        request.Headers.IfMatch.Add(response.Headers.ETag!);

        var replaced = await (await Client.SendAsync(request, Ct)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Unknown", replaced["endStatus"]!.GetValue<string>());
        Assert.Null(replaced["end"]);
        Assert.Equal("2004-05", replaced["sources"]![0]!["attested"]!.GetValue<string>());
        var export = await (await Admin.GetAsync("/api/v1/export?format=json", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var exported = export["leaders"]!.AsArray().Single(l => l!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal("Unknown", exported["endStatus"]!.GetValue<string>());
        Assert.Equal("2004-05", exported["sources"]![0]!["attested"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string?> BadDates => new()
    {
        // field, value, (for bounds) the date they narrow
        { "endNotBefore", "2024-07", "2025" },
        { "endNotAfter", "2026-01", "2025" },
        { "startNotBefore", "2019", null },
        { "endNotBefore", "2025-07", null },
    };

    [Theory]
    [MemberData(nameof(BadDates))]
    public async Task A_bound_outside_its_date_or_without_one_is_400_naming_it(string field, string value, string? date)
    {
        var department = await CreateDepartmentAsync();
        var body = Body(department, await CreatePersonAsync(), start: field.StartsWith("start", StringComparison.Ordinal) ? date : "2020", end: field.StartsWith("end", StringComparison.Ordinal) ? date : null, endStatus: date is null && field.StartsWith("end", StringComparison.Ordinal) ? "Unknown" : null);
        body[field] = value;

        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.Errors().Keys);
        Assert.Empty((await ItemsAsync($"departmentId={department}")).AsEnumerable());
    }

    [Fact]
    public async Task A_no_later_than_before_the_no_earlier_than_is_400()
    {
        var body = Body(await CreateDepartmentAsync(), await CreatePersonAsync(), start: "2020", end: "2025");
        body["endNotBefore"] = "2025-09";
        body["endNotAfter"] = "2025-07";
        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("must not be before 'endNotBefore'", Assert.Single(problem.Errors()["endNotAfter"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020", "2019", null, "end")]
    [InlineData("2020", null, "Known", "endStatus")]
    [InlineData("2020", "2021", "Ongoing", "endStatus")]
    [InlineData("2020", "2021", "Unknown", "endStatus")]
    [InlineData("2020", null, "Sometime", "endStatus")]
    public async Task An_end_before_its_start_or_a_status_that_contradicts_the_end_is_400(string start, string? end, string? status, string field)
    {
        var problem = await (await Client.PostJsonAsync(Url, Body(await CreateDepartmentAsync(), await CreatePersonAsync(), start: start, end: end, endStatus: status), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData("soon", null, null, null, "sources[0].attested")]
    [InlineData(null, "2025-09-30", null, null, "sources[0].attestedNotBefore")]
    [InlineData("2025", null, "2026-01", null, "sources[0].attestedNotAfter")]
    [InlineData("202X", "2026-11", "2025-09-30", null, "sources[0].attestedNotAfter")]
    [InlineData(null, null, null, "Great", "sources[0].weight")]
    public async Task A_bad_attestation_or_weight_is_400_naming_the_field(string? attested, string? notBefore, string? notAfter, string? weight, string field)
    {
        var problem = await (await Client.PostJsonAsync(Url, Body(await CreateDepartmentAsync(), await CreatePersonAsync(), start: "2020", sources: Source(attested, notBefore, notAfter, weight)), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task An_uncertain_attestation_and_a_weight_are_kept()
    {
        var (created, _) = await CreatePostAsync(Body(await CreateDepartmentAsync(), await CreatePersonAsync(), sources: Source("202X", "2025-09-30", "2026-11-27", "Medium")));
        var source = created["sources"]![0]!;
        Assert.Equal("202X", source["attested"]!.GetValue<string>());
        Assert.Equal("2025-09-30", source["attestedNotBefore"]!.GetValue<string>());
        Assert.Equal("2026-11-27", source["attestedNotAfter"]!.GetValue<string>());
        Assert.Equal("Medium", source["weight"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2005-01-01", new[] { "A" }, new[] { "C" })]
    [InlineData("2012-01-01", new string[0], new[] { "B", "C" })]
    [InlineData("2013-01-01", new[] { "C" }, new[] { "B" })]
    [InlineData("2016-01-01", new[] { "B" }, new[] { "C" })]
    public async Task Unknown_dates_are_known_only_between_attestations_and_a_known_head_rules_out_an_undated_one(string asOf, string[] known, string[] possible)
    {
        var department = await CreateDepartmentAsync("time-test");
        await CreatePostIdAsync(Body(department, await CreatePersonAsync("A"), start: "2000", end: "2010"));
        // B: start unknown, still serving, attested in 2015: known from the end of 2015 on.
        await CreatePostIdAsync(Body(department, await CreatePersonAsync("B"), sources: Source("2015")));
        // C: neither start nor end known; attested 2012-06-01 and 2014-03-01.
        await CreatePostIdAsync(Body(department, await CreatePersonAsync("C"), "Deputy Head", 2, endStatus: "Unknown", sources: [Source("2012-06-01"), Source("2014-03-01")]));

        var body = await LeadershipAsync("time-test", asOf);

        Assert.Equal(known, Names(body["leaders"]!.AsArray()));
        Assert.Equal(possible, PossibleNames(body));
        if (possible.Contains("C"))
        {
            Assert.Equal(asOf == "2016-01-01" ? "EndUnknown" : "StartUnknown", ReasonOf(body, "C"));
        }

        if (possible.Contains("B"))
        {
            Assert.Equal("StartUnknown", ReasonOf(body, "B"));
            Assert.Contains("2015-12-31", body["possible"]!.AsArray().Single(p => p!["post"]!["person"]!["name"]!.GetValue<string>() == "B")!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2025-06-30", new[] { "Old" }, new string[0], null)]
    [InlineData("2025-08-15", new string[0], new[] { "Old" }, "EndUncertain")]
    [InlineData("2025-10-01", new string[0], new string[0], null)]
    public async Task Bounds_narrow_what_is_known_and_widen_what_is_possible(string asOf, string[] known, string[] possible, string? reason)
    {
        var department = await CreateDepartmentAsync("time-test");
        var body = Body(department, await CreatePersonAsync("Old"), start: "2022-06", end: "2025");
        body["endNotBefore"] = "2025-07";
        body["endNotAfter"] = "2025-09-30";
        await CreatePostIdAsync(body);

        var leadership = await LeadershipAsync("time-test", asOf);

        Assert.Equal(known, Names(leadership["leaders"]!.AsArray()));
        Assert.Equal(possible, PossibleNames(leadership));
        if (reason is not null)
        {
            Assert.Equal(reason, ReasonOf(leadership, "Old"));
        }
    }

    [Fact]
    public async Task Two_heads_whose_months_meet_are_never_both_known_on_one_day()
    {
        var department = await CreateDepartmentAsync("time-test");
        await CreatePostIdAsync(Body(department, await CreatePersonAsync("Before"), start: "2003-03", end: "2015-11"));
        await CreatePostIdAsync(Body(department, await CreatePersonAsync("After"), start: "2015-11", end: "2022-06"));

        var day = await LeadershipAsync("time-test", "2015-11-15");
        Assert.Empty(day["leaders"]!.AsArray());
        Assert.Equal(["Before", "After"], PossibleNames(day).Order(StringComparer.Ordinal).Reverse());
        Assert.All(day["possible"]!.AsArray(), p => Assert.Equal("SoleHolderUndecided", p!["reason"]!.GetValue<string>()));

        // Over a whole month both held the post at some time in it: that is known.
        var month = await LeadershipAsync("time-test", "2015-11");
        Assert.Equal(2, month["leaders"]!.AsArray().Count);
        Assert.Equal(["After"], Names((await LeadershipAsync("time-test", "2016-01-01"))["leaders"]!.AsArray()));
    }

    [Fact]
    public async Task A_post_with_an_unknown_start_and_no_attestation_is_only_possible()
    {
        var department = await CreateDepartmentAsync("time-test");
        await CreatePostIdAsync(Body(department, await CreatePersonAsync("Unattested"), "Adviser", 3));

        var body = await LeadershipAsync("time-test", "2020-01-01");
        Assert.Empty(body["leaders"]!.AsArray());
        Assert.Equal("NotAttested", ReasonOf(body, "Unattested"));
    }
}
