using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.History;

public sealed class RecordedAsOfTests(RegistryApiFactory factory) : ApiTest(factory)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.LoadSeedFilesAsync(Ct);
    }

    private static string Moment(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    private static async Task<DateTimeOffset> PauseAsync()
    {
        // The audit entries' times and the test's come from one clock; a pause keeps "before" strictly before.
        await Task.Delay(30, Ct);
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(30, Ct);
        return now;
    }

    [Fact]
    public async Task A_record_read_as_recorded_at_a_past_moment_answers_its_fields_then_with_memento_headers()
    {
        var created = await (await Client.PostJsonAsync("/api/v1/people", new { name = "First Name", notes = "kept" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/people/{created["id"]}";
        var afterCreate = await PauseAsync();
        (await Client.PutCurrentAsync(url, new { name = "Second Name", notes = "kept" }, Ct)).EnsureSuccessStatusCode();
        var afterUpdate = await PauseAsync();

        using var then = await Anonymous.GetAsync($"{url}?recordedAsOf={Moment(afterCreate)}", Ct);
        var body = await then.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First Name", body["record"]!["name"]!.GetValue<string>());
        Assert.Equal("kept", body["record"]!["notes"]!.GetValue<string>());
        Assert.Equal("people", body["type"]!.GetValue<string>());
        Assert.Equal("Created", body["action"]!.GetValue<string>());
        Assert.False(body["deleted"]!.GetValue<bool>());
        var recordedAt = body["recordedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(recordedAt <= afterCreate);
        Assert.Equal(recordedAt.UtcDateTime.ToString("R", CultureInfo.InvariantCulture), then.Headers.GetValues("Memento-Datetime").Single());
        Assert.Equal($"<{url}>; rel=\"original\"", then.Headers.GetValues("Link").Single());

        var now = await (await Anonymous.GetAsync($"{url}?recordedAsOf={Moment(afterUpdate)}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Second Name", now["record"]!["name"]!.GetValue<string>());
        Assert.Equal("Updated", now["action"]!.GetValue<string>());

        // The version that moment recorded is the current ETag's, since nothing changed after it.
        using var current = await Anonymous.GetAsync(url, Ct);
        Assert.StartsWith($"\"{now["version"]!.GetValue<uint>()}-", current.Headers.ETag!.Tag, StringComparison.Ordinal);

        // A plain read is unchanged.
        Assert.Equal("Second Name", (await current.ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_record_read_as_of_a_moment_before_its_deletion_answers_as_it_was()
    {
        var created = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Deleted Later" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/people/{created["id"]}";
        var beforeDelete = await PauseAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync(url, Ct)).StatusCode);
        var afterDelete = await PauseAsync();
        await (await Anonymous.GetAsync(url, Ct)).ReadProblemAsync(HttpStatusCode.Gone);

        var then = await (await Anonymous.GetAsync($"{url}?recordedAsOf={Moment(beforeDelete)}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(then["deleted"]!.GetValue<bool>());
        Assert.Equal("Deleted Later", then["record"]!["name"]!.GetValue<string>());

        var later = await (await Anonymous.GetAsync($"{url}?recordedAsOf={Moment(afterDelete)}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(later["deleted"]!.GetValue<bool>());
        Assert.Equal("Deleted", later["action"]!.GetValue<string>());
        Assert.Equal("Deleted Later", later["record"]!["name"]!.GetValue<string>());
    }

    /// <summary>What the registry will hold is not known: a moment after now is refused, today's date means now.</summary>
    [Fact]
    public async Task A_moment_after_now_is_a_400_and_todays_date_means_now()
    {
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var inAnHour = Moment(DateTimeOffset.UtcNow.AddHours(1));
        foreach (var url in new[]
        {
            $"/api/v1/departments/ild?recordedAsOf={tomorrow}",
            $"/api/v1/departments/ild/leaders?recordedAsOf={inAnHour}",
            $"/api/v1/departments/ild/org-chart?recordedAsOf={tomorrow}",
        })
        {
            var problem = await (await Anonymous.GetAsync(url, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("after now", Assert.Single(problem.Errors()["recordedAsOf"]), StringComparison.Ordinal);
        }

        var before = DateTimeOffset.UtcNow;
        var today = before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = await (await Anonymous.GetAsync($"/api/v1/departments/ild/leaders?recordedAsOf={today}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var moment = body["recordedAsOf"]!.GetValue<DateTimeOffset>();
        Assert.InRange(moment, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_department_is_read_as_recorded_by_its_slug_and_a_date_means_its_end()
    {
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await Anonymous.GetAsync($"/api/v1/departments/ild?recordedAsOf={today}", Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("ild", body["record"]!["slug"]!.GetValue<string>());
        Assert.Equal("departments", body["type"]!.GetValue<string>());
        Assert.True(response.Headers.Contains("Memento-Datetime"));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-12-05T10:00:00")]
    [InlineData("1951")]
    public async Task A_malformed_moment_is_a_400_naming_recordedAsOf(string moment)
    {
        var problem = await (await Anonymous.GetAsync($"/api/v1/departments/ild?recordedAsOf={Uri.EscapeDataString(moment)}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("recordedAsOf", problem.Errors().Keys);
        problem = await (await Anonymous.GetAsync($"/api/v1/departments/ild/leaders?recordedAsOf={Uri.EscapeDataString(moment)}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("recordedAsOf", problem.Errors().Keys);
    }

    [Fact]
    public async Task A_record_created_after_the_moment_is_a_404()
    {
        var before = await PauseAsync();
        var created = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Not Yet" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        await (await Anonymous.GetAsync($"/api/v1/people/{created["id"]}?recordedAsOf={Moment(before)}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>"Who was head on a date, as the registry recorded it at a moment": valid time and transaction time together.</summary>
    [Fact]
    public async Task The_leadership_as_recorded_before_a_head_post_was_deleted_still_shows_that_head()
    {
        var leadership = await (await Anonymous.GetAsync("/api/v1/departments/ild/leaders", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var head = leadership["leaders"]!.AsArray().Single(l => l!["title"]!.GetValue<string>() == "Head")!;
        Assert.Equal("Liu Haixing", head["person"]!["name"]!.GetValue<string>());
        var beforeDelete = await PauseAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/leaders/{head["id"]}", Ct)).StatusCode);

        var now = await (await Anonymous.GetAsync("/api/v1/departments/ild/leaders", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(now["leaders"]!.AsArray(), l => l!["title"]!.GetValue<string>() == "Head");

        using var response = await Anonymous.GetAsync($"/api/v1/departments/ild/leaders?recordedAsOf={Moment(beforeDelete)}", Ct);
        var then = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(beforeDelete, then["recordedAsOf"]!.GetValue<DateTimeOffset>());
        Assert.True(response.Headers.Contains("Memento-Datetime"));
        var headThen = then["leaders"]!.AsArray().Single(l => l!["title"]!.GetValue<string>() == "Head")!;
        Assert.Equal("Liu Haixing", headThen["person"]!["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(Without(head), Without(headThen)), $"{head.ToJsonString()}\n{headThen.ToJsonString()}");

        // Both times at once: 2019 as recorded before the deletion (which did not touch 2019) answers as today does.
        var in2019 = await (await Anonymous.GetAsync($"/api/v1/departments/ild/leaders?asOf=2019-06-01&recordedAsOf={Moment(beforeDelete)}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var plain2019 = await (await Anonymous.GetAsync("/api/v1/departments/ild/leaders?asOf=2019-06-01", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(Strip(plain2019), Strip(in2019)), $"{plain2019.ToJsonString()}\n{in2019.ToJsonString()}");
        Assert.Equal("Song Tao", in2019["leaders"]!.AsArray().Single(l => l!["title"]!.GetValue<string>() == "Head")!["person"]!["name"]!.GetValue<string>());
    }

    /// <summary>The org chart as recorded at a moment: the same document the registry answered then.</summary>
    [Fact]
    public async Task The_org_chart_as_recorded_at_a_moment_answers_what_the_chart_was_then()
    {
        using var before = await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=2026-11-30", Ct);
        var chartThen = await before.ReadJsonAsync(HttpStatusCode.OK);
        var moment = await PauseAsync();

        // Change what the chart shows: add an institution, rename a unit, delete a post.
        await (await Client.PostJsonAsync("/api/v1/institutions", new { departmentId = IldRegistry.Data.Seed.IldArticleSeed.IldId, name = "Institute Added Later", kind = "ChildAgency", established = "2020" }, Ct))
            .ReadJsonAsync(HttpStatusCode.Created);
        var unit = chartThen["bureaus"]!.AsArray().First()!;
        var unitUrl = $"/api/v1/bureaus/{unit["id"]}";
        // The record as recorded now is in the shape PUT takes.
        var unitNow = (await (await Client.GetAsync($"{unitUrl}?recordedAsOf={Moment(DateTimeOffset.UtcNow)}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["record"]!.AsObject();
        unitNow["name"] = "Renamed Unit";

        (await Client.PutCurrentAsync(unitUrl, unitNow, Ct)).EnsureSuccessStatusCode();
        var head = chartThen["leadership"]!.AsArray().Single(l => l!["title"]!.GetValue<string>() == "Head")!;
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/leaders/{head["id"]}", Ct)).StatusCode);

        var now = await (await Anonymous.GetAsync("/api/v1/departments/ild/org-chart?asOf=2026-11-30", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(JsonNode.DeepEquals(chartThen, now));
        Assert.Contains("Renamed Unit", now.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Institute Added Later", now.ToJsonString(), StringComparison.Ordinal);

        using var recorded = await Anonymous.GetAsync($"/api/v1/departments/ild/org-chart?asOf=2026-11-30&recordedAsOf={Moment(moment)}", Ct);
        var body = await recorded.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(moment, body["recordedAsOf"]!.GetValue<DateTimeOffset>());
        Assert.Equal(moment.UtcDateTime.ToString("R", CultureInfo.InvariantCulture), recorded.Headers.GetValues("Memento-Datetime").Single());
        Assert.Equal("</api/v1/departments/ild/org-chart?asOf=2026-11-30>; rel=\"original\"", recorded.Headers.GetValues("Link").Single());
        body.Remove("recordedAsOf");
        Assert.True(JsonNode.DeepEquals(chartThen, body), $"{chartThen.ToJsonString()}\n{body.ToJsonString()}");

        // The picture takes the moment too.
        var svg = await Anonymous.GetStringAsync($"/api/v1/departments/ild/org-chart.svg?asOf=2026-11-30&recordedAsOf={Moment(moment)}", Ct);
        Assert.Contains(unit["name"]!.GetValue<string>(), svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Renamed Unit", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2001-01-01", HttpStatusCode.NotFound)]
    [InlineData("yesterday", HttpStatusCode.BadRequest)]
    public async Task The_org_chart_as_recorded_before_the_department_existed_or_at_no_moment_is_refused(string moment, HttpStatusCode status)
    {
        using var response = await Anonymous.GetAsync($"/api/v1/departments/ild/org-chart?recordedAsOf={moment}", Ct);
        var problem = await response.ReadProblemAsync(status);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey("recordedAsOf"), problem.ToJsonString());
        }
    }

    [Fact]
    public async Task The_org_chart_as_recorded_while_the_department_was_deleted_is_a_410()
    {
        var created = await (await Client.PostJsonAsync("/api/v1/departments", new { slug = "short-lived", name = "Short-Lived Department" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var url = $"/api/v1/departments/{created["id"]}";
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync(url, Ct)).StatusCode);
        var whileDeleted = await PauseAsync();
        (await Client.PostAsync($"{url}/restore", null, Ct)).EnsureSuccessStatusCode();

        await (await Anonymous.GetAsync("/api/v1/departments/short-lived/org-chart", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        using var then = await Anonymous.GetAsync($"/api/v1/departments/short-lived/org-chart?recordedAsOf={Moment(whileDeleted)}", Ct);
        await then.ReadProblemAsync(HttpStatusCode.Gone);
    }

    private static JsonObject Strip(JsonObject leadership)
    {
        var copy = leadership.DeepClone().AsObject();
        copy.Remove("recordedAsOf");
        foreach (var list in new[] { "leaders", "possible" })
        {
            copy[list] = new JsonArray([.. copy[list]!.AsArray().Select(p => list == "leaders" ? Without(p!) : WithoutPost(p!))]);
        }

        return copy;
    }

    private static JsonObject WithoutPost(JsonNode possible)
    {
        var copy = possible.DeepClone().AsObject();
        copy["post"] = Without(copy["post"]!);
        return copy;
    }

    // Bookkeeping that the history rebuilds from entry times rather than the row's own columns.
    private static JsonObject Without(JsonNode post)
    {
        var copy = post.DeepClone().AsObject();
        copy.Remove("createdAt");
        copy.Remove("updatedAt");
        copy.Remove("version");
        return copy;
    }
}
