using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Contract;

/// <summary>
/// What every resource promises, once, run over all seven: a GET with an ETag that If-None-Match turns into 304; 404
/// and 410 as problem details; history through create, update, delete and restore; pages with totals and a Link
/// header; sort names checked. Each resource's own folder keeps what is particular to it.
/// </summary>
public sealed class ResourceContractTests(RegistryApiFactory factory) : ApiTest(factory)
{
    /// <summary>One resource: its route, a valid body (with <c>name</c> as the field an update changes) and a sort it knows.</summary>
    public sealed record Resource(string Route, string EntityType, Func<Arrange, string, string, object> Body, string Sort, string ChangedField);

    /// <summary>What a body may point at: the seeded ILD and a person made for the test.</summary>
    public sealed record Arrange(Guid DepartmentId, Guid PersonId);

    private static readonly Dictionary<string, Resource> _resources = new()
    {
        ["departments"] = new("departments", "Department", (_, key, name) => new { slug = key, name, summary = "Made by the contract tests." }, "-name", "name"),
        ["people"] = new("people", "Person", (_, _, name) => new { name, notes = "Made by the contract tests." }, "name", "name"),
        ["leaders"] = new("leaders", "Leader", (a, _, name) => new { departmentId = a.DepartmentId, personId = a.PersonId, title = name, rank = 50, start = "2019" }, "title", "title"),
        ["bureaus"] = new("bureaus", "Bureau", (a, _, name) => new { departmentId = a.DepartmentId, name, kind = "Office", sortOrder = 40 }, "-sortOrder", "name"),
        ["institutions"] = new("institutions", "Institution", (a, _, name) => new { departmentId = a.DepartmentId, name, kind = "AffiliatedInstitution", location = "Beijing" }, "-name", "name"),
        ["events"] = new("events", "HistoricalEvent", (a, _, name) => new { departmentId = a.DepartmentId, date = "1951", title = name, kind = "Founding" }, "-date", "title"),
        ["orgLinks"] = new("org-links", "OrgLink", (a, _, name) => new { fromType = "Department", fromId = a.DepartmentId, kind = "FundedBy", toType = "Department", toId = IldArticleSeed.CpsuId, start = "2019", note = name }, "-start", "note"),
    };

