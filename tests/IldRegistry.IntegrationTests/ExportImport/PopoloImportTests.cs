using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.ExportImport;

/// <summary>Issue 15 part 2, import half: POST /api/v1/import?format=popolo reads back what the Popolo export writes, and another project's Popolo file.</summary>
public sealed class PopoloImportTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/import?format=popolo";

    private static SpecSchemas Popolo => PopoloExportTests.Popolo;

    private async Task<JsonObject> ExportPopoloAsync()
    {
        var document = await (await Anonymous.GetAsync("/api/v1/export?format=popolo", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        document.Remove("exportedAt");
        return document;
    }

    private async Task<JsonObject> ExportJsonAsync()
    {
        var document = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        document.Remove("exportedAt");
        return document;
    }

    private Task<HttpResponseMessage> ImportAsync(JsonNode document, bool dryRun = false) =>
        Admin.PostRawJsonAsync(dryRun ? Url + "&dryRun=true" : Url, document.ToJsonString(), Ct);

    /// <summary>Every record and its history gone (the API keys stay): the registry a Popolo file is imported into.</summary>
    private async Task EmptyRegistryAsync()
    {
        await using var scope = Factory.CreateScope(out var db);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).Where(t => t is not null && t != "api_keys").Distinct().Select(t => $"\"{t}\"");
#pragma warning disable EF1002 // The table names come from the model, not from input.
        await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables)} CASCADE", Ct);
