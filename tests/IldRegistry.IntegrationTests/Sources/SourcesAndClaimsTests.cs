using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Sources;

/// <summary>Issue 12 parts 4 and 5 over HTTP: source records, citations of them, and claims that disagree.</summary>
public sealed class SourcesAndClaimsTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/sources";

    private static readonly Guid Sc2021 = SeedIds.For("source:sc-2021");

    private static JsonObject Institution(JsonArray? sources = null, JsonArray? claims = null, string? established = null) => new()
    {
        ["departmentId"] = IldArticleSeed.IldId.ToString(),
        ["name"] = "Cited Institute",
        ["kind"] = "ChildAgency",
        ["established"] = established,
        ["sources"] = sources ?? [],
        ["claims"] = claims ?? [],
    };

    private static JsonObject Cite(Guid sourceId, params string[] fields) => new()
    {
        ["sourceId"] = sourceId.ToString(),
        ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
    };

    private static JsonObject Claim(string field, string? value, bool preferred, Guid? source = null) => new()
    {
        ["field"] = field,
        ["value"] = value,
        ["preferred"] = preferred,
        ["sources"] = source is { } id ? new JsonArray(Cite(id)) : new JsonArray(),
    };

    private async Task<Guid> NewSourceAsync(string title = "A report", string? published = "2024-05-01")
    {
        var created = await (await Client.PostJsonAsync(Url, new { title, url = "https://example.org/report", publisher = "Example", published, language = "en", weight = "High" }, Ct))
            .ReadJsonAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task A_source_is_created_read_listed_searched_and_replaced_like_every_resource()
    {
        var created = await Client.PostJsonAsync(Url, new { title = "Annual report 2024", url = "https://example.org/r", published = "2024", language = "zh-Hans", weight = "Low", notes = "Printed" }, Ct);
        var body = await created.ReadJsonAsync(HttpStatusCode.Created);
        Assert.NotNull(created.Headers.Location);
        Assert.NotNull(created.Headers.ETag);
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal("2024", body["published"]!.GetValue<string>());
        Assert.Empty(body["citedBy"]!.AsArray());

        var list = await (await Anonymous.GetAsync($"{Url}?q=annual&pageSize=5", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Annual report 2024"], list["items"]!.AsArray().Select(s => s!["title"]!.GetValue<string>()));
        var low = await (await Anonymous.GetAsync($"{Url}?weight=Low&pageSize=100", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.All(low["items"]!.AsArray(), s => Assert.Equal("Low", s!["weight"]!.GetValue<string>()));

        var search = await (await Anonymous.GetAsync("/api/v1/search?q=annual%20report&type=Source", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(search["items"]!.AsArray(), h => h!["id"]!.GetValue<Guid>() == id);

        var put = await Client.PutCurrentAsync($"{Url}/{id}", new { title = "Annual report 2024 (revised)", weight = "Medium" }, Ct);
        Assert.Equal("Medium", (await put.ReadJsonAsync(HttpStatusCode.OK))["weight"]!.GetValue<string>());
        var history = await (await Anonymous.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, history["totalCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        await (await Client.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"url":"https://example.org"}""", "title")]
    [InlineData("""{"title":"T","url":"ftp://example.org"}""", "url")]
    [InlineData("""{"title":"T","published":"2024-13"}""", "published")]
    [InlineData("""{"title":"T","language":"not a tag"}""", "language")]
    [InlineData("""{"title":"T","weight":"Certain"}""", "weight")]
    public async Task A_bad_source_is_400_naming_the_field(string json, string field)
    {
        var problem = await (await Client.PostRawJsonAsync(Url, json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task A_citation_names_its_source_the_fields_it_supports_and_reads_show_the_source()
    {
        var source = await NewSourceAsync();
        var created = await (await Client.PostJsonAsync("/api/v1/institutions", Institution(new JsonArray(Cite(source, "name", "established")), established: "2001"), Ct))
            .ReadJsonAsync(HttpStatusCode.Created);
        var citation = created["sources"]![0]!;
        Assert.Equal(source, citation["sourceId"]!.GetValue<Guid>());
        Assert.Equal("A report", citation["title"]!.GetValue<string>());
        Assert.Equal("https://example.org/report", citation["url"]!.GetValue<string>());
        Assert.Equal("2024-05-01", citation["published"]!.GetValue<string>());
        Assert.Equal("High", citation["weight"]!.GetValue<string>());

        // What rests on the source: the institution, with the fields its citation supports.
        var read = await (await Anonymous.GetAsync($"{Url}/{source}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var citing = Assert.Single(read["citedBy"]!.AsArray())!;
        Assert.Equal("institutions", citing["type"]!.GetValue<string>());
        Assert.Equal(created["id"]!.GetValue<Guid>(), citing["id"]!.GetValue<Guid>());
        Assert.Equal("Cited Institute", citing["label"]!.GetValue<string>());
        Assert.Equal(["name", "established"], citing["fields"]!.AsArray().Select(f => f!.GetValue<string>()));

        // Read, edit, write: the copies of the source's fields come back and are not stored with the citation.
        var id = created["id"]!.GetValue<Guid>();
        var edit = Institution(created["sources"]!.DeepClone().AsArray(), established: "2001");
        edit["name"] = "Cited Institute, renamed";
        await (await Client.PutCurrentAsync($"/api/v1/institutions/{id}", edit, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var export = await ExportImport.ExportTests.ExportJsonAsync(Anonymous, Ct);
        var stored = export["institutions"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!["sources"]![0]!;
        Assert.Null(stored["title"]);
        Assert.Null(stored["weight"]);
        Assert.Equal(source, stored["sourceId"]!.GetValue<Guid>());
    }

    /// <summary>A record shows its sources' titles, so editing a source is a change of every record citing it.</summary>
    [Fact]
    public async Task Editing_a_cited_source_changes_the_citing_records_etag_so_a_conditional_read_gets_the_new_title()
    {
        var source = await NewSourceAsync("Old title");
        var created = await Client.PostJsonAsync("/api/v1/institutions", Institution(new JsonArray(Cite(source, "name"))), Ct);
        var url = created.Headers.Location!.ToString();
        using var first = await Anonymous.GetAsync(url, Ct);
        await first.ReadJsonAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!;

        await (await Client.PutCurrentAsync($"{Url}/{source}", new { title = "New title", url = "https://example.org/report", weight = "High" }, Ct)).ReadJsonAsync(HttpStatusCode.OK);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var again = await Anonymous.SendAsync(conditional, Ct);
        var body = await again.ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, again.Headers.ETag);
        Assert.Equal("New title", body["sources"]![0]!["title"]!.GetValue<string>());

        // The old ETag no longer matches a write either: the client has to read what it would overwrite.
        var edit = Institution(body["sources"]!.DeepClone().AsArray());
        using var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(edit) };
        stale.Headers.IfMatch.Add(etag);
        await (await Client.SendAsync(stale, Ct)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_citation_of_an_unknown_or_deleted_source_is_400_naming_it_in_a_write_and_in_an_import()
    {
        var deleted = await NewSourceAsync("Soon deleted");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{deleted}", Ct)).StatusCode);
        var unknown = Guid.NewGuid();
        var body = Institution(
            new JsonArray(Cite(ArticleSource.Id), Cite(unknown)),
            new JsonArray(Claim("established", "2001", true, deleted)),
            established: "2001");

        var problem = await (await Client.PostJsonAsync("/api/v1/institutions", body, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["claims[0].sources[0].sourceId", "sources[1].sourceId"], problem.Errors().Keys.Order(StringComparer.Ordinal));

        body["id"] = Guid.NewGuid().ToString();
        var document = new JsonObject { ["format"] = "ildregistry-export", ["version"] = 1, ["institutions"] = new JsonArray(body) };
        var import = await (await Admin.PostJsonAsync("/api/v1/import", document, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("institutions[0].sources[1].sourceId", import.Errors().Keys);
        Assert.Contains("institutions[0].claims[0].sources[0].sourceId", import.Errors().Keys);

        // A source in the same file counts: the import checks against the registry as it would be after it.
        var newSource = Guid.NewGuid();
        document["sources"] = new JsonArray(new JsonObject { ["id"] = newSource.ToString(), ["title"] = "In the same file" });
        body["sources"] = new JsonArray(Cite(newSource));
        body["claims"] = new JsonArray();
        var result = await (await Admin.PostJsonAsync("/api/v1/import", document, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result["created"]!["sources"]!.GetValue<int>());
        Assert.Equal(1, result["created"]!["institutions"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"title":null,"quote":"no source named"}""", "sources[0].title")]
    [InlineData("""{"sourceId":"00000000-0000-0000-0000-000000000000"}""", "sources[0].sourceId")]
    [InlineData("""{"sourceId":"e2ed898c-ef0d-5e8e-8db4-cb1018bde12a","fields":["motto"]}""", "sources[0].fields[0]")]
    public async Task A_malformed_citation_is_400_naming_the_field(string citation, string field)
    {
        var json = $$"""{"departmentId":"{{IldArticleSeed.IldId}}","name":"X","kind":"ChildAgency","sources":[{{citation}}]}""";
        var problem = await (await Client.PostRawJsonAsync("/api/v1/institutions", json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);
    }

    [Fact]
    public async Task An_inline_citation_with_its_own_title_and_address_is_still_accepted()
    {
        var body = Institution(new JsonArray(new JsonObject { ["title"] = "An old-style citation", ["url"] = "https://example.org/old", ["weight"] = "Low" }));
        var created = await (await Client.PostJsonAsync("/api/v1/institutions", body, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var citation = created["sources"]![0]!;
        Assert.Null(citation["sourceId"]);
        Assert.Equal("An old-style citation", citation["title"]!.GetValue<string>());
        Assert.Equal("Low", citation["weight"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_source_that_citations_rest_on_is_refused_until_they_are_gone()
    {
        var source = await NewSourceAsync();
        var created = await (await Client.PostJsonAsync("/api/v1/institutions", Institution(claims: new JsonArray(Claim("established", "2001", true, source)), established: "2001"), Ct))
            .ReadJsonAsync(HttpStatusCode.Created);

        var refused = await (await Client.DeleteCurrentAsync($"{Url}/{source}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Cited Institute", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var article = await (await Client.DeleteCurrentAsync($"{Url}/{ArticleSource.Id}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("departments citing it: ", article["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/institutions/{created["id"]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{source}", Ct)).StatusCode);

        // Restoring the institution now would cite a deleted source: refused until the source is back.
        var restore = await (await Client.PostAsync($"/api/v1/institutions/{created["id"]}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("source", restore["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_founding_and_the_office_count_are_kept_as_claims_with_the_preferred_values_shown()
    {
        var ild = await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1951", ild["established"]!.GetValue<string>());
        Assert.Equal(14, ild["officeCount"]!.GetValue<int>());
        var claims = ild["claims"]!.AsArray();
        Assert.Equal(
            [("established", "1951", true), ("established", "1951-01-18", false), ("officeCount", "14", true), ("officeCount", "17", false)],
            claims.Select(c => (c!["field"]!.GetValue<string>(), c["value"]!.GetValue<string>(), c["preferred"]!.GetValue<bool>())));
        var anniversary = claims[1]!["sources"]![0]!;
        Assert.Equal(Sc2021, anniversary["sourceId"]!.GetValue<Guid>());
        Assert.Equal("Low", anniversary["weight"]!.GetValue<string>());
        Assert.Equal("2021-02-04", anniversary["published"]!.GetValue<string>());
        Assert.Contains("70th anniversary", claims[1]!["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("The department has 14 offices, 8 of which are regional bureaus.", claims[2]!["sources"]![0]!["quote"]!.GetValue<string>());
    }

    [Fact]
    public async Task Liu_Haixing_is_born_1963_04_with_its_citation_and_1962_is_another_claim_with_its_own()
    {
        var person = await (await Anonymous.GetAsync($"/api/v1/people/{IldArticleSeed.PersonId("liu-haixing")}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("1963-04", person["born"]!.GetValue<string>());
        Assert.Equal("Known", person["bornStatus"]!.GetValue<string>());
        var cited = person["sources"]!.AsArray().Single(c => c!["fields"]?.AsArray().Any(f => f!.GetValue<string>() == "born") == true)!;
        Assert.Equal("https://chinanews.jp/archives/28343", cited["url"]!.GetValue<string>());

        var claims = person["claims"]!.AsArray();
        Assert.Equal(
            [("born", "1963-04", true), ("born", "1962", false)],
            claims.Select(c => (c!["field"]!.GetValue<string>(), c["value"]!.GetValue<string>(), c["preferred"]!.GetValue<bool>())));
        Assert.Equal("https://chinanews.jp/archives/28343", claims[0]!["sources"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("https://udn.com/news/story/7331/9039130", claims[1]!["sources"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Shen_Ying_serves_as_the_article_says_and_the_report_without_her_is_a_claim_beside_it()
    {
        var post = await (await Anonymous.GetAsync($"/api/v1/leaders/{IldArticleSeed.LeaderId("shen-ying", "deputy-head")}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Ongoing", post["endStatus"]!.GetValue<string>());
        var claims = post["claims"]!.AsArray();
        Assert.Equal([("Ongoing", true), ("Unknown", false)], claims.Select(c => (c!["value"]!.GetValue<string>(), c["preferred"]!.GetValue<bool>())));
        Assert.Equal("udn.com", claims[1]!["sources"]![0]!["publisher"]!.GetValue<string>());
        Assert.Contains("without her", claims[1]!["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadClaims => new()
    {
        // A field that does not exist, one that cannot carry claims (a list, a reference).
        { """[{"field":"motto","value":"x","preferred":true}]""", "claims[0].field" },
        { """[{"field":"otherNames","value":"x","preferred":true}]""", "claims[0].field" },
        { """[{"field":"departmentId","value":"x","preferred":true}]""", "claims[0].field" },
        // A value that is not of the field's type.
        { """[{"field":"established","value":"the fifties","preferred":true}]""", "claims[0].value" },
        { """[{"field":"kind","value":"Ministry","preferred":true}]""", "claims[0].value" },
        // No preferred claim, two preferred claims.
        { """[{"field":"established","value":"2001","preferred":false},{"field":"established","value":"2002","preferred":false}]""", "claims[0].preferred" },
        { """[{"field":"established","value":"2001","preferred":true},{"field":"established","value":"2002","preferred":true}]""", "claims[1].preferred" },
        // The record's field does not hold its preferred claim.
        { """[{"field":"established","value":"2002","preferred":true},{"field":"established","value":"2001","preferred":false}]""", "established" },
        { """[{"field":"established","value":"2001","preferred":true,"sources":[{"quote":"inline, untitled"}]}]""", "claims[0].sources[0].title" },
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task A_bad_claim_is_400_naming_the_field_in_a_write_and_in_an_import(string claims, string field)
    {
        var json = $$"""{"departmentId":"{{IldArticleSeed.IldId}}","name":"Claimed","kind":"ChildAgency","established":"2001","claims":{{claims}}}""";
        var problem = await (await Client.PostRawJsonAsync("/api/v1/institutions", json, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Keys);

        var document = $$"""{"format":"ildregistry-export","version":1,"institutions":[{"id":"{{Guid.NewGuid()}}",{{json[1..]}}]}""";
        var import = await (await Admin.PostRawJsonAsync("/api/v1/import", document, Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains($"institutions[0].{field}", import.Errors().Keys);
    }

    [Fact]
    public async Task Claims_round_trip_through_a_write_the_history_and_the_export_and_import()
    {
        var claims = new JsonArray(
            Claim("established", "2001", true, ArticleSource.Id),
            Claim("established", "2001-05", false, Sc2021),
            Claim("location", null, true));
        claims[1]!["note"] = "Another date";
        var created = await (await Client.PostJsonAsync("/api/v1/institutions", Institution(claims: claims, established: "2001"), Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal(3, created["claims"]!.AsArray().Count);
        Assert.Equal("Another date", created["claims"]![1]!["note"]!.GetValue<string>());
        Assert.Equal("Low", created["claims"]![1]!["sources"]![0]!["weight"]!.GetValue<string>());

        var history = await (await Anonymous.GetAsync($"/api/v1/institutions/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("2001-05", history["items"]![0]!["after"]!.ToJsonString(), StringComparison.Ordinal);

        var export = await ExportImport.ExportTests.ExportJsonAsync(Anonymous, Ct);
        var item = export["institutions"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(3, item["claims"]!.AsArray().Count);
        Assert.NotEmpty(export["sources"]!.AsArray());
        var result = await (await Admin.PostJsonAsync("/api/v1/import?dryRun=true", export, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.All(result["created"]!.AsObject(), c => Assert.Equal(0, c.Value!.GetValue<int>()));
        Assert.All(result["updated"]!.AsObject(), c => Assert.Equal(0, c.Value!.GetValue<int>()));
    }
}
