using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.ExportImport;

public sealed class ImportTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/import";

    private Task<HttpResponseMessage> ImportAsync(JsonObject document, bool dryRun = false, HttpClient? client = null) =>
        (client ?? Admin).PostRawJsonAsync(dryRun ? $"{Url}?dryRun=true" : Url, document.ToJsonString(), Ct);

    private async Task<int> AuditCountAsync()
    {
        await using var scope = Factory.CreateScope(out var db);
        return await db.AuditEntries.CountAsync(Ct);
    }

    private static void AssertCounts(JsonObject result, string kind, int departments = 0, int people = 0, int leaders = 0, int bureaus = 0, int institutions = 0, int events = 0)
    {
        var counts = result[kind]!;
        Assert.Equal(
            (departments, people, leaders, bureaus, institutions, events),
            (counts["departments"]!.GetValue<int>(), counts["people"]!.GetValue<int>(), counts["leaders"]!.GetValue<int>(),
             counts["bureaus"]!.GetValue<int>(), counts["institutions"]!.GetValue<int>(), counts["events"]!.GetValue<int>()));
    }

    private static int Count(JsonObject export, string section) => export[section]!.AsArray().Count;

    private static JsonObject Without(JsonObject export, Guid id)
    {
        var copy = export.DeepClone().AsObject();
        copy.Remove("exportedAt");
        foreach (var section in ExportTests.Sections)
        {
            var items = copy[section]!.AsArray();
            foreach (var item in items.Where(i => i!["id"]!.GetValue<Guid>() == id).ToList())
            {
                items.Remove(item);
            }
        }

        return copy;
    }

    [Fact]
    public async Task Round_trip_restores_edited_and_deleted_records_and_keeps_new_ones()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var person = export["people"]!.AsArray()[0]!.AsObject();
        var personId = person["id"]!.GetValue<Guid>();
        var eventId = export["events"]!.AsArray()[0]!["id"]!.GetValue<Guid>();

        // Edit, delete, create.
        var edited = person.DeepClone().AsObject();
        edited.Remove("id");
        edited["name"] = "Somebody Else";
        edited["sources"] = new JsonArray();
        (await Client.PutCurrentAsync($"/api/v1/people/{personId}", edited, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/events/{eventId}", Ct)).StatusCode);
        var created = await (await Client.PostJsonAsync("/api/v1/people", new { name = "Added After The Export" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var createdId = created["id"]!.GetValue<Guid>();

        var result = await (await ImportAsync(export)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(result["dryRun"]!.GetValue<bool>());
        AssertCounts(result, "created");
        AssertCounts(result, "updated", people: 1, events: 1);
        AssertCounts(
            result, "unchanged", Count(export, "departments"), Count(export, "people") - 1, Count(export, "leaders"), Count(export, "bureaus"),
            Count(export, "institutions"), Count(export, "events") - 1);

        var restored = await (await Anonymous.GetAsync($"/api/v1/people/{personId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(person["name"]!.GetValue<string>(), restored["name"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(person["sources"], ExportTests.AsStored(restored["sources"]!)));
        await (await Anonymous.GetAsync($"/api/v1/events/{eventId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Anonymous.GetAsync($"/api/v1/people/{createdId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        // The registry equals the export again, plus the record created since (import never deletes).
        var after = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        Assert.True(JsonNode.DeepEquals(Without(export, createdId), Without(after, createdId)));
        Assert.Contains(after["people"]!.AsArray(), p => p!["id"]!.GetValue<Guid>() == createdId);

        // The changes are in the history, by the admin key's name.
        var history = await (await Anonymous.GetAsync($"/api/v1/events/{eventId}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var latest = history["items"]!.AsArray()[0]!;
        Assert.Equal("Restored", latest["action"]!.GetValue<string>());
        Assert.Equal("test-admin", latest["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var personId = export["people"]!.AsArray()[0]!["id"]!.GetValue<Guid>();
        var changed = export.DeepClone().AsObject();
        changed["people"]!.AsArray()[0]!["notes"] = "Changed by the import.";
        changed["departments"]!.AsArray().Add(new JsonObject { ["id"] = Guid.NewGuid(), ["slug"] = "imported", ["name"] = "Imported Department" });

        var first = await (await ImportAsync(changed)).ReadJsonAsync(HttpStatusCode.OK);
        AssertCounts(first, "created", departments: 1);
        AssertCounts(first, "updated", people: 1);
        var audits = await AuditCountAsync();
        var history = (await (await Anonymous.GetAsync($"/api/v1/people/{personId}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>();

        var second = await (await ImportAsync(changed)).ReadJsonAsync(HttpStatusCode.OK);
        AssertCounts(second, "created");
        AssertCounts(second, "updated");
        AssertCounts(
            second, "unchanged", Count(changed, "departments"), Count(changed, "people"), Count(changed, "leaders"), Count(changed, "bureaus"),
            Count(changed, "institutions"), Count(changed, "events"));
        Assert.Equal(audits, await AuditCountAsync());
        Assert.Equal(history, (await (await Anonymous.GetAsync($"/api/v1/people/{personId}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dry_run_counts_but_writes_nothing()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var changed = export.DeepClone().AsObject();
        var personId = changed["people"]!.AsArray()[0]!["id"]!.GetValue<Guid>();
        var name = changed["people"]!.AsArray()[0]!["name"]!.GetValue<string>();
        changed["people"]!.AsArray()[0]!["name"] = "Renamed By A Dry Run";
        var newId = Guid.NewGuid();
        changed["people"]!.AsArray().Add(new JsonObject { ["id"] = newId, ["name"] = "Only Counted" });
        var audits = await AuditCountAsync();

        var result = await (await ImportAsync(changed, dryRun: true)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(result["dryRun"]!.GetValue<bool>());
        AssertCounts(result, "created", people: 1);
        AssertCounts(result, "updated", people: 1);

        Assert.Equal(name, (await (await Anonymous.GetAsync($"/api/v1/people/{personId}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>());
        await (await Anonymous.GetAsync($"/api/v1/people/{newId}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task One_bad_record_rolls_back_everything()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var departmentId = Guid.NewGuid();
        var personId = Guid.NewGuid();
        export["departments"]!.AsArray().Add(new JsonObject { ["id"] = departmentId, ["slug"] = "rollback", ["name"] = "Rolled Back" });
        export["people"]!.AsArray().Add(new JsonObject { ["id"] = personId, ["name"] = "Rolled Back Person" });
        export["people"]!.AsArray()[0]!["name"] = "Renamed Then Rolled Back";
        export["leaders"]!.AsArray().Add(new JsonObject
        {
            ["id"] = Guid.NewGuid(), ["departmentId"] = departmentId, ["personId"] = personId, ["title"] = "Head", ["rank"] = 1,
        });
        var bad = export["leaders"]!.AsArray().Count;
        export["leaders"]!.AsArray().Add(new JsonObject
        {
            ["id"] = Guid.NewGuid(), ["departmentId"] = departmentId, ["personId"] = Guid.NewGuid(), ["title"] = "Deputy Head", ["rank"] = 2,
        });
        var audits = await AuditCountAsync();

        var problem = await (await ImportAsync(export)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([$"leaders[{bad}].personId"], problem.Errors().Keys);

        await (await Anonymous.GetAsync($"/api/v1/departments/{departmentId}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Anonymous.GetAsync($"/api/v1/people/{personId}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(
            (await ExportTests.ExportJsonAsync(Anonymous, Ct))["people"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Renamed Then Rolled Back");
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task Every_error_is_reported_at_once_with_its_path()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        export["departments"]!.AsArray()[0]!["name"] = "";
        var copy = export["departments"]!.AsArray()[1]!.DeepClone().AsObject();
        copy["id"] = Guid.NewGuid();
        export["departments"]!.AsArray().Add(copy);
        var duplicate = export["departments"]!.AsArray().Count - 1;
        export["bureaus"]!.AsArray()[2]!["sources"] = new JsonArray(new JsonObject { ["title"] = "A source", ["url"] = "not a url" });
        export["leaders"]!.AsArray()[0]!["personId"] = Guid.NewGuid();
        export["events"]!.AsArray()[0]!["date"] = "sometime";
        export["events"]!.AsArray()[1]!["institutionIds"] = new JsonArray(JsonValue.Create(Guid.NewGuid()));
        export["people"]!.AsArray()[1]!["id"] = export["people"]!.AsArray()[0]!["id"]!.DeepClone();
        export["institutions"]!.AsArray()[0]!["bogus"] = 1;
        export["bureaus"]!.AsArray()[0]!["parentBureauId"] = export["bureaus"]!.AsArray()[0]!["id"]!.DeepClone();

        var problem = await (await ImportAsync(export)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.Errors();
        foreach (var key in new[]
                 {
                     "departments[0].name", $"departments[{duplicate}].slug", $"departments[{duplicate}].name", "bureaus[2].sources[0].url",
                     "leaders[0].personId", "events[0].date", "events[1].institutionIds[0]", "people[1].id", "bureaus[0].parentBureauId",
                 })
        {
            Assert.True(errors.ContainsKey(key), $"{key} missing from {string.Join(", ", errors.Keys)}");
        }

        Assert.Contains(errors.Keys, k => k.StartsWith("institutions[0]", StringComparison.Ordinal));
        Assert.Contains("departments[1]", errors[$"departments[{duplicate}].slug"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clash_with_a_stored_record_is_reported_against_the_file()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var bureau = export["bureaus"]!.AsArray().First(b => b!["number"] is not null)!;
        var document = new JsonObject
        {
            ["format"] = "ildregistry-export",
            ["version"] = 1,
            ["departments"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid(), ["slug"] = "ild", ["name"] = "Another ILD" }),
            ["bureaus"] = new JsonArray(new JsonObject
            {
                ["id"] = Guid.NewGuid(), ["departmentId"] = bureau["departmentId"]!.DeepClone(), ["name"] = "Ninth Bureau", ["kind"] = "RegionalBureau",
                ["number"] = bureau["number"]!.DeepClone(),
            }),
        };

        var errors = (await (await ImportAsync(document)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Equal(["bureaus[0].number", "departments[0].slug"], errors.Keys.Order());
        Assert.Contains("in the registry", errors["departments[0].slug"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "format": "something-else", "version": 1 }""", "format")]
    [InlineData("""{ "format": "ildregistry-export", "version": 2 }""", "version")]
    [InlineData("""{ "format": "ildregistry-export", "version": 1, "extra": [] }""", "extra")]
    public async Task A_body_that_is_not_an_export_is_400(string body, string key)
    {
        var problem = await (await Admin.PostRawJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(key, problem.Errors().Keys);
    }

    [Fact]
    public async Task Only_an_admin_may_import()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var unauthorized = await ImportAsync(export, client: Anonymous);
        await unauthorized.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(unauthorized.Headers.WwwAuthenticate);
        await (await ImportAsync(export, client: Client)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var result = await (await ImportAsync(export)).ReadJsonAsync(HttpStatusCode.OK);
        AssertCounts(result, "created");
        AssertCounts(result, "updated");
    }
}