#pragma warning restore EF1002
    }

    private async Task<int> AuditCountAsync()
    {
        await using var scope = Factory.CreateScope(out var db);
        return await db.AuditEntries.CountAsync(Ct);
    }

    private static int Sum(JsonNode counts) => counts.AsObject().Sum(c => c.Value!.GetValue<int>());

    [Fact]
    public async Task The_popolo_export_imported_into_an_empty_registry_exports_the_same_popolo_and_the_same_json()
    {
        await Factory.LoadSeedFilesAsync(Ct);
        var popolo = await ExportPopoloAsync();
        var json = await ExportJsonAsync();
        var records = ExportTests.Sections.Sum(s => json[s]!.AsArray().Count);

        await EmptyRegistryAsync();
        var result = await (await ImportAsync(popolo)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(records, Sum(result["created"]!));
        Assert.Equal(0, Sum(result["updated"]!));

        // Nothing is lost on the way: Popolo with its extensions carries every field of every resource, events and
        // source records included (in the document's extension).
        var again = await ExportPopoloAsync();
        Assert.True(JsonNode.DeepEquals(popolo, again), "the Popolo export differs after the round trip");
        Assert.True(JsonNode.DeepEquals(json, await ExportJsonAsync()), "the JSON export differs after the round trip");

        // And the same file again changes nothing.
        var second = await (await ImportAsync(again)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(records, Sum(second["unchanged"]!));
    }

    [Fact]
    public async Task A_dry_run_counts_and_writes_nothing()
    {
        var popolo = await ExportPopoloAsync();
        await EmptyRegistryAsync();
        var audits = await AuditCountAsync();

        var result = await (await ImportAsync(popolo, dryRun: true)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(result["dryRun"]!.GetValue<bool>());
        Assert.Equal(popolo["persons"]!.AsArray().Count, result["created"]!["people"]!.GetValue<int>());
        Assert.Equal(popolo["memberships"]!.AsArray().Count, result["created"]!["leaders"]!.GetValue<int>());

        Assert.Equal(0, await ExportTests.TotalAsync(Anonymous, "people", Ct));
        Assert.Equal(0, await ExportTests.TotalAsync(Anonymous, "departments", Ct));
        Assert.Equal(audits, await AuditCountAsync());
    }

    /// <summary>A small Popolo file as another project would write it: its own ids, no extensions, Popolo's fields only.</summary>
    private static JsonObject ForeignFile() => JsonNode.Parse("""
        {
          "persons": [
            { "id": "person/ana-example", "name": "Ana Example",
              "other_names": [ { "name": "Ana Ejemplo", "lang": "es", "note": "Alternative" } ],
              "identifiers": [ { "scheme": "wikidata", "identifier": "Q4115189" } ],
              "birth_date": "1961-04",
              "sources": [ { "url": "https://example.org/ana", "note": "Example biography" } ] },
            { "id": "person/ben-sample", "name": "Ben Sample" }
          ],
          "organizations": [
            { "id": "org/ministry", "name": "Ministry of Examples", "classification": "department",
              "founding_date": "1949-10", "sources": [ { "url": "https://example.org/ministry" } ] },
            { "id": "org/institute", "name": "Institute of Examples", "classification": "institution", "parent_id": "org/ministry" }
          ],
          "posts": [
            { "id": "post/minister", "label": "Minister", "organization_id": "org/ministry" },
            { "id": "post/deputy", "label": "Deputy Minister", "organization_id": "org/ministry" }
          ],
          "memberships": [
            { "id": "membership/1", "person_id": "person/ana-example", "post_id": "post/minister", "start_date": "1998-03", "end_date": "2003-11-02" },
            { "id": "membership/2", "person_id": "person/ben-sample", "post_id": "post/deputy", "start_date": "2001" },
            { "id": "membership/3", "person_id": "person/ana-example", "post_id": "post/deputy", "start_date": "2004" }
          ]
        }
        """)!.AsObject();

    [Fact]
    public async Task A_popolo_file_from_another_project_imports()
    {
        var file = ForeignFile();
        foreach (var (section, schema) in new[] { ("persons", "person.json"), ("organizations", "organization.json"), ("posts", "post.json"), ("memberships", "membership.json") })
        {
            Assert.All(file[section]!.AsArray(), item => Popolo.AssertValid(schema, item!.ToJsonString()));
        }

        var result = await (await ImportAsync(file)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, result["created"]!["people"]!.GetValue<int>());
        Assert.Equal(1, result["created"]!["departments"]!.GetValue<int>());
        Assert.Equal(1, result["created"]!["institutions"]!.GetValue<int>());
        Assert.Equal(3, result["created"]!["leaders"]!.GetValue<int>());

        var ministry = await (await Anonymous.GetAsync("/api/v1/departments/ministry-of-examples", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1949-10", ministry["established"]!.GetValue<string>());
        // Popolo without a dissolution date says nothing of one: not known to exist today.
        Assert.Equal("Unknown", ministry["dissolvedStatus"]!.GetValue<string>());

        var leaders = await (await Anonymous.GetAsync("/api/v1/leaders?department=ministry-of-examples&sort=rank", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var minister = leaders["items"]!.AsArray()[0]!;
        Assert.Equal("Minister", minister["title"]!.GetValue<string>());
        Assert.Equal(1, minister["rank"]!.GetValue<int>());
        Assert.Equal("1998-03", minister["start"]!.GetValue<string>());
        Assert.Equal("2003-11-02", minister["end"]!.GetValue<string>());
        var deputy = leaders["items"]!.AsArray().Single(l => l!["person"]!["name"]!.GetValue<string>() == "Ben Sample")!;
        Assert.Equal(("Deputy Minister", 2), (deputy["title"]!.GetValue<string>(), deputy["rank"]!.GetValue<int>()));
        Assert.Equal("Unknown", deputy["endStatus"]!.GetValue<string>());

        var ana = await (await Anonymous.GetAsync($"/api/v1/people/{minister["person"]!["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1961-04", ana["born"]!.GetValue<string>());
        Assert.Equal("es", ana["otherNames"]![0]!["lang"]!.GetValue<string>());
        Assert.Equal("Q4115189", ana["identifiers"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("https://example.org/ana", ana["sources"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("Example biography", ana["sources"]![0]!["title"]!.GetValue<string>());

        var institute = (await (await Anonymous.GetAsync($"/api/v1/institutions?departmentId={ministry["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!;
        Assert.Equal("ChildAgency", institute["kind"]!.GetValue<string>());

        // Units: Popolo has no word for a unit's kind, which the registry requires, so it is given in the extension;
        // a unit under a unit belongs to the department above both.
        var withUnits = ForeignFile();
        withUnits["organizations"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "org/first-bureau", "name": "First Bureau of Examples", "classification": "unit", "parent_id": "org/ministry",
              "other_names": [ { "name": "Bureau One" } ], "ildregistry": { "kind": "RegionalBureau", "number": 1 } }
            """));
        withUnits["organizations"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "org/first-bureau-office", "name": "Office of the First Bureau", "classification": "unit", "parent_id": "org/first-bureau",
              "ildregistry": { "kind": "Office" } }
            """));
        var units = await (await ImportAsync(withUnits)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, units["created"]!["bureaus"]!.GetValue<int>());
        Assert.Equal(0, Sum(units["updated"]!));
        var bureaus = await (await Anonymous.GetAsync($"/api/v1/bureaus?departmentId={ministry["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var first = bureaus["items"]!.AsArray().Single(b => b!["name"]!.GetValue<string>() == "First Bureau of Examples")!;
        Assert.Equal("Bureau One", first["alternateName"]!.GetValue<string>());
        var office = bureaus["items"]!.AsArray().Single(b => b!["name"]!.GetValue<string>() == "Office of the First Bureau")!;
        Assert.Equal(first["id"]!.GetValue<string>(), office["parentBureau"]!["id"]!.GetValue<string>());

        // The same file again finds the same records (its ids become the same UUIDs).
        var second = await (await ImportAsync(ForeignFile())).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, Sum(second["created"]!));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_popolo_field_and_nothing_is_written()
    {
        var file = ForeignFile();
        file["organizations"]![1]!["classification"] = "party";
        file["persons"]![0]!["gender"] = "female";
        var audits = await AuditCountAsync();

        // What the mapping itself sees is answered first: an unknown classification, a field the registry cannot hold.
        var structural = (await (await ImportAsync(file)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Equal(["organizations[1].classification", "persons[0].gender"], structural.Keys.Order());

        // Then the import's own rules, each keyed by the Popolo field it is about.
        file = ForeignFile();
        file["memberships"]![0]!["start_date"] = "1998-13";
        file["memberships"]![1]!["person_id"] = "person/nobody";
        file["memberships"]![2]!["ildregistry"] = new JsonObject { ["rank"] = 0 };
        file["organizations"]!.AsArray().Add(new JsonObject { ["id"] = "org/unit", ["name"] = "A Unit", ["classification"] = "unit", ["parent_id"] = "org/ministry" });
        var errors = (await (await ImportAsync(file)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Equal(
            ["memberships[0].start_date", "memberships[1].person_id", "memberships[2].ildregistry.rank", "organizations[2].ildregistry.kind"],
            errors.Keys.Order());

        await (await Anonymous.GetAsync("/api/v1/departments/ministry-of-examples", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task A_clash_names_the_popolo_items_and_an_export_document_is_not_read_as_popolo()
    {
        var file = ForeignFile();
        var copy = file["organizations"]![0]!.DeepClone().AsObject();
        copy["id"] = "org/ministry-again";
        file["organizations"]!.AsArray().Add(copy);
        var errors = (await (await ImportAsync(file)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Contains("organizations[2].name", errors.Keys);
        Assert.Contains("organizations[0]", string.Join(" ", errors["organizations[2].name"]), StringComparison.Ordinal);

        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var wrong = (await (await ImportAsync(export)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Contains("format", wrong.Keys);
        Assert.Contains("departments", wrong.Keys);
        var unknownFormat = (await (await Admin.PostRawJsonAsync("/api/v1/import?format=xml", "{}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Contains("format", unknownFormat.Keys);
    }
}