    public static TheoryData<string> Resources => [.. _resources.Keys];

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Get_answers_an_etag_and_if_none_match_with_it_answers_304_with_no_body(string resource)
    {
        var (url, _, _) = await CreateAsync(resource);

        var first = await Anonymous.GetAsync(url, Ct);
        await first.ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotNull(first.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await Anonymous.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Unknown_is_404_deleted_is_410_pointing_to_restore_and_restore_brings_it_back(string resource)
    {
        var route = $"/api/v1/{_resources[resource].Route}";
        await (await Anonymous.GetAsync($"{route}/{Guid.NewGuid()}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await Anonymous.GetAsync($"{route}/{Guid.NewGuid()}/history", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        var (url, id, _) = await CreateAsync(resource);
        var before = (await (await Anonymous.GetAsync($"{route}?pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>();

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync(url, Ct)).StatusCode);

        var gone = await (await Anonymous.GetAsync(url, Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal($"{url}/restore", gone["restore"]!.GetValue<string>());
        var list = await (await Anonymous.GetAsync($"{route}?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
        Assert.Equal(before - 1, list["totalCount"]!.GetValue<int>());

        var restored = await Admin.PostAsync($"{url}/restore", null, Ct);
        Assert.Equal(id, (await restored.ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>());
        Assert.NotNull(restored.Headers.ETag);
        await (await Anonymous.GetAsync(url, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task History_lists_create_update_delete_restore_newest_first_with_actor_and_changed_fields(string resource)
    {
        var spec = _resources[resource];
        var (url, id, arrange) = await CreateAsync(resource);
        await (await Client.PutCurrentAsync(url, spec.Body(arrange, "contract", "Renamed"), Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync(url, Ct)).StatusCode);
        await (await Admin.PostAsync($"{url}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);

        var response = await Anonymous.GetAsync($"{url}/history", Ct);
        var history = await response.ReadJsonAsync(HttpStatusCode.OK);
        var items = history["items"]!.AsArray();
        Assert.Equal(["Restored", "Deleted", "Updated", "Created"], items.Select(i => i!["action"]!.GetValue<string>()));
        Assert.Equal(["test-admin", "test-editor", "test-editor", "test-editor"], items.Select(i => i!["actor"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal(spec.EntityType, i!["entityType"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal(id, i!["entityId"]!.GetValue<Guid>()));
        Assert.Equal(4, history["totalCount"]!.GetValue<int>());
        Assert.Contains("rel=\"first\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        // The update holds the changed field only; the creation every field as written.
        var created = JsonSerializer.SerializeToNode(spec.Body(arrange, "contract", "Contract"), HttpAssertions.JsonOptions)!.AsObject();
        var update = items[2]!;
        Assert.Equal("Contract", update["before"]![spec.ChangedField]!.GetValue<string>());
        Assert.Equal("Renamed", update["after"]![spec.ChangedField]!.GetValue<string>());
        Assert.All(created.Where(f => f.Key != spec.ChangedField), f => Assert.Null(update["before"]![f.Key]));
        Assert.Null(items[3]!["before"]);
        Assert.All(created, f => Assert.True(JsonNode.DeepEquals(f.Value, items[3]!["after"]![f.Key]), $"{f.Key}: {items[3]!["after"]![f.Key]}"));

        var paged = await (await Anonymous.GetAsync($"{url}/history?pageSize=1&page=2", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Deleted", Assert.Single(paged["items"]!.AsArray())!["action"]!.GetValue<string>());
        Assert.Equal(4, paged["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Lists_page_with_totals_and_a_link_header_and_pages_neither_repeat_nor_skip(string resource)
    {
        var route = $"/api/v1/{_resources[resource].Route}";
        await CreateAsync(resource);
        var all = (await (await Anonymous.GetAsync($"{route}?pageSize=200", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        Assert.True(all.Count >= 2, $"{resource}: the seed and the test made {all.Count} records");

        var ids = new List<Guid>();
        for (var page = 1; page <= all.Count; page++)
        {
            var response = await Anonymous.GetAsync($"{route}?pageSize=1&page={page}", Ct);
            var body = await response.ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal(page, body["page"]!.GetValue<int>());
            Assert.Equal(1, body["pageSize"]!.GetValue<int>());
            Assert.Equal(all.Count, body["totalCount"]!.GetValue<int>());
            ids.Add(Assert.Single(body["items"]!.AsArray())!["id"]!.GetValue<Guid>());

            var link = response.Headers.GetValues("Link").Single();
            Assert.Contains("page=1&pageSize=1>; rel=\"first\"", link, StringComparison.Ordinal);
            Assert.Contains($"page={all.Count}&pageSize=1>; rel=\"last\"", link, StringComparison.Ordinal);
            Assert.Equal(page > 1, link.Contains($"page={page - 1}&pageSize=1>; rel=\"prev\"", StringComparison.Ordinal));
            Assert.Equal(page < all.Count, link.Contains($"page={page + 1}&pageSize=1>; rel=\"next\"", StringComparison.Ordinal));
        }

        Assert.Equal(all, ids);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Sort_takes_the_names_it_knows_and_rejects_others_naming_the_parameter(string resource)
    {
        var spec = _resources[resource];
        var route = $"/api/v1/{spec.Route}";
        await (await Anonymous.GetAsync($"{route}?sort={spec.Sort}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

        foreach (var bad in new[] { "colour", "-", "-colour" })
        {
            var problem = await (await Anonymous.GetAsync($"{route}?sort={bad}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("sort", problem.Errors().Keys);
        }
    }

    private async Task<Arrange> ArrangeAsync()
    {
        var person = await Client.PostJsonAsync("/api/v1/people", new { name = $"Contract Person {Guid.NewGuid():N}" }, Ct);
        return new Arrange(IldArticleSeed.IldId, (await person.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>());
    }

    private async Task<(string Url, Guid Id, Arrange Arrange)> CreateAsync(string resource)
    {
        var spec = _resources[resource];
        var arrange = await ArrangeAsync();
        var response = await Client.PostJsonAsync($"/api/v1/{spec.Route}", spec.Body(arrange, "contract", "Contract"), Ct);
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<Guid>();
        var url = $"/api/v1/{spec.Route}/{id}";
        Assert.EndsWith(url, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
        return (url, id, arrange);
    }
}
