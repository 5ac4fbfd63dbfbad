using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.ExportImport;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Resources;

/// <summary>
/// Issue 12 parts 1 and 8 on every body (departments, units, institutions) and on other names: known, unknown and
/// ongoing ends, bounds, and each rule a 400 naming its field.
/// </summary>
public sealed class DatedFieldTests(RegistryApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string> Bodies => new() { "departments", "bureaus", "institutions" };

    private async Task<JsonObject> NewBodyAsync(string resource)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var ild = (await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
        return resource switch
        {
            "departments" => new JsonObject { ["slug"] = "dated-" + unique, ["name"] = "Dated " + unique },
            "bureaus" => new JsonObject { ["departmentId"] = ild, ["name"] = "Dated " + unique, ["kind"] = "Office", ["sortOrder"] = 90 },
            _ => new JsonObject { ["departmentId"] = ild, ["name"] = "Dated " + unique, ["kind"] = "ChildAgency" },
        };
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Established_and_dissolved_with_bounds_round_trip_and_an_omitted_dissolution_is_ongoing(string resource)
    {
        var url = $"/api/v1/{resource}";
        var body = await NewBodyAsync(resource);
        body["established"] = "1951";
        body["establishedNotBefore"] = "1951-01";
        body["establishedNotAfter"] = "1951-06-30";
        body["dissolved"] = "1991";
        body["dissolvedNotBefore"] = "1991-08";
        body["dissolvedNotAfter"] = "1991-12-26";
        var created = await (await Client.PostJsonAsync(url, body, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();

        var read = await (await Anonymous.GetAsync($"{url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        foreach (var record in new[] { created, read })
        {
            Assert.Equal("1951", record["established"]!.GetValue<string>());
            Assert.Equal("Known", record["establishedStatus"]!.GetValue<string>());
            Assert.Equal("1951-06-30", record["establishedNotAfter"]!.GetValue<string>());
            Assert.Equal("1991", record["dissolved"]!.GetValue<string>());
            Assert.Equal("Known", record["dissolvedStatus"]!.GetValue<string>());
            Assert.Equal("1991-08", record["dissolvedNotBefore"]!.GetValue<string>());
        }

        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        var exported = export[resource]!.AsArray().Single(r => r!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal("1991-12-26", exported["dissolvedNotAfter"]!.GetValue<string>());
        Assert.Equal("Known", exported["dissolvedStatus"]!.GetValue<string>());
        var files = await ExportTests.ReadZipAsync(await Anonymous.GetAsync("/api/v1/export?format=csv", Ct));
        var (header, rows) = ExportTests.ParseCsv(files[resource + ".csv"]);
        var row = rows.Single(r => r[0] == id.ToString());
        Assert.Equal("Known", row[header.IndexOf("dissolvedStatus")]);
        Assert.Equal("=\"1951-01\"", row[header.IndexOf("establishedNotBefore")]);

        // Unknown: neither dissolved nor still existing is known.
        var unknown = (await NewBodyAsync(resource)).AsObject();
        foreach (var key in new[] { "slug", "name" })
        {
            if (read[key] is { } value)
            {
                unknown[key] = value.DeepClone();
            }
        }

        unknown["dissolvedStatus"] = "Unknown";
        var replaced = await (await Client.PutCurrentAsync($"{url}/{id}", unknown, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Null(replaced["dissolved"]);
        Assert.Equal("Unknown", replaced["dissolvedStatus"]!.GetValue<string>());
        Assert.Equal("Unknown", replaced["establishedStatus"]!.GetValue<string>());
        var history = await (await Anonymous.GetAsync($"{url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("1991-12-26", history["items"]!.AsArray()[0]!["before"]!.ToJsonString(), StringComparison.Ordinal);

        // A client that says nothing of a dissolution means what it always meant: it exists.
        var plain = await (await Client.PostJsonAsync(url, await NewBodyAsync(resource), Ct)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("Ongoing", plain["dissolvedStatus"]!.GetValue<string>());
        Assert.Equal("Unknown", plain["establishedStatus"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string?, string, string, string> BadBodies()
    {
        var data = new TheoryData<string, string, string?, string, string, string>();
        foreach (var resource in new[] { "departments", "bureaus", "institutions" })
        {
            // established, dissolved, the field set, its value, the field named
            data.Add(resource, "2000", "1999", "dissolvedStatus", "Known", "dissolved");
            data.Add(resource, "2000", null, "dissolvedStatus", "Known", "dissolvedStatus");
            data.Add(resource, "2000", "2001", "dissolvedStatus", "Ongoing", "dissolvedStatus");
            data.Add(resource, "2000", "2001", "dissolvedStatus", "Unknown", "dissolvedStatus");
            data.Add(resource, "2000", null, "dissolvedNotBefore", "2001", "dissolvedNotBefore");
            data.Add(resource, "2000", "2001", "dissolvedNotAfter", "2002-01", "dissolvedNotAfter");
            data.Add(resource, "2000", null, "establishedNotBefore", "1999-12", "establishedNotBefore");
            data.Add(resource, "2000", null, "establishedNotAfter", "2000-01", "establishedNotAfter");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_date_status_or_bound_on_a_body_is_400_naming_the_field_and_writes_nothing(string resource, string established, string? dissolved, string field, string value, string named)
    {
        var body = await NewBodyAsync(resource);
        body["established"] = established;
        body["dissolved"] = dissolved;
        if (field == "establishedNotAfter")
        {
            body["establishedNotBefore"] = "2000-06";
        }

        body[field] = value;

        var problem = await (await Client.PostJsonAsync($"/api/v1/{resource}", body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(named, problem.Errors().Keys);
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        Assert.DoesNotContain(export[resource]!.AsArray(), r => r!["name"]!.GetValue<string>() == body["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_seed_keeps_what_its_data_says_a_see_also_department_is_not_said_to_exist_today()
    {
        var cpsu = await (await Anonymous.GetAsync("/api/v1/departments/cpsu-international-department", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Unknown", cpsu["dissolvedStatus"]!.GetValue<string>());
        var ild = await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Ongoing", ild["dissolvedStatus"]!.GetValue<string>());
        Assert.Equal("Known", ild["establishedStatus"]!.GetValue<string>());
        var name = ild["otherNames"]!.AsArray().First()!;
        Assert.Equal("Unknown", name["startStatus"]!.GetValue<string>());
        Assert.Equal("Ongoing", name["endStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Other_names_carry_bounds_and_end_statuses_and_a_former_name_is_not_ongoing_by_default()
    {
        var body = await NewBodyAsync("institutions");
        body["otherNames"] = new JsonArray
        {
            new JsonObject { ["name"] = "Old Name", ["lang"] = "en", ["kind"] = "Former", ["start"] = "1981", ["end"] = "1990", ["endNotBefore"] = "1990-03", ["endNotAfter"] = "1990-06" },
            new JsonObject { ["name"] = "Older Name", ["lang"] = "en", ["kind"] = "Former" },
            new JsonObject { ["name"] = "Short", ["lang"] = "en", ["kind"] = "Abbreviation", ["start"] = "1990", ["startNotBefore"] = "1990-06" },
        };
        var created = await (await Client.PostJsonAsync("/api/v1/institutions", body, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var names = (await (await Anonymous.GetAsync($"/api/v1/institutions/{created["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["otherNames"]!.AsArray();

        Assert.Equal("Known", names[0]!["endStatus"]!.GetValue<string>());
        Assert.Equal("1990-06", names[0]!["endNotAfter"]!.GetValue<string>());
        Assert.Equal("Known", names[0]!["startStatus"]!.GetValue<string>());
        Assert.Equal("Unknown", names[1]!["endStatus"]!.GetValue<string>());
        Assert.Equal("Unknown", names[1]!["startStatus"]!.GetValue<string>());
        Assert.Equal("Ongoing", names[2]!["endStatus"]!.GetValue<string>());
        Assert.Equal("1990-06", names[2]!["startNotBefore"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Former", "2000", "1999", null, null, null, "otherNames[0].end")]
    [InlineData("Former", "2000", null, "Ongoing", null, null, "otherNames[0].endStatus")]
    [InlineData("Alternative", "2000", null, "Known", null, null, "otherNames[0].endStatus")]
    [InlineData("Alternative", "2000", "2001", "Unknown", null, null, "otherNames[0].endStatus")]
    [InlineData("Alternative", null, null, null, "startNotBefore", "2000", "otherNames[0].startNotBefore")]
    [InlineData("Alternative", "2000", null, null, "startNotAfter", "2001-01", "otherNames[0].startNotAfter")]
    [InlineData("Alternative", "2000", "2001", null, "endNotBefore", "2000-12", "otherNames[0].endNotBefore")]
    [InlineData("Alternative", "2000", "2001", null, "endNotAfter", "soon", "otherNames[0].endNotAfter")]
    public async Task A_bad_name_date_is_400_naming_the_field(string kind, string? start, string? end, string? endStatus, string? field, string? value, string named)
    {
        var name = new JsonObject { ["name"] = "Named", ["lang"] = "en", ["kind"] = kind, ["start"] = start, ["end"] = end, ["endStatus"] = endStatus };
        if (field is not null)
        {
            name[field] = value;
        }

        var body = await NewBodyAsync("departments");
        body["otherNames"] = new JsonArray { name };

        var problem = await (await Client.PostJsonAsync("/api/v1/departments", body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(named, problem.Errors().Keys);
    }
}
