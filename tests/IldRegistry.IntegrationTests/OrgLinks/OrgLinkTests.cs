using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using IldRegistry.Data.Seed;
using IldRegistry.IntegrationTests.ExportImport;
using IldRegistry.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IldRegistry.IntegrationTests.OrgLinks;

/// <summary>Issue 13 part 1 over HTTP: typed, dated, cited links between departments, units and institutions.</summary>
public sealed class OrgLinkTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Url = "/api/v1/org-links";

    private static readonly Guid Caiu = IldArticleSeed.InstitutionId("caiu");
    private static readonly Guid Cccws = IldArticleSeed.InstitutionId("cccws");
    private static readonly Guid School = IldArticleSeed.InstitutionId("julius-nyerere-leadership-school");
    private static readonly Guid Foundation = IldArticleSeed.InstitutionId("cfpd");
    private static readonly Guid PartOfCentralCommittee = IldArticleSeed.OrgLinkId("ild:part-of:ccp-central-committee");

    private static JsonObject Link(
        string fromType, Guid fromId, string kind, string toType, Guid toId, string? start = null, string? end = null, string? endStatus = null) => new()
    {
        ["fromType"] = fromType,
        ["fromId"] = fromId.ToString(),
        ["kind"] = kind,
        ["toType"] = toType,
        ["toId"] = toId.ToString(),
        ["start"] = start,
        ["end"] = end,
        ["endStatus"] = endStatus,
        ["sources"] = new JsonArray(new JsonObject { ["sourceId"] = ArticleSource.Id.ToString(), ["quote"] = "A test's citation." }),
    };

    private static JsonObject PartOf(Guid from, Guid to, string? start = null, string? end = null) =>
        Link("Department", from, "PartOf", "Department", to, start, end);

    private async Task<JsonObject> CreateAsync(JsonObject body) =>
        await (await Client.PostAsync(Url, JsonContent(body), Ct)).ReadJsonAsync(HttpStatusCode.Created);

    private async Task<IReadOnlyDictionary<string, string[]>> RejectedAsync(JsonObject body, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        (await (await Client.PostAsync(Url, JsonContent(body), Ct)).ReadProblemAsync(status)).Errors();

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private async Task<JsonObject> ChartAsync(string asOf) =>
        await (await Anonymous.GetAsync($"/api/v1/departments/ild/org-chart?asOf={asOf}", Ct)).ReadJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task The_seed_holds_the_articles_links_each_cited_with_its_ends_named()
    {
        var list = await (await Anonymous.GetAsync($"{Url}?pageSize=100", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var links = list["items"]!.AsArray().Select(l => l!.AsObject()).ToList();

        Assert.Equal(5, list["totalCount"]!.GetValue<int>());
        string Of(JsonObject l) => $"{l["fromName"]} {l["kind"]} {l["toName"]} {l["start"]}";
        string[] expected =
            [
                "International Department of the Chinese Communist Party PartOf Central Committee of the Chinese Communist Party 1951",
                "Chinese Association for International Understanding EstablishedBy International Department of the Chinese Communist Party 1981",
                "China Center for Contemporary World Studies EstablishedBy International Department of the Chinese Communist Party 2010",
                "Julius Nyerere Leadership School FundedBy International Department of the Chinese Communist Party 2022-02",
                "Julius Nyerere Leadership School FundedBy Central Party School of the Chinese Communist Party 2022-02",
            ];
        // In date order; the two links of 2022-02 by id.
        Assert.Equal(expected[..3], links.Take(3).Select(Of));
        Assert.Equal(expected[3..].Order(), links.Skip(3).Select(Of).Order());
        Assert.All(links, l =>
        {
            Assert.Equal("Ongoing", l["endStatus"]!.GetValue<string>());
            Assert.Equal("Known", l["startStatus"]!.GetValue<string>());
            var citation = l["sources"]!.AsArray()[0]!;
            Assert.Equal(ArticleSource.Id, citation["sourceId"]!.GetValue<Guid>());
            // A citation of a source record reads with the source's title.
            Assert.Equal(ArticleSource.Title, citation["title"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(citation["quote"]!.GetValue<string>()));
        });

        var school = await (await Anonymous.GetAsync($"/api/v1/departments/{IldArticleSeed.CentralPartySchoolSlug}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Central Party School of the Chinese Communist Party", school["name"]!.GetValue<string>());
        Assert.Equal("Unknown", school["establishedStatus"]!.GetValue<string>());

        var cited = await (await Anonymous.GetAsync($"/api/v1/sources/{ArticleSource.Id}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(cited["citedBy"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "orgLinks" && c["url"]!.GetValue<string>() == $"{Url}/{PartOfCentralCommittee}");
    }

    [Fact]
    public async Task Loading_the_seed_again_adds_a_missing_link_and_never_brings_back_a_deleted_one()
    {
        var school = IldArticleSeed.OrgLinkId("julius-nyerere-leadership-school:funded-by:ild");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{PartOfCentralCommittee}", Ct)).StatusCode);
        await using (Factory.CreateScope(out var db))
        {
            // Gone without a trace (as in a database seeded before links existed).
            await db.OrgLinks.Where(l => l.Id == school).ExecuteDeleteAsync(Ct);
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<IldRegistry.Api.Features.Import.SeedFileService>().LoadAsync([IldArticleSeed.File], Ct);
            var result = loaded[IldArticleSeed.File].Result!;
            Assert.Equal(1, result.Created["orgLinks"]);
            Assert.Equal(4, result.Unchanged["orgLinks"]);
        }

        await (await Anonymous.GetAsync($"{Url}/{school}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Anonymous.GetAsync($"{Url}/{PartOfCentralCommittee}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_link_is_created_read_replaced_deleted_and_restored_with_etags_and_history()
    {
        var created = await Client.PostAsync(Url, JsonContent(Link("Institution", Foundation, "FundedBy", "Department", IldArticleSeed.IldId, start: "1990", endStatus: "Unknown")), Ct);
        var body = await created.ReadJsonAsync(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<Guid>();
        Assert.EndsWith($"{Url}/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal("China Foundation for Peace and Development", body["fromName"]!.GetValue<string>());
        Assert.Equal("Unknown", body["endStatus"]!.GetValue<string>());
        Assert.Equal("1990", body["start"]!.GetValue<string>());

        var read = await Anonymous.GetAsync($"{Url}/{id}", Ct);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        await read.ReadJsonAsync(HttpStatusCode.OK);

        var replaced = Link("Institution", Foundation, "FundedBy", "Department", IldArticleSeed.IldId, start: "1990", end: "2000");
        replaced["note"] = "Ended.";
        var put = await (await Client.PutCurrentAsync($"{Url}/{id}", replaced, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("2000", "Known", "Ended."), (put["end"]!.GetValue<string>(), put["endStatus"]!.GetValue<string>(), put["note"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"{Url}/{id}", Ct)).StatusCode);
        await (await Anonymous.GetAsync($"{Url}/{id}", Ct)).ReadProblemAsync(HttpStatusCode.Gone);
        await (await Admin.PostAsync($"{Url}/{id}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);

        var history = await (await Anonymous.GetAsync($"{Url}/{id}/history", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Restored", "Deleted", "Updated", "Created"], history["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()));
        Assert.All(history["items"]!.AsArray(), i => Assert.Equal("OrgLink", i!["entityType"]!.GetValue<string>()));
    }

    public static TheoryData<string, string> BadLinks => new()
    {
        // what is wrong (a change to a good FundedBy link from the foundation to the ILD), the field named
        { "no fromType", "fromType" },
        { "no fromId", "fromId" },
        { "no kind", "kind" },
        { "no toType", "toType" },
        { "toId is fromId", "toId" },
        { "fromId names no record", "fromId" },
        { "fromId is a department but fromType says Bureau", "fromId" },
        { "toId names no record", "toId" },
        { "end before start", "end" },
        { "startStatus Known without start", "startStatus" },
        { "an EstablishedBy link with an end", "endStatus" },
        { "an EstablishedBy link with an end date only", "end" },
        { "note too long", "note" },
        { "a citation of no source", "sources[0].sourceId" },
        { "a citation backing no field of a link", "sources[0].fields[0]" },
    };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task Each_rule_answers_its_bad_input_with_a_400_naming_the_field(string wrong, string field)
    {
        var body = Link("Institution", Foundation, "FundedBy", "Department", IldArticleSeed.IldId, start: "1990");
        switch (wrong)
        {
            case "no fromType": body.Remove("fromType"); break;
            case "no fromId": body.Remove("fromId"); break;
            case "no kind": body.Remove("kind"); break;
            case "no toType": body.Remove("toType"); break;
            case "toId is fromId": body["toId"] = Foundation.ToString(); break;
            case "fromId names no record": body["fromId"] = Guid.NewGuid().ToString(); break;
            case "fromId is a department but fromType says Bureau": body["fromType"] = "Bureau"; body["fromId"] = IldArticleSeed.CpsuId.ToString(); break;
            case "toId names no record": body["toId"] = Guid.NewGuid().ToString(); break;
            case "end before start": body["end"] = "1980"; break;
            case "startStatus Known without start": body["start"] = null; body["startStatus"] = "Known"; break;
            case "an EstablishedBy link with an end": body["kind"] = "EstablishedBy"; body["end"] = "2000"; body["endStatus"] = "Known"; break;
            case "an EstablishedBy link with an end date only": body["kind"] = "EstablishedBy"; body["end"] = "2000"; break;
            case "note too long": body["note"] = new string('n', 4001); break;
            case "a citation of no source": body["sources"]![0]!["sourceId"] = Guid.NewGuid().ToString(); break;
            case "a citation backing no field of a link": body["sources"]![0]!["fields"] = new JsonArray("name"); break;
        }

        var errors = await RejectedAsync(body);

        Assert.True(errors.ContainsKey(field), $"{wrong}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        Assert.Equal(5, (await (await Anonymous.GetAsync($"{Url}?pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_kind_or_type_is_a_400_naming_it()
    {
        var body = Link("Ministry", Foundation, "OwnedBy", "Department", IldArticleSeed.IldId);
        var errors = await RejectedAsync(body);
        Assert.Contains("fromType", errors.Keys);
    }

    [Fact]
    public async Task No_organisation_is_part_of_itself_on_any_date_the_links_may_share()
    {
        var ild = IldArticleSeed.IldId;
        var committee = IldArticleSeed.CentralCommitteeId;
        var school = IldArticleSeed.CentralPartySchoolId;

        // The seed has the ILD part of the Central Committee from 1951 on: the reverse at any time since is a cycle.
        var direct = await RejectedAsync(PartOf(committee, ild, start: "1960"));
        Assert.Contains("cycle", Assert.Single(direct["toId"]), StringComparison.Ordinal);
        Assert.Contains($"{Url}/{PartOfCentralCommittee}", direct["toId"][0], StringComparison.Ordinal);

        // An unknown start may lie at any time, so it overlaps too; an end wholly before 1951 does not.
        Assert.Contains("toId", (await RejectedAsync(PartOf(committee, ild))).Keys);
        await CreateAsync(PartOf(committee, ild, start: "1930", end: "1950"));
        // "195X" may be 1951 or later: possibly overlapping counts as overlapping.
        Assert.Contains("toId", (await RejectedAsync(PartOf(committee, ild, start: "1940", end: "195X"))).Keys);

        // Longer cycles too: the Central Committee part of the school, then the school part of the ILD.
        await CreateAsync(PartOf(committee, school, start: "2000"));
        var longer = await RejectedAsync(PartOf(school, ild, start: "2010"));
        Assert.Contains("cycle", Assert.Single(longer["toId"]), StringComparison.Ordinal);
        // Closing it only before 2000 (when the committee was not part of the school) is no cycle.
        await CreateAsync(PartOf(school, ild, start: "1990", end: "1995"));

        // A replace that would close the cycle is refused the same way.
        var created = await CreateAsync(Link("Department", school, "FundedBy", "Department", ild, start: "2010"));
        var put = await (await Client.PutCurrentAsync($"{Url}/{created["id"]}", PartOf(school, ild, start: "2010"), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("toId", put.Errors().Keys);
    }

    [Fact]
    public async Task A_single_write_and_an_import_break_the_link_rules_with_the_same_words()
    {
        foreach (var (body, field) in new[]
        {
            (PartOf(IldArticleSeed.CentralCommitteeId, IldArticleSeed.IldId, start: "1960"), "toId"),
            (Link("Institution", Guid.NewGuid(), "FundedBy", "Department", IldArticleSeed.IldId), "fromId"),
            (Link("Institution", Caiu, "EstablishedBy", "Department", IldArticleSeed.IldId, start: "1981", end: "1990", endStatus: "Known"), "endStatus"),
        })
        {
            var single = await RejectedAsync(body);
            var item = body.DeepClone().AsObject();
            item["id"] = Guid.NewGuid().ToString();
            var document = new JsonObject { ["format"] = "ildregistry-export", ["version"] = 1, ["orgLinks"] = new JsonArray(item) };
            var imported = (await (await Admin.PostAsync("/api/v1/import?dryRun=true", JsonContent(document), Ct)).ReadProblemAsync(HttpStatusCode.BadRequest)).Errors();
            // The same words; only where the other record is may differ: its URL, or "in the registry".
            static string Cut(string message) => message.IndexOf('(', StringComparison.Ordinal) is > 0 and var at ? message[..at] : message;
            Assert.Equal(single[field].Select(Cut), imported[$"orgLinks[0].{field}"].Select(Cut));
        }
    }

    [Fact]
    public async Task A_linked_record_cannot_be_deleted_and_a_link_to_a_deleted_record_cannot_be_restored()
    {
        var refused = await (await Client.DeleteCurrentAsync($"/api/v1/institutions/{Caiu}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("organisation links from it", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var department = await (await Client.DeleteCurrentAsync($"/api/v1/departments/{IldArticleSeed.CentralPartySchoolSlug}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("organisation links to it", department["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // A unit at one end: the link goes first, then the unit; the link cannot come back without it.
        var bureaus = await (await Anonymous.GetAsync("/api/v1/bureaus?department=ild&pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var bureau = bureaus["items"]![0]!["id"]!.GetValue<Guid>();
        var link = await CreateAsync(Link("Bureau", bureau, "EstablishedBy", "Department", IldArticleSeed.IldId, start: "1951"));
        var linkUrl = $"{Url}/{link["id"]}";
        await (await Client.DeleteCurrentAsync($"/api/v1/bureaus/{bureau}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync(linkUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/bureaus/{bureau}", Ct)).StatusCode);

        var restore = await (await Admin.PostAsync($"{linkUrl}/restore", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("'from' unit is deleted", restore["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // And a new link to the deleted unit names the field.
        Assert.Contains("fromId", (await RejectedAsync(Link("Bureau", bureau, "PartOf", "Department", IldArticleSeed.IldId))).Keys);

        await (await Admin.PostAsync($"/api/v1/bureaus/{bureau}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Admin.PostAsync($"{linkUrl}/restore", null, Ct)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lists_filter_by_kind_organisation_and_date_and_check_their_parameters()
    {
        async Task<List<string>> Names(string query) =>
            [.. (await (await Anonymous.GetAsync($"{Url}?{query}&pageSize=100", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
                .Select(l => $"{l!["fromName"]} {l["kind"]}")];

        Assert.Equal(2, (await Names("kind=FundedBy")).Count);
        Assert.Equal(["Julius Nyerere Leadership School FundedBy"], await Names($"organisationId={IldArticleSeed.CentralPartySchoolId}"));
        Assert.Equal(4, (await Names($"organisationId={IldArticleSeed.IldId}")).Count);
        Assert.Equal(3, (await Names($"toId={IldArticleSeed.IldId}")).Count);
        Assert.Equal(["International Department of the Chinese Communist Party PartOf"], await Names("asOf=1960"));
        Assert.Equal(5, (await Names("asOf=2023&sort=-kind")).Count);
        Assert.Equal(["Chinese Association for International Understanding EstablishedBy"], await Names($"fromId={Caiu}"));

        foreach (var (query, field) in new[] { ("asOf=yesterday", "asOf"), ("kind=OwnedBy", "kind"), ("sort=colour", "sort"), ("organisationId=zzz", "organisationId") })
        {
            var problem = await (await Anonymous.GetAsync($"{Url}?{query}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.Errors().Keys);
        }
    }

    [Fact]
    public async Task The_org_chart_as_of_a_date_takes_the_parent_and_the_links_that_hold_then()
    {
        // The ILD was established, part of the Central Committee, in 1951: in 1950 no link of it holds, not even possibly.
        var before = await ChartAsync("1950");
        Assert.Empty(before["partOf"]!.AsArray());
        Assert.Empty(before["possiblePartOf"]!.AsArray());
        Assert.Empty(before["links"]!.AsArray());
        // The record's static parent is still shown as before.
        Assert.Equal("ccp-central-committee", before["parent"]!["slug"]!.GetValue<string>());

        var chart = await ChartAsync("1960");
        var parent = Assert.Single(chart["partOf"]!.AsArray())!;
        Assert.Equal((IldArticleSeed.CentralCommitteeId, "Central Committee of the Chinese Communist Party"), (parent["toId"]!.GetValue<Guid>(), parent["toName"]!.GetValue<string>()));
        Assert.Empty(chart["links"]!.AsArray());

        var today = await ChartAsync("2023");
        Assert.Single(today["partOf"]!.AsArray());
        Assert.Equal(
            [(Caiu, "EstablishedBy"), (Cccws, "EstablishedBy"), (School, "FundedBy")],
            today["links"]!.AsArray().Select(l => (l!["fromId"]!.GetValue<Guid>(), l["kind"]!.GetValue<string>())));

        // A link with an unknown start is known only from its attestation on, and possible before.
        var attested = Link("Institution", Foundation, "FundedBy", "Department", IldArticleSeed.IldId);
        attested["sources"]![0]!["attested"] = "2019";
        await CreateAsync(attested);
        var possible = Assert.Single((await ChartAsync("2010"))["possibleLinks"]!.AsArray())!;
        Assert.Equal("StartUnknown", possible["reason"]!.GetValue<string>());
        Assert.Equal(Foundation, possible["link"]!["fromId"]!.GetValue<Guid>());
        Assert.Contains((await ChartAsync("2020"))["links"]!.AsArray(), l => l!["fromId"]!.GetValue<Guid>() == Foundation);

        // An uncertain parent: possible, with the reason, not known.
        var uncertain = PartOf(IldArticleSeed.CpsuId, IldArticleSeed.SedId, start: "1970", end: "198X");
        uncertain["endNotBefore"] = "1980";
        uncertain["endNotAfter"] = "1989";
        await CreateAsync(uncertain);
        var cpsu = await (await Anonymous.GetAsync("/api/v1/departments/cpsu-international-department/org-chart?asOf=1985", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Empty(cpsu["partOf"]!.AsArray());
        Assert.Equal("EndUncertain", Assert.Single(cpsu["possiblePartOf"]!.AsArray())!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_changes_route_lists_links_begun_and_ended_with_date_certainty_and_citations()
    {
        var founding = (await (await Anonymous.GetAsync("/api/v1/departments/ild/changes?from=1951&to=1951", Ct)).ReadJsonAsync(HttpStatusCode.OK))["changes"]!.AsArray();
        var partOf = founding.Single(c => c!["kind"]!.GetValue<string>() == "LinkBegan")!;
        Assert.Equal("1951", partOf["date"]!.GetValue<string>());
        Assert.Equal("Year", partOf["precision"]!.GetValue<string>());
        Assert.Equal($"{Url}/{PartOfCentralCommittee}", partOf["subject"]!["href"]!.GetValue<string>());
        Assert.Equal("orgLinks", partOf["subject"]!["type"]!.GetValue<string>());
        Assert.Contains("part of Central Committee", partOf["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(partOf["sources"]!.AsArray());

        await CreateAsync(Link("Institution", Foundation, "FundedBy", "Department", IldArticleSeed.IldId, start: "1990", end: "2000~"));
        var changes = (await (await Anonymous.GetAsync("/api/v1/departments/ild/changes?from=1981&to=2000", Ct)).ReadJsonAsync(HttpStatusCode.OK))["changes"]!.AsArray();
        var links = changes.Where(c => c!["kind"]!.GetValue<string>() is "LinkBegan" or "LinkEnded")
            .Select(c => $"{c!["kind"]} {c["date"]} {c["subject"]!["name"]}").ToList();
        Assert.Equal(
            [
                "LinkBegan 1981 Chinese Association for International Understanding established by International Department of the Chinese Communist Party",
                "LinkBegan 1990 China Foundation for Peace and Development funded by International Department of the Chinese Communist Party",
                "LinkEnded 2000~ China Foundation for Peace and Development funded by International Department of the Chinese Communist Party",
            ],
            links);
        var ended = changes.Single(c => c!["kind"]!.GetValue<string>() == "LinkEnded")!;
        Assert.Equal("Approximate", ended["qualifier"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_and_import_carry_the_links_and_popolo_says_what_it_can()
    {
        var export = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        Assert.Equal(5, export["orgLinks"]!.AsArray().Count);
        var partOf = export["orgLinks"]!.AsArray().Single(l => l!["id"]!.GetValue<Guid>() == PartOfCentralCommittee)!;
        Assert.Equal(("Department", "PartOf", "1951"), (partOf["fromType"]!.GetValue<string>(), partOf["kind"]!.GetValue<string>(), partOf["start"]!.GetValue<string>()));

        // Round trip: the export imports as unchanged; a new link in it is created, by dry run first.
        var result = await (await Admin.PostAsync("/api/v1/import", JsonContent(export), Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 5), (result["created"]!["orgLinks"]!.GetValue<int>(), result["unchanged"]!["orgLinks"]!.GetValue<int>()));
        var added = Link("Institution", Foundation, "FundedBy", "Department", IldArticleSeed.IldId, start: "1990");
        var addedId = Guid.NewGuid();
        added["id"] = addedId;
        export["orgLinks"]!.AsArray().Add(added);
        var dry = await (await Admin.PostAsync("/api/v1/import?dryRun=true", JsonContent(export), Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, dry["created"]!["orgLinks"]!.GetValue<int>());
        await (await Anonymous.GetAsync($"{Url}/{addedId}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        var imported = await (await Admin.PostAsync("/api/v1/import", JsonContent(export), Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, imported["created"]!["orgLinks"]!.GetValue<int>());
        Assert.Equal("1990", (await (await Anonymous.GetAsync($"{Url}/{addedId}", Ct)).ReadJsonAsync(HttpStatusCode.OK))["start"]!.GetValue<string>());
        var again = await ExportTests.ExportJsonAsync(Anonymous, Ct);
        Assert.True(JsonNode.DeepEquals(
            export["orgLinks"]!.AsArray().Single(l => l!["id"]!.GetValue<Guid>() == addedId)!["kind"],
            again["orgLinks"]!.AsArray().Single(l => l!["id"]!.GetValue<Guid>() == addedId)!["kind"]));

        // The spreadsheet form has a file of links and one of their citations.
        var zip = await Anonymous.GetAsync("/api/v1/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync(Ct)))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "orgLinks.csv");
            Assert.Contains(archive.Entries, e => e.FullName == "orgLinks.sources.csv");
        }

        // Popolo has no object for a dated link (popolo-spec #27): the document's ildregistry object holds them in the
        // import format, as it does every resource Popolo has no place for, and the ILD's parent_id is its parent.
        var popolo = await (await Anonymous.GetAsync("/api/v1/export?format=popolo", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var links = popolo["ildregistry"]!["orgLinks"]!.AsArray();
        Assert.Equal(6, links.Count);
        var parent = links.Single(l => l!["id"]!.GetValue<Guid>() == PartOfCentralCommittee)!;
        Assert.Equal((IldArticleSeed.IldId, IldArticleSeed.CentralCommitteeId, "PartOf", "1951"),
            (parent["fromId"]!.GetValue<Guid>(), parent["toId"]!.GetValue<Guid>(), parent["kind"]!.GetValue<string>(), parent["start"]!.GetValue<string>()));
        Assert.NotEmpty(parent["sources"]!.AsArray());
        var ild = popolo["organizations"]!.AsArray().Single(o => o!["id"]!.GetValue<string>() == IldArticleSeed.IldId.ToString())!;
        Assert.Equal(IldArticleSeed.CentralCommitteeId.ToString(), ild["parent_id"]!.GetValue<string>());
    }
}
