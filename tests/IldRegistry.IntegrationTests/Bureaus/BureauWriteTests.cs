using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Bureaus;

/// <summary>Create and replace, with every validation rule.</summary>
public sealed class BureauWriteTests(RegistryApiFactory factory) : BureauTestBase(factory)
{
    [Fact]
    public async Task Post_creates_with_location_etag_and_embedded_refs()
    {
        var ild = await DepartmentIdAsync();
        var response = await PostAsync(NewBureau(ild, "Pacific Bureau", kind: "RegionalBureau", number: 9, sortOrder: 18));
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.NotNull(response.Headers.ETag);
        Assert.Equal($"{Url}/{created["id"]!.GetValue<Guid>()}", response.Headers.Location!.AbsolutePath);
        Assert.Equal("Pacific Bureau", created["name"]!.GetValue<string>());
        Assert.Equal("Pacific Bureau (alternate)", created["alternateName"]!.GetValue<string>());
        Assert.Equal("RegionalBureau", created["kind"]!.GetValue<string>());
        Assert.Equal(9, created["number"]!.GetValue<int>());
        Assert.Equal("Oceania", created["region"]!.GetValue<string>());
        Assert.Equal(18, created["sortOrder"]!.GetValue<int>());
        Assert.Null(created["parentBureau"]);
        Assert.Equal(ild, created["department"]!["id"]!.GetValue<Guid>());
        Assert.Equal("ild", created["department"]!["slug"]!.GetValue<string>());
        Assert.Equal("https://example.org/source", created["sources"]![0]!["url"]!.GetValue<string>());

        var fetchResponse = await Client.GetAsync(response.Headers.Location, Ct);
        var fetched = await fetchResponse.ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(created, fetched), $"{created} != {fetched}");
        Assert.Equal(response.Headers.ETag, fetchResponse.Headers.ETag);
        Assert.Equal(18, (await ListAsync("department=ild"))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_with_only_the_required_fields_creates_a_top_level_unit()
    {
        var ild = await DepartmentIdAsync();
        var body = new JsonObject { ["departmentId"] = ild.ToString(), ["name"] = "Minimal Office", ["kind"] = "Office" };
        var (created, _) = await CreateAsync(body);

        Assert.Equal(0, created["sortOrder"]!.GetValue<int>());
        Assert.Null(created["number"]);
        Assert.Null(created["alternateName"]);
        Assert.Empty(created["sources"]!.AsArray());
    }

    [Fact]
    public async Task Post_under_a_parent_embeds_the_parent_id_and_name()
    {
        var ild = await DepartmentIdAsync();
        var parent = await SeededIdAsync("Party Committee");
        var (created, _) = await CreateAsync(NewBureau(ild, "Discipline Inspection Office", kind: "PartyBody", parentBureauId: parent));

        Assert.Equal(parent, created["parentBureau"]!["id"]!.GetValue<Guid>());
        Assert.Equal("Party Committee", created["parentBureau"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_without_a_key_is_401_and_writes_nothing()
    {
        var response = await Anonymous.PostRawJsonAsync(Url, NewBureau(await DepartmentIdAsync()).ToJsonString(), Ct);
        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(17, (await ListAsync(string.Empty))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_with_bad_fields_is_400_naming_each_field_and_writes_nothing()
    {
        var body = new JsonObject
        {
            ["name"] = "",
            ["alternateName"] = new string('a', 301),
            ["region"] = new string('r', 301),
            ["kind"] = "Office",
            ["number"] = 3,
            ["sortOrder"] = -1,
            ["sources"] = new JsonArray(new JsonObject { ["title"] = "", ["url"] = "ftp://example.org/x", ["language"] = "not a tag" }),
        };
        var errors = (await (await PostAsync(body)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();

        Assert.Equal(
            ["alternateName", "departmentId", "name", "number", "region", "sortOrder", "sources[0].language", "sources[0].title", "sources[0].url"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(17, (await ListAsync(string.Empty))["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("name", null, "name")]
    [InlineData("name", "", "name")]
    [InlineData("name", "LONG", "name")]
    [InlineData("alternateName", "LONG", "alternateName")]
    [InlineData("region", "LONG", "region")]
    [InlineData("kind", null, "kind")]
    [InlineData("kind", "Directorate", "kind")]
    [InlineData("departmentId", null, "departmentId")]
    [InlineData("departmentId", "00000000-0000-0000-0000-000000000000", "departmentId")]
    [InlineData("departmentId", "not-a-guid", "departmentId")]
    [InlineData("parentBureauId", "not-a-guid", "parentBureauId")]
    public async Task Post_with_a_bad_text_field_is_400_on_that_field(string property, string? value, string field)
    {
        var body = NewBureau(await DepartmentIdAsync());
        body[property] = value == "LONG" ? new string('x', 301) : value;
        var problem = await (await PostAsync(body)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_with_texts_of_exactly_300_characters_is_accepted()
    {
        var body = NewBureau(await DepartmentIdAsync(), new string('n', 300));
        body["alternateName"] = new string('a', 300);
        body["region"] = new string('r', 300);
        var (created, _) = await CreateAsync(body);
        Assert.Equal(300, created["name"]!.GetValue<string>().Length);
        Assert.Equal(300, created["alternateName"]!.GetValue<string>().Length);
        Assert.Equal(300, created["region"]!.GetValue<string>().Length);
    }

    [Theory]
    [InlineData("""{"name":"X","kind":2}""", "kind")]
    [InlineData("""{"name":"X","kind":"Office","sortOrder":"first"}""", "sortOrder")]
    [InlineData("""{"name":"X","kind":"Office","id":"00000000-0000-0000-0000-000000000001"}""", "id")]
    [InlineData("""{"name":"X","kind":"Office","createdAt":"2020-01-01T00:00:00Z"}""", "createdAt")]
    [InlineData("""{"name":"X","kind":"Office","department":{"slug":"ild"}}""", "department")]
    public async Task Post_with_wrong_types_or_server_owned_fields_is_400_naming_the_field(string json, string field)
    {
        var problem = await (await Client.PostRawJsonAsync(Url, json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task Post_with_a_sort_order_out_of_range_is_400_on_sort_order(int sortOrder)
    {
        var problem = await (await PostAsync(NewBureau(await DepartmentIdAsync(), sortOrder: sortOrder))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sortOrder", problem.Errors().Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public async Task Post_with_a_sort_order_at_the_edges_is_accepted(int sortOrder)
    {
        var (created, _) = await CreateAsync(NewBureau(await DepartmentIdAsync(), sortOrder: sortOrder));
        Assert.Equal(sortOrder, created["sortOrder"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(100)]
    public async Task Post_with_a_number_out_of_range_is_400_on_number(int number)
    {
        var problem = await (await PostAsync(NewBureau(await DepartmentIdAsync(), kind: "RegionalBureau", number: number))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("number", problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_with_number_99_is_accepted()
    {
        var (created, _) = await CreateAsync(NewBureau(await DepartmentIdAsync(), kind: "RegionalBureau", number: 99));
        Assert.Equal(99, created["number"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Office")]
    [InlineData("ResearchOffice")]
    [InlineData("FunctionalBureau")]
    [InlineData("PartyBody")]
    public async Task Post_with_a_number_on_a_unit_that_is_not_a_regional_bureau_is_400_on_number(string kind)
    {
        var problem = await (await PostAsync(NewBureau(await DepartmentIdAsync(), kind: kind, number: 9))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("RegionalBureau", Assert.Single(problem.Errors()["number"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_a_number_another_live_bureau_of_the_department_has_is_400_naming_that_bureau()
    {
        var problem = await (await PostAsync(NewBureau(await DepartmentIdAsync(), kind: "RegionalBureau", number: 3))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("West Asia and North Africa Bureau", Assert.Single(problem.Errors()["number"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_is_unique_per_department_and_only_among_live_bureaus()
    {
        var (cpsuUnit, _) = await CreateAsync(NewBureau(await DepartmentIdAsync(CpsuSlug), "Third Sector", kind: "RegionalBureau", number: 3));
        Assert.Equal(3, cpsuUnit["number"]!.GetValue<int>());

        var ild = await DepartmentIdAsync();
        var first = await CreateIdAsync(NewBureau(ild, "Old Pacific Bureau", kind: "RegionalBureau", number: 9));
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{first}", Ct)).StatusCode);
        var (second, _) = await CreateAsync(NewBureau(ild, "New Pacific Bureau", kind: "RegionalBureau", number: 9));
        Assert.Equal(9, second["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_with_an_unknown_department_is_400_on_department_id()
    {
        var problem = await (await PostAsync(NewBureau(Guid.NewGuid()))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("departmentId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_into_a_deleted_department_is_400_on_department_id()
    {
        var department = await Client.PostJsonAsync("/api/v1/departments", new { slug = "gone-department", name = "Gone Department" }, Ct);
        var departmentId = (await department.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).StatusCode);

        var problem = await (await PostAsync(NewBureau(departmentId))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("departmentId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_with_an_unknown_parent_is_400_on_parent_bureau_id()
    {
        var problem = await (await PostAsync(NewBureau(await DepartmentIdAsync(), parentBureauId: Guid.NewGuid()))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parentBureauId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_under_a_deleted_parent_is_400_on_parent_bureau_id()
    {
        var ild = await DepartmentIdAsync();
        var parent = await CreateIdAsync(NewBureau(ild, "Short-lived Office", kind: "Office"));
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{parent}", Ct)).StatusCode);

        var problem = await (await PostAsync(NewBureau(ild, parentBureauId: parent))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parentBureauId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Post_under_a_parent_of_another_department_is_400_on_parent_bureau_id()
    {
        var parent = await SeededIdAsync("General Office");
        var problem = await (await PostAsync(NewBureau(await DepartmentIdAsync(CpsuSlug), parentBureauId: parent))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("another department", Assert.Single(problem.Errors()["parentBureauId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_a_duplicate_name_in_the_department_is_409_on_name_and_writes_nothing()
    {
        var problem = await (await PostAsync(NewBureau(await DepartmentIdAsync(), "Protocol Bureau"))).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("name", problem["field"]!.GetValue<string>());
        Assert.Contains("Protocol Bureau", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(17, (await ListAsync(string.Empty))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_name_is_unique_per_department_and_only_among_live_bureaus()
    {
        await CreateIdAsync(NewBureau(await DepartmentIdAsync(CpsuSlug), "Protocol Bureau"));

        var ild = await DepartmentIdAsync();
        var protocol = await SeededIdAsync("Protocol Bureau");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{protocol}", Ct)).StatusCode);
        var (again, _) = await CreateAsync(NewBureau(ild, "Protocol Bureau"));
        Assert.NotEqual(protocol, again["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Put_replaces_every_field_and_changes_the_etag()
    {
        var ild = await DepartmentIdAsync();
        var (created, response) = await CreateAsync(NewBureau(ild, "Draft Bureau"));
        var id = created["id"]!.GetValue<Guid>();
        var parent = await SeededIdAsync("First Asia Bureau");

        var replacement = new JsonObject
        {
            ["departmentId"] = ild.ToString(),
            ["name"] = "Korea Desk",
            ["kind"] = "Office",
            ["parentBureauId"] = parent.ToString(),
            ["sortOrder"] = 3,
        };
        var put = await PutAsync(id, replacement, response.Headers.ETag);
        var body = await put.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("Korea Desk", body["name"]!.GetValue<string>());
        Assert.Null(body["alternateName"]);
        Assert.Null(body["region"]);
        Assert.Equal("Office", body["kind"]!.GetValue<string>());
        Assert.Equal("First Asia Bureau", body["parentBureau"]!["name"]!.GetValue<string>());
        Assert.Equal(3, body["sortOrder"]!.GetValue<int>());
        Assert.Empty(body["sources"]!.AsArray());
        Assert.NotEqual(response.Headers.ETag, put.Headers.ETag);
        Assert.Equal(created["createdAt"]!.GetValue<DateTimeOffset>(), body["createdAt"]!.GetValue<DateTimeOffset>());

        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(body, fetched), $"{body} != {fetched}");
    }

    [Fact]
    public async Task Put_keeping_its_own_name_and_number_is_accepted()
    {
        var id = await SeededIdAsync("Africa Bureau");
        var current = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var body = new JsonObject
        {
            ["departmentId"] = current["department"]!["id"]!.GetValue<Guid>().ToString(),
            ["name"] = "Africa Bureau",
            ["alternateName"] = "Fourth Bureau",
            ["kind"] = "RegionalBureau",
            ["number"] = 4,
            ["region"] = "Sub-Saharan Africa",
            ["sortOrder"] = current["sortOrder"]!.GetValue<int>(),
        };

        var updated = await (await PutAsync(id, body)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Sub-Saharan Africa", updated["region"]!.GetValue<string>());
        Assert.Equal(4, updated["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var ild = await DepartmentIdAsync();
        var (created, response) = await CreateAsync(NewBureau(ild, "Draft Bureau"));
        var id = created["id"]!.GetValue<Guid>();
        var first = await PutAsync(id, NewBureau(ild, "First Edit"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var problem = await (await PutAsync(id, NewBureau(ild, "Lost Edit"), response.Headers.ETag)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        // Exactly the ETag header a GET answers, hash part included.
        Assert.Equal(first.Headers.ETag!.Tag, problem["currentETag"]!.GetValue<string>());
        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First Edit", fetched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_of_an_unknown_bureau_is_404()
    {
        await (await PutAsync(Guid.NewGuid(), NewBureau(await DepartmentIdAsync()))).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_of_a_deleted_bureau_is_410()
    {
        var ild = await DepartmentIdAsync();
        var id = await CreateIdAsync(NewBureau(ild));
        await Client.DeleteCurrentAsync($"{Url}/{id}", Ct);
        var problem = await (await PutAsync(id, NewBureau(ild))).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{id}/restore", problem["restore"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_bad_fields_is_400_and_changes_nothing()
    {
        var ild = await DepartmentIdAsync();
        var id = await CreateIdAsync(NewBureau(ild, "Draft Bureau"));
        var body = NewBureau(ild, "", kind: "Office", number: 2);

        var errors = (await (await PutAsync(id, body)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Contains("name", errors.Keys);
        Assert.Contains("number", errors.Keys);
        var fetched = await (await Client.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Draft Bureau", fetched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_to_the_name_of_another_bureau_is_409_on_name()
    {
        var ild = await DepartmentIdAsync();
        var id = await CreateIdAsync(NewBureau(ild, "Draft Bureau"));
        var problem = await (await PutAsync(id, NewBureau(ild, "Cadre Bureau"))).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_to_the_number_of_another_bureau_is_400_naming_it()
    {
        var id = await SeededIdAsync("Second Asia Bureau");
        var body = NewBureau(await DepartmentIdAsync(), "Second Asia Bureau", kind: "RegionalBureau", number: 1);
        var problem = await (await PutAsync(id, body)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("First Asia Bureau", Assert.Single(problem.Errors()["number"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_making_a_bureau_its_own_parent_is_400_on_parent_bureau_id()
    {
        var ild = await DepartmentIdAsync();
        var id = await CreateIdAsync(NewBureau(ild));
        var problem = await (await PutAsync(id, NewBureau(ild, parentBureauId: id))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parentBureauId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Put_that_makes_a_parent_cycle_is_400_on_parent_bureau_id_and_changes_nothing()
    {
        var ild = await DepartmentIdAsync();
        var top = await CreateIdAsync(NewBureau(ild, "Top"));
        var middle = await CreateIdAsync(NewBureau(ild, "Middle", parentBureauId: top));
        var bottom = await CreateIdAsync(NewBureau(ild, "Bottom", parentBureauId: middle));

        var problem = await (await PutAsync(top, NewBureau(ild, "Top", parentBureauId: bottom))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cycle", Assert.Single(problem.Errors()["parentBureauId"]), StringComparison.Ordinal);
        problem = await (await PutAsync(middle, NewBureau(ild, "Middle", parentBureauId: bottom))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parentBureauId", problem.Errors().Keys);

        var fetched = await (await Client.GetAsync($"{Url}/{top}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Null(fetched["parentBureau"]);
    }

    [Fact]
    public async Task Put_moving_a_bureau_under_another_branch_is_accepted()
    {
        var ild = await DepartmentIdAsync();
        var top = await CreateIdAsync(NewBureau(ild, "Top"));
        var middle = await CreateIdAsync(NewBureau(ild, "Middle", parentBureauId: top));
        var other = await CreateIdAsync(NewBureau(ild, "Other"));

        var moved = await (await PutAsync(middle, NewBureau(ild, "Middle", parentBureauId: other))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Other", moved["parentBureau"]!["name"]!.GetValue<string>());
        var cleared = await (await PutAsync(middle, NewBureau(ild, "Middle"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Null(cleared["parentBureau"]);
    }

    [Fact]
    public async Task Put_under_a_parent_of_another_department_is_400_on_parent_bureau_id()
    {
        var cpsu = await DepartmentIdAsync(CpsuSlug);
        var foreignParent = await CreateIdAsync(NewBureau(cpsu, "Soviet Office"));
        var id = await CreateIdAsync(NewBureau(await DepartmentIdAsync(), "Draft Bureau"));

        var problem = await (await PutAsync(id, NewBureau(await DepartmentIdAsync(), "Draft Bureau", parentBureauId: foreignParent))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("parentBureauId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Put_moving_a_bureau_to_another_department_works_without_children_and_is_400_with_them()
    {
        var ild = await DepartmentIdAsync();
        var cpsu = await DepartmentIdAsync(CpsuSlug);
        var parent = await CreateIdAsync(NewBureau(ild, "Parent Office"));
        var child = await CreateIdAsync(NewBureau(ild, "Child Office", parentBureauId: parent));

        var problem = await (await PutAsync(parent, NewBureau(cpsu, "Parent Office"))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("child bureaus", Assert.Single(problem.Errors()["departmentId"]), StringComparison.Ordinal);

        var moved = await (await PutAsync(child, NewBureau(cpsu, "Child Office"))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(CpsuSlug, moved["department"]!["slug"]!.GetValue<string>());
        Assert.Null(moved["parentBureau"]);
    }
}
