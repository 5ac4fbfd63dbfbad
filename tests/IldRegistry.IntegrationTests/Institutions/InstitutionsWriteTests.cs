using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.IntegrationTests.Institutions;

/// <summary>Create, replace, delete, restore and history of institutions, with every validation rule.</summary>
public sealed class InstitutionsWriteTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/institutions";
    private const string Caiu = "Chinese Association for International Understanding";

    private static readonly Guid CaiuId = SeedIds.For("institution:ild:caiu");
    private static readonly Guid PublishingId = SeedIds.For("institution:ild:contemporary-world-publishing");

    private static JsonObject NewInstitution(string name = "Test Institute", Guid? departmentId = null) => new()
    {
        ["departmentId"] = (departmentId ?? IldArticleSeed.IldId).ToString(),
        ["name"] = name,
        ["nativeName"] = "测试研究所",
        ["otherNames"] = new JsonArray(new JsonObject { ["name"] = "TI", ["lang"] = "en", ["kind"] = "Abbreviation", ["start"] = "1990" }),
        ["identifiers"] = new JsonArray(new JsonObject { ["scheme"] = "wikidata", ["value"] = "Q1" }),
        ["kind"] = "AffiliatedInstitution",
        ["established"] = "1990~",
        ["location"] = "Beijing",
        ["summary"] = "An institute made up for a test.",
        ["website"] = "https://example.org/institute",
        ["sources"] = new JsonArray(new JsonObject { ["title"] = "A source", ["url"] = "https://example.org/source", ["publisher"] = "Example", ["language"] = "en" }),
    };

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private async Task<(Guid Id, HttpResponseMessage Response)> CreateAsync(JsonObject? body = null)
    {
        var response = await Client.PostJsonAsync(Url, body ?? NewInstitution(), Ct);
        var id = (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        return (id, response);
    }

    private async Task<Guid> CreateDepartmentAsync(string slug)
    {
        var response = await Client.PostJsonAsync("/api/v1/departments", new { slug, name = $"Department {slug}" }, Ct);
        return (await response.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    private async Task<int> TotalAsync() =>
        (await (await Anonymous.GetAsync(Url, Ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>();

    private async Task<HttpResponseMessage> PutAsync(Guid id, JsonObject body, EntityTagHeaderValue? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = Json(body) };
        // Without an explicit one, the ETag of a fresh read (see ConditionalWrites).
        ifMatch ??= (await Client.GetAsync(request.RequestUri, Ct)).Headers.ETag;
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Post_creates_with_location_etag_and_every_field()
    {
        var response = await Client.PostJsonAsync(Url, NewInstitution(), Ct);
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.NotNull(response.Headers.ETag);
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal($"{Url}/{id}", response.Headers.Location!.AbsolutePath);
        Assert.Equal("Test Institute", created["name"]!.GetValue<string>());
        Assert.Equal("测试研究所", created["nativeName"]!.GetValue<string>());
        Assert.Equal("AffiliatedInstitution", created["kind"]!.GetValue<string>());
        Assert.Equal("1990~", created["established"]!.GetValue<string>());
        Assert.Equal("Beijing", created["location"]!.GetValue<string>());
        Assert.Equal("https://example.org/institute", created["website"]!.GetValue<string>());
        Assert.Equal("TI", created["otherNames"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Q1", created["identifiers"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("https://example.org/source", created["sources"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("ild", created["department"]!["slug"]!.GetValue<string>());

        var fetchedResponse = await Anonymous.GetAsync(response.Headers.Location, Ct);
        var fetched = await fetchedResponse.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.ToJsonString(), fetched.ToJsonString());
        Assert.Equal(response.Headers.ETag, fetchedResponse.Headers.ETag);
        Assert.Equal(11, await TotalAsync());
    }

    [Fact]
    public async Task Post_with_only_the_required_fields_creates()
    {
        var created = await (await Client.PostJsonAsync(Url, new { departmentId = IldArticleSeed.IldId, name = "Bare", kind = "ChildAgency" }, Ct))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Empty(created["otherNames"]!.AsArray());
        Assert.Empty(created["sources"]!.AsArray());
        Assert.Null(created["established"]);
    }

    [Fact]
    public async Task Post_without_a_key_is_401()
    {
        await (await Anonymous.PostJsonAsync(Url, NewInstitution(), Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(10, await TotalAsync());
    }

    public static TheoryData<string, string?, string> BadFields => new()
    {
        // property, its JSON value (null: left out), the errors key
        { "departmentId", null, "departmentId" },
        { "departmentId", "\"00000000-0000-0000-0000-000000000000\"", "departmentId" },
        { "departmentId", "\"not-a-guid\"", "departmentId" },
        { "departmentId", $"\"{Guid.NewGuid()}\"", "departmentId" },
        { "name", null, "name" },
        { "name", "\"\"", "name" },
        { "name", $"\"{new string('n', 301)}\"", "name" },
        { "nativeName", $"\"{new string('n', 301)}\"", "nativeName" },
        { "location", $"\"{new string('l', 301)}\"", "location" },
        { "summary", $"\"{new string('s', 4001)}\"", "summary" },
        { "website", "\"ftp://example.org/x\"", "website" },
        { "website", "\"example.org\"", "website" },
        { "website", "\"/relative/path\"", "website" },
        { "website", $"\"https://example.org/{new string('w', 2000)}\"", "website" },
        { "kind", null, "kind" },
        { "kind", "\"Nickname\"", "kind" },
        { "kind", "1", "kind" },
        { "kind", "\"1\"", "kind" },
        { "established", "\"2022-13\"", "established" },
        { "established", "\"1951-02-30\"", "established" },
        { "established", "1951", "established" },
        { "otherNames", """[{"name":"","lang":"en","kind":"Abbreviation"}]""", "otherNames[0].name" },
        { "otherNames", """[{"name":"X","lang":"not a tag","kind":"Abbreviation"}]""", "otherNames[0].lang" },
        { "otherNames", """[{"name":"X","lang":"en","kind":"Nickname"}]""", "otherNames[0].kind" },
        { "otherNames", """[{"name":"X","lang":"en","kind":"Former","start":"1990","end":"1980"}]""", "otherNames[0].end" },
        { "otherNames", """[{"name":"X","lang":"en","kind":"Former","start":"early"}]""", "otherNames[0].start" },
        { "otherNames", "[null]", "otherNames[0]" },
        { "identifiers", "[null]", "identifiers[0]" },
        { "sources", "[null]", "sources[0]" },
        { "otherNames", "null", "otherNames" },
        { "identifiers", """[{"scheme":"Wiki Data","value":"Q1"}]""", "identifiers[0].scheme" },
        { "identifiers", """[{"scheme":"wikidata","value":""}]""", "identifiers[0].value" },
        { "sources", """[{"title":"","url":"https://example.org"}]""", "sources[0].title" },
        { "sources", """[{"title":"T","url":"ftp://example.org"}]""", "sources[0].url" },
        { "sources", """[{"title":"T","language":"english!"}]""", "sources[0].language" },
        { "sources", """[{"title":"T"},{"title":"T","retrievedOn":"yesterday"}]""", "sources[1].retrievedOn" },
        { "id", $"\"{Guid.NewGuid()}\"", "id" },
        { "createdAt", "\"2020-01-01T00:00:00Z\"", "createdAt" },
        { "department", """{"slug":"ild"}""", "department" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Post_with_a_bad_field_is_400_naming_it_and_writes_nothing(string property, string? json, string key)
    {
        var body = NewInstitution();
        body.Remove(property);
        if (json is not null)
        {
            body[property] = JsonNode.Parse(json);
        }

        var problem = await (await Client.PostAsync(Url, Json(body), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(key, problem.Errors().Keys);
        Assert.Equal(10, await TotalAsync());
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Put_with_a_bad_field_is_400_naming_it_and_changes_nothing(string property, string? json, string key)
    {
        var body = NewInstitution("Renamed Publishing");
        body["kind"] = "AffiliatedEnterprise";
        body.Remove(property);
        if (json is not null)
        {
            body[property] = JsonNode.Parse(json);
        }

        var problem = await (await PutAsync(PublishingId, body)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(key, problem.Errors().Keys);
        var current = await (await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Contemporary World Publishing", current["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_with_many_bad_fields_reports_each()
    {
        var body = NewInstitution("");
        body["website"] = "mailto:someone@example.org";
        body["summary"] = new string('s', 4001);
        body["sources"] = JsonNode.Parse("""[{"title":"","url":"nope"}]""");
        var errors = (await (await Client.PostAsync(Url, Json(body), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
        Assert.Equal(["name", "sources[0].title", "sources[0].url", "summary", "website"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Post_with_a_partial_date_error_lists_the_accepted_forms()
    {
        var body = NewInstitution();
        body["established"] = "198XX";
        var problem = await (await Client.PostAsync(Url, Json(body), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("YYYY-MM-DD", Assert.Single(problem.Errors()["established"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_malformed_json_is_400()
    {
        await (await Client.PostRawJsonAsync(Url, """{"name":""", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_into_a_deleted_department_is_400_on_department_id()
    {
        var departmentId = await CreateDepartmentAsync("short-lived");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).StatusCode);

        var problem = await (await Client.PostJsonAsync(Url, NewInstitution(departmentId: departmentId), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(departmentId.ToString(), Assert.Single(problem.Errors()["departmentId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_a_name_the_department_already_has_is_409_on_name()
    {
        var problem = await (await Client.PostJsonAsync(Url, NewInstitution(Caiu), Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        Assert.Contains(Caiu, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(10, await TotalAsync());
    }

    [Fact]
    public async Task The_same_name_in_another_department_is_allowed()
    {
        var created = await (await Client.PostJsonAsync(Url, NewInstitution(Caiu, IldArticleSeed.CpsuId), Ct)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(IldArticleSeed.CpsuSlug, created["department"]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_name_of_a_deleted_institution_can_be_reused()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct)).StatusCode);
        await (await Client.PostJsonAsync(Url, NewInstitution("Contemporary World Publishing"), Ct)).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Put_replaces_every_field_and_changes_the_etag()
    {
        var (id, created) = await CreateAsync();
        var body = NewInstitution("Renamed Institute", IldArticleSeed.CpsuId);
        body["kind"] = "FundedInstitution";
        body["otherNames"] = new JsonArray();
        body.Remove("established");
        body.Remove("website");

        var replaced = await PutAsync(id, body, created.Headers.ETag);
        var result = await replaced.ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(created.Headers.ETag, replaced.Headers.ETag);
        Assert.Equal("Renamed Institute", result["name"]!.GetValue<string>());
        Assert.Equal("FundedInstitution", result["kind"]!.GetValue<string>());
        Assert.Equal(IldArticleSeed.CpsuSlug, result["department"]!["slug"]!.GetValue<string>());
        Assert.Empty(result["otherNames"]!.AsArray());
        Assert.Null(result["established"]);
        Assert.Null(result["website"]);

        var fetched = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(result.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task Put_keeping_its_own_name_is_not_a_duplicate()
    {
        var current = await (await Anonymous.GetAsync($"{Url}/{CaiuId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var body = NewInstitution(Caiu);
        body["kind"] = "ChildAgency";
        var result = await (await PutAsync(CaiuId, body)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(Caiu, result["name"]!.GetValue<string>());
        Assert.Equal(current["createdAt"]!.GetValue<DateTimeOffset>(), result["createdAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Put_to_a_name_another_institution_has_is_409_and_changes_nothing()
    {
        var problem = await (await PutAsync(PublishingId, NewInstitution(Caiu))).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        var current = await (await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Contemporary World Publishing", current["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var (id, created) = await CreateAsync();
        var first = await PutAsync(id, NewInstitution("First Edit"));
        await first.ReadJsonAsync(HttpStatusCode.OK);

        var problem = await (await PutAsync(id, NewInstitution("Lost Edit"), created.Headers.ETag)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        // Exactly the ETag header a GET answers, hash part included.
        Assert.Equal(first.Headers.ETag!.Tag, problem["currentETag"]!.GetValue<string>());
        var fetched = await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("First Edit", fetched["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_an_if_match_that_is_no_etag_of_the_record_is_412()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{PublishingId}") { Content = Json(NewInstitution()) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"not-a-number\"");
        var problem = await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.StartsWith("\"", problem["currentETag"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_of_an_unknown_institution_is_404()
    {
        await (await PutAsync(Guid.NewGuid(), NewInstitution())).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_of_a_deleted_institution_is_410()
    {
        await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct);
        var problem = await (await PutAsync(PublishingId, NewInstitution())).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{PublishingId}/restore", problem["restore"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_moving_to_an_unknown_department_is_400_on_department_id()
    {
        var problem = await (await PutAsync(PublishingId, NewInstitution(departmentId: Guid.NewGuid()))).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("departmentId", problem.Errors().Keys);
    }

    [Fact]
    public async Task Put_without_a_key_is_401()
    {
        var response = await Anonymous.PutAsync($"{Url}/{PublishingId}", Json(NewInstitution()), Ct);
        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Delete_then_get_is_410_pointing_to_restore_and_lists_leave_it_out()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct)).StatusCode);

        var gone = await (await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{Url}/{PublishingId}/restore", gone["restore"]!.GetValue<string>());
        var list = await (await Anonymous.GetAsync($"{Url}?pageSize=200&kind=AffiliatedEnterprise", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(9, await TotalAsync());
    }

    [Fact]
    public async Task Delete_of_a_deleted_institution_is_410_and_of_an_unknown_one_404()
    {
        await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct);
        await (await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        await (await Client.DeleteCurrentAsync($"{Url}/{Guid.NewGuid()}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_without_a_key_is_401()
    {
        await (await Anonymous.DeleteAsync($"{Url}/{PublishingId}", Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_is_412_and_deletes_nothing()
    {
        var (id, created) = await CreateAsync();
        await (await PutAsync(id, NewInstitution("Changed"))).ReadJsonAsync(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(created.Headers.ETag!);
        await (await Client.SendAsync(request, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_with_the_current_if_match_deletes()
    {
        var (id, created) = await CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        request.Headers.IfMatch.Add(created.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Delete_while_a_live_event_refers_to_it_is_409_naming_the_event()
    {
        var problem = await (await Client.DeleteCurrentAsync($"{Url}/{CaiuId}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("events", detail, StringComparison.Ordinal);
        Assert.Contains("Chinese Association for International Understanding established", detail, StringComparison.Ordinal);
        await (await Anonymous.GetAsync($"{Url}/{CaiuId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_is_allowed_once_the_referring_event_and_link_are_deleted()
    {
        var eventId = SeedIds.For("event:ild:caiu-1981");
        // Issue 13: the seed also links the CAIU to the ILD, which established it.
        var linkId = IldArticleSeed.OrgLinkId("caiu:established-by:ild");
        await using (Factory.CreateScope(out var db))
        {
            var historicalEvent = await db.Events.SingleAsync(e => e.Id == eventId, Ct);
            Assert.Contains(CaiuId, historicalEvent.InstitutionIds);
            historicalEvent.DeletedAt = DateTimeOffset.UtcNow;
            var link = await db.OrgLinks.SingleAsync(l => l.Id == linkId, Ct);
            Assert.Equal(CaiuId, link.FromId);
            link.DeletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{CaiuId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Restore_brings_it_back_with_an_etag()
    {
        await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct);

        var restored = await Client.PostAsync($"{Url}/{PublishingId}/restore", null, Ct);
        var body = await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Contemporary World Publishing", body["name"]!.GetValue<string>());
        Assert.NotNull(restored.Headers.ETag);
        await (await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(10, await TotalAsync());
    }

    [Fact]
    public async Task Restore_of_a_live_institution_changes_nothing()
    {
        var before = await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct);
        var restored = await Client.PostAsync($"{Url}/{PublishingId}/restore", null, Ct);
        await restored.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.Headers.ETag, restored.Headers.ETag);
    }

    [Fact]
    public async Task Restore_of_an_unknown_institution_is_404()
    {
        await (await Client.PostAsync($"{Url}/{Guid.NewGuid()}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restore_without_a_key_is_401()
    {
        await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct);
        await (await Anonymous.PostAsync($"{Url}/{PublishingId}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Restore_is_409_while_its_department_is_deleted()
    {
        var departmentId = await CreateDepartmentAsync("temporary");
        var (id, _) = await CreateAsync(NewInstitution(departmentId: departmentId));
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).StatusCode);

        var problem = await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("departmentId", problem["field"]!.GetValue<string>());
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);

        await (await Client.PostAsync($"/api/v1/departments/{departmentId}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Restore_is_409_when_another_institution_took_its_name()
    {
        await Client.DeleteCurrentAsync($"{Url}/{PublishingId}", Ct);
        await (await Client.PostJsonAsync(Url, NewInstitution("Contemporary World Publishing"), Ct)).ReadJsonAsync(HttpStatusCode.Created);

        var problem = await (await Client.PostAsync($"{Url}/{PublishingId}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("name", problem["field"]!.GetValue<string>());
        await (await Anonymous.GetAsync($"{Url}/{PublishingId}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task The_department_cannot_be_deleted_while_it_has_institutions()
    {
        var departmentId = await CreateDepartmentAsync("with-institution");
        await CreateAsync(NewInstitution("Kept Institute", departmentId));
        var problem = await (await Client.DeleteCurrentAsync($"/api/v1/departments/{departmentId}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Kept Institute", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_of_a_seeded_institution_and_of_an_unknown_one()
    {
        var seeded = await (await Anonymous.GetAsync($"{Url}/{CaiuId}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(seeded["items"]!.AsArray().Count, seeded["totalCount"]!.GetValue<int>());
        await (await Anonymous.GetAsync($"{Url}/{Guid.NewGuid()}/history", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_write_that_fails_leaves_neither_a_change_nor_an_audit_row()
    {
        var (id, _) = await CreateAsync();
        await (await PutAsync(id, NewInstitution(Caiu))).ReadProblemAsync(HttpStatusCode.Conflict);

        var history = await (await Anonymous.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, history["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Of_two_parallel_puts_with_the_same_if_match_exactly_one_wins()
    {
        var (id, created) = await CreateAsync();
        using var second = Factory.CreateJsonClient(RegistryApiFactory.EditorKey);

        async Task<HttpStatusCode> Put(HttpClient client, string name, EntityTagHeaderValue etag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"{Url}/{id}") { Content = Json(NewInstitution(name)) };
            request.Headers.IfMatch.Add(etag);
            return (await client.SendAsync(request, Ct)).StatusCode;
        }

        var etag = created.Headers.ETag!;
        var results = await Task.WhenAll(Put(Client, "A", etag), Put(second, "B", etag));
        Assert.Single(results, s => s == HttpStatusCode.OK);
        Assert.Single(results, s => s == HttpStatusCode.PreconditionFailed);
    }
}
