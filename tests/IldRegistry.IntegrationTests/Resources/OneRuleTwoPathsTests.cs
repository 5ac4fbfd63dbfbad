using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.ExportImport;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Resources;

/// <summary>
/// Each rule is written once, in its resource's definition: a single write and an import that break the same rule
/// get the same message, on the same field (the import's keyed by the item's place in the document).
/// </summary>
public sealed class OneRuleTwoPathsTests(RegistryApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string, string, string> Breaks => new()
    {
        // resource, field to break, how (a JSON value, or "self" for the record's own id)
        { "bureaus", "parentBureauId", "self" },
        { "departments", "parentId", "self" },
        { "bureaus", "departmentId", "missing" },
        { "leaders", "personId", "missing" },
        { "institutions", "departmentId", "missing" },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task A_single_write_and_an_import_report_the_same_rule_the_same_way(string resource, string field, string how)
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var items = export[resource]!.AsArray();
        var index = items.Count - 1;
        var item = items[index]!.AsObject();
        var id = item["id"]!.GetValue<Guid>();
        item[field] = how == "self" ? id : Guid.NewGuid();

        // The single write: a PUT of the record with the broken field.
        var fields = item.DeepClone().AsObject();
        fields.Remove("id");
        var current = await Client.GetAsync($"/api/v1/{resource}/{id}", Ct);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/{resource}/{id}") { Content = JsonContent(fields) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        var single = (await (await Client.SendAsync(put, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        var imported = (await (await Admin.PostAsync("/api/v1/import", JsonContent(export), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        var message = Assert.Single(single[field]);
        Assert.Equal([message], imported[$"{resource}[{index}].{field}"]);
    }

    [Fact]
    public async Task A_clash_of_names_reads_the_same_in_a_post_and_in_an_import()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var institution = export["institutions"]!.AsArray()[0]!.AsObject();
        var copy = institution.DeepClone().AsObject();
        copy.Remove("id");

        var post = await (await Client.PostAsync("/api/v1/institutions", JsonContent(copy), Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", post["field"]!.GetValue<string>());

        var item = copy.DeepClone().AsObject();
        item["id"] = Guid.NewGuid();
        var document = new JsonObject { ["format"] = "ildregistry-export", ["version"] = 1, ["institutions"] = new JsonArray(item) };
        var imported = (await (await Admin.PostAsync("/api/v1/import", JsonContent(document), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        // The same words; only where the other record is differs: its URL, or "in the registry".
        var single = post["detail"]!.GetValue<string>();
        var fromImport = Assert.Single(imported["institutions[0].name"]);
        Assert.Equal(single[..single.IndexOf('(', StringComparison.Ordinal)], fromImport[..fromImport.IndexOf('(', StringComparison.Ordinal)]);
        Assert.Contains($"/api/v1/institutions/{institution["id"]}", single, StringComparison.Ordinal);
        Assert.Contains("in the registry", fromImport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_section_no_resource_has_is_400_naming_the_sections()
    {
        var document = new JsonObject { ["format"] = "ildregistry-export", ["version"] = 1, ["ministries"] = new JsonArray() };

        var errors = (await (await Admin.PostAsync("/api/v1/import", JsonContent(document), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        var message = Assert.Single(errors["ministries"]);
        Assert.Contains("departments, people, leaders, bureaus, institutions, events", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_section_that_is_not_an_array_is_400_on_it()
    {
        var document = new JsonObject { ["format"] = "ildregistry-export", ["version"] = 1, ["people"] = "Lu Kang" };

        var errors = (await (await Admin.PostAsync("/api/v1/import", JsonContent(document), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        Assert.Contains("array", Assert.Single(errors["people"]), StringComparison.Ordinal);
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
