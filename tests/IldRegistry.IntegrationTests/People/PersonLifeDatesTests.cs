using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.ExportImport;
using IldRegistry.IntegrationTests.Infrastructure;
using static IldRegistry.IntegrationTests.People.PeopleTestData;

namespace IldRegistry.IntegrationTests.People;

/// <summary>Issue 12 part 1 on people: born and died, known or unknown, with bounds; never "living".</summary>
public sealed class PersonLifeDatesTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private static JsonObject Body(string? born = null, string? died = null) => new()
    {
        ["name"] = "Dated Person",
        ["born"] = born,
        ["died"] = died,
    };

    [Fact]
    public async Task Born_and_died_with_bounds_round_trip_through_post_get_put_export_and_history()
    {
        var body = Body("1963-04", "2020");
        body["bornNotBefore"] = "1963-04-01";
        body["bornNotAfter"] = "1963-04-15";
        body["diedNotBefore"] = "2020-03";
        body["diedNotAfter"] = "2020-06-30";
        var response = await Client.PostJsonAsync(Url, body, Ct);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();

        var read = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        foreach (var person in new[] { created, read })
        {
            Assert.Equal("1963-04", person["born"]!.GetValue<string>());
            Assert.Equal("Known", person["bornStatus"]!.GetValue<string>());
            Assert.Equal("1963-04-01", person["bornNotBefore"]!.GetValue<string>());
            Assert.Equal("1963-04-15", person["bornNotAfter"]!.GetValue<string>());
            Assert.Equal("2020", person["died"]!.GetValue<string>());
            Assert.Equal("Known", person["diedStatus"]!.GetValue<string>());
            Assert.Equal("2020-03", person["diedNotBefore"]!.GetValue<string>());
            Assert.Equal("2020-06-30", person["diedNotAfter"]!.GetValue<string>());
        }

        // A PUT without the dates makes them unknown again.
        var replaced = await (await Client.PutCurrentAsync($"{Url}/{id}", Body(), Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Null(replaced["born"]);
        Assert.Equal("Unknown", replaced["bornStatus"]!.GetValue<string>());
        Assert.Null(replaced["died"]);
        Assert.Equal("Unknown", replaced["diedStatus"]!.GetValue<string>());
        Assert.Null(replaced["diedNotAfter"]);

        var history = await (await Anonymous.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var update = history["items"]!.AsArray()[0]!;
        Assert.Equal("Updated", update["action"]!.GetValue<string>());
        Assert.Contains("1963-04", update["before"]!.ToJsonString(), StringComparison.Ordinal);

        (await Client.PutCurrentAsync($"{Url}/{id}", body, Ct)).EnsureSuccessStatusCode();
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var exported = export["people"]!.AsArray().Single(p => p!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal("1963-04", exported["born"]!.GetValue<string>());
        Assert.Equal("2020-06-30", exported["diedNotAfter"]!.GetValue<string>());

        var files = await ExportTests.ReadZipAsync(await Anonymous.GetAsync("/api/v1/export?format=csv", Ct));
        var (header, rows) = ExportTests.ParseCsv(files["people.csv"]);
        var row = rows.Single(r => r[0] == id.ToString());
        Assert.Equal("=\"1963-04-15\"", row[header.IndexOf("bornNotAfter")]);
        Assert.Equal("=\"2020\"", row[header.IndexOf("died")]);
    }

    [Fact]
    public async Task The_import_writes_born_and_died_and_refuses_a_bad_bound_naming_it()
    {
        var id = (await (await Client.PostJsonAsync(Url, Body("1950"), Ct)).ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var person = export["people"]!.AsArray().Single(p => p!["id"]!.GetValue<Guid>() == id)!.AsObject();
        person["born"] = "1951";
        person["died"] = "2001-05";
        // The export says the death was unknown; a date now makes it known, and the status read must agree.
        person["diedStatus"] = "Known";

        (await Admin.PostRawJsonAsync("/api/v1/import", export.ToJsonString(), Ct)).EnsureSuccessStatusCode();
        var read = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1951", read["born"]!.GetValue<string>());
        Assert.Equal("2001-05", read["died"]!.GetValue<string>());

        person["bornNotAfter"] = "1952";
        var problem = await (await Admin.PostRawJsonAsync("/api/v1/import", export.ToJsonString(), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors().Keys, k => k.EndsWith("bornNotAfter", StringComparison.Ordinal));
        Assert.Equal("1951", (await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["born"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nothing_known_reads_as_unknown_never_as_living()
    {
        var created = await (await Client.PostJsonAsync(Url, new { name = "Undated" }, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Null(created["born"]);
        Assert.Equal("Unknown", created["bornStatus"]!.GetValue<string>());
        Assert.Null(created["died"]);
        Assert.Equal("Unknown", created["diedStatus"]!.GetValue<string>());

        // The seed's people say nothing of their deaths: unknown, not alive.
        var id = await Anonymous.IdOfPersonAsync("Lu Kang", Ct);
        Assert.Equal("Unknown", (await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["diedStatus"]!.GetValue<string>());
    }

    public static TheoryData<string?, string?, string, string, string> BadDates => new()
    {
        // born, died, the field set, its value, the field the 400 names
        { "1963-04", null, "bornNotBefore", "1963-03", "bornNotBefore" },
        { "1963-04", null, "bornNotAfter", "1964", "bornNotAfter" },
        { "1963", null, "bornNotAfter", "1963-02", "bornNotAfter" },
        { null, null, "bornNotBefore", "1963", "bornNotBefore" },
        { "1963", null, "diedNotBefore", "2001", "diedNotBefore" },
        { "1963", "2001", "diedNotAfter", "2002-01", "diedNotAfter" },
        { "1963", "1950", "notes", "died before born", "died" },
        { "1963", null, "died", "sometime", "died" },
        { "1963", null, "diedStatus", "Ongoing", "diedStatus" },
        { "1963", null, "diedStatus", "Known", "diedStatus" },
        { "1963", "2001", "diedStatus", "Unknown", "diedStatus" },
        { null, null, "bornStatus", "Known", "bornStatus" },
        { "1963", null, "bornStatus", "Unknown", "bornStatus" },
    };

    [Theory]
    [MemberData(nameof(BadDates))]
    public async Task A_bad_life_date_is_400_naming_the_field_and_writes_nothing(string? born, string? died, string field, string value, string named)
    {
        var body = Body(born, died);
        body["name"] = "Badly Dated " + Guid.NewGuid().ToString("N");
        if (field == "bornNotAfter" && born == "1963")
        {
            body["bornNotBefore"] = "1963-05";
        }

        body[field] = value;

        var problem = await (await Client.PostJsonAsync(Url, body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(named, problem.Errors().Keys);
        var list = await (await Anonymous.GetAsync($"{Url}?q={body["name"]!.GetValue<string>()}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());
    }

    [Fact]
    public async Task The_openapi_document_describes_born_and_died_with_examples()
    {
        var document = await (await Anonymous.GetAsync("/swagger/v1/swagger.json", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var schemas = document["components"]!["schemas"]!;
        var response = schemas["PersonResponse"]!["properties"]!;
        Assert.Contains("unknown", response["born"]!["description"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("living", response["diedStatus"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var request = schemas["PersonRequest"]!["properties"]!;
        Assert.Equal("1963-04", request["born"]!["examples"]?[0]?.GetValue<string>() ?? request["born"]!["example"]!.GetValue<string>());
        Assert.NotNull(request["diedNotAfter"]);
        Assert.Contains("living", request["diedStatus"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
