using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.ExportImport;

public sealed class ExportTests(RegistryApiFactory factory) : ApiTest(factory)
{
    public static readonly string[] Sections = ["sources", "departments", "people", "leaders", "bureaus", "institutions", "events", "orgLinks"];

    /// <summary>A section's route segment: its name, but for the one of two words.</summary>
    public static string RouteOf(string section) => section == "orgLinks" ? "org-links" : section;

    public static async Task<JsonObject> ExportJsonAsync(HttpClient client, CancellationToken ct)
    {
        var response = await client.GetAsync("/api/v1/export", ct);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    public static async Task<int> TotalAsync(HttpClient client, string resource, CancellationToken ct) =>
        (await (await client.GetAsync($"/api/v1/{resource}?pageSize=1", ct)).ReadJsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>();

    private static string Today => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asserts the raw header, dated by the server's clock some time between <paramref name="before"/> and now.</summary>
    private static void AssertAttachment(HttpResponseMessage response, string before, string extension)
    {
        var header = string.Join(",", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.True(
            header == $"attachment; filename=\"ildregistry-{before}.{extension}\"" || header == $"attachment; filename=\"ildregistry-{Today}.{extension}\"",
            header);
    }

    [Fact]
    public async Task Json_export_holds_every_live_record_in_its_request_shape_with_ids_and_sources()
    {
        // A bureau under another, so "parents first" has something to order.
        var parent = (await (await Anonymous.GetAsync("/api/v1/bureaus?department=ild&pageSize=1", Ct)).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray()[0]!;
        var child = new { departmentId = parent["department"]!["id"]!.GetValue<Guid>(), name = "A Child Unit", kind = "Office", parentBureauId = parent["id"]!.GetValue<Guid>() };
        await (await Client.PostJsonAsync("/api/v1/bureaus", child, Ct)).ReadJsonAsync(HttpStatusCode.Created);

        var before = Today;
        var response = await Anonymous.GetAsync("/api/v1/export?format=json", Ct);
        var export = await response.ReadJsonAsync(HttpStatusCode.OK);

        AssertAttachment(response, before, "json");
        // A snapshot written whole before it is sent: it has an ETag and a length (see ExportSnapshotTests).
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.ContentLength);
        Assert.Equal("ildregistry-export", export["format"]!.GetValue<string>());
        Assert.Equal(1, export["version"]!.GetValue<int>());
        Assert.True(DateTimeOffset.UtcNow - export["exportedAt"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
        foreach (var section in Sections)
        {
            Assert.Equal(await TotalAsync(Anonymous, RouteOf(section), Ct), export[section]!.AsArray().Count);
        }

        // A department field by field against its GET, sources and other names included.
        var ild = await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        var exported = export["departments"]!.AsArray().Single(d => d!["slug"]!.GetValue<string>() == "ild")!.AsObject();
        Assert.Equal(ild["id"]!.GetValue<Guid>(), exported["id"]!.GetValue<Guid>());
        foreach (var field in new[] { "name", "shortName", "nativeName", "romanizedName", "otherNames", "identifiers", "established", "summary", "officeCount" })
        {
            Assert.True(JsonNode.DeepEquals(ild[field], exported[field]), $"departments: {field} differs");
        }

        // Citations of source records as stored: the source's title, address and weight are the source record's, shown
        // by reads and left out of the export (issue 12 part 4: the article is one record, not a copy per citation).
        Assert.True(JsonNode.DeepEquals(AsStored(ild["sources"]!), exported["sources"]), "departments: sources differs");
        Assert.True(JsonNode.DeepEquals(AsStoredClaims(ild["claims"]!), exported["claims"]), "departments: claims differs");
        Assert.All(exported["sources"]!.AsArray(), s => Assert.Null(s!["title"]));

        Assert.Equal(ild["parent"]?["id"]?.GetValue<Guid>(), exported["parentId"]?.GetValue<Guid?>());
        Assert.NotEmpty(exported["sources"]!.AsArray());
        Assert.False(exported.ContainsKey("createdAt"));
        Assert.False(exported.ContainsKey("parent"));

        // A leader: references as ids, dates as their text.
        var leaderItem = export["leaders"]!.AsArray()[0]!.AsObject();
        var leader = await (await Anonymous.GetAsync($"/api/v1/leaders/{leaderItem["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(leader["person"]!["id"]!.GetValue<Guid>(), leaderItem["personId"]!.GetValue<Guid>());
        Assert.Equal(leader["department"]!["id"]!.GetValue<Guid>(), leaderItem["departmentId"]!.GetValue<Guid>());
        foreach (var field in new[] { "title", "rank", "start", "end" })
        {
            Assert.True(JsonNode.DeepEquals(leader[field], leaderItem[field]), $"leaders: {field} differs");
        }

        Assert.True(JsonNode.DeepEquals(AsStored(leader["sources"]!), leaderItem["sources"]), "leaders: sources differs");

        // An event with its links.
        var eventItem = export["events"]!.AsArray().First(e => e!["personIds"]!.AsArray().Count > 0 || e["institutionIds"]!.AsArray().Count > 0)!;
        var historicalEvent = await (await Anonymous.GetAsync($"/api/v1/events/{eventItem["id"]}", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        foreach (var field in new[] { "title", "date", "endDate", "kind" })
        {
            Assert.True(JsonNode.DeepEquals(historicalEvent[field], eventItem[field]), $"events: {field} differs");
        }

        Assert.True(JsonNode.DeepEquals(AsStored(historicalEvent["sources"]!), eventItem["sources"]), "events: sources differs");

        // Parents before children.
        AssertParentsFirst(export["departments"]!.AsArray(), "parentId");
        AssertParentsFirst(export["bureaus"]!.AsArray(), "parentBureauId");
        Assert.Contains(export["bureaus"]!.AsArray(), b => b!["parentBureauId"] is not null);
    }

    [Fact]
    public async Task Csv_export_is_a_zip_of_seven_rfc_4180_files_with_a_header_and_a_row_per_record()
    {
        const string awkward = "Bureau, of \"Quotes\"\r\nand lines";
        var ild = (await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
        var created = await Client.PostJsonAsync("/api/v1/bureaus", new { departmentId = ild, name = awkward, kind = "Office", sortOrder = 99 }, Ct);
        var bureauId = (await created.ReadJsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var before = Today;
        var response = await Anonymous.GetAsync("/api/v1/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        AssertAttachment(response, before, "zip");

        var files = await ReadZipAsync(response);
        Assert.Equal(Sections.Select(s => s + ".csv").Order(), files.Keys.Where(k => k.Count(c => c == '.') == 1).Order());
        Assert.All(files.Values, f => Assert.Equal(Encoding.UTF8.Preamble.ToArray(), f[..3]));
        foreach (var section in Sections)
        {
            var (header, rows) = ParseCsv(files[section + ".csv"]);
            Assert.Equal("id", header[0]);
            Assert.Equal(await TotalAsync(Anonymous, RouteOf(section), Ct), rows.Count);
            Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        }

        // RFC 4180: the field is quoted, inner quotes doubled, the line break kept inside the quotes.
        var bureausCsv = Encoding.UTF8.GetString(files["bureaus.csv"][3..]);
        Assert.Contains("\"Bureau, of \"\"Quotes\"\"\r\nand lines\"", bureausCsv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", bureausCsv, StringComparison.Ordinal);
        var (bureauHeader, bureauRows) = ParseCsv(files["bureaus.csv"]);
        var row = bureauRows.Single(r => r[0] == bureauId.ToString());
        Assert.Equal(awkward, row[bureauHeader.IndexOf("name")]);
        Assert.Equal("Office", row[bureauHeader.IndexOf("kind")]);

        // Issue 15: a partial date as text a spreadsheet keeps as text (="1951"); lists in files of their own, one
        // row per item keyed by the record's id, one column per field of the item, no JSON in any cell.
        var (departmentHeader, departmentRows) = ParseCsv(files["departments.csv"]);
        Assert.DoesNotContain("sources", departmentHeader);
        Assert.DoesNotContain("otherNames", departmentHeader);
        var ildRow = departmentRows.Single(r => r[departmentHeader.IndexOf("slug")] == "ild");
        var ildJson = await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal($"=\"{ildJson["established"]!.GetValue<string>()}\"", ildRow[departmentHeader.IndexOf("established")]);
        Assert.Equal("14", ildRow[departmentHeader.IndexOf("officeCount")]);
        var ildId = ildJson["id"]!.GetValue<string>();

        // Citations as stored: the source by id, its fields read from the source record (sources.csv).
        var (citationHeader, citationRows) = ParseCsv(files["departments.sources.csv"]);
        Assert.Equal(["recordId", "position"], citationHeader.Take(2));
        var ildCitations = citationRows.Where(r => r[0] == ildId).ToList();
        Assert.Equal(ildJson["sources"]!.AsArray().Count, ildCitations.Count);
        Assert.Equal(ildJson["sources"]![0]!["sourceId"]!.GetValue<string>(), ildCitations[0][citationHeader.IndexOf("sourceId")]);
        Assert.Equal("1", ildCitations[0][1]);

        var (sourceHeader, sourceRows) = ParseCsv(files["sources.csv"]);
        Assert.Equal(["id", "title", "url", "publisher", "published", "language", "weight", "notes"], sourceHeader);
        var article = sourceRows.Single(r => r[0] == IldRegistry.Data.Seed.ArticleSource.Id.ToString());
        Assert.Equal(["International Department of the Chinese Communist Party", "Wikipedia", "en", "Medium"], new[] { article[1], article[3], article[5], article[6] });

        var (nameHeader, nameRows) = ParseCsv(files["departments.otherNames.csv"]);
        var ildNames = nameRows.Where(r => r[0] == ildId).Select(r => (r[nameHeader.IndexOf("name")], r[nameHeader.IndexOf("lang")])).ToList();
        Assert.Equal(ildJson["otherNames"]!.AsArray().Select(n => (n!["name"]!.GetValue<string>(), n["lang"]!.GetValue<string>())), ildNames);

        foreach (var (name, bytes) in files)
        {
            Assert.All(ParseCsv(bytes).Rows.SelectMany(r => r), cell => Assert.False(cell.StartsWith('[') || cell.StartsWith('{'), $"JSON in a cell of {name}: {cell}"));
        }
    }

    /// <summary>Citations as the registry stores and exports them: without the source record's own fields, which reads copy in.</summary>
    internal static JsonNode AsStored(JsonNode citations)
    {
        var copy = citations.DeepClone().AsArray();
        foreach (var citation in copy.Select(c => c!.AsObject()).Where(c => c["sourceId"] is not null))
        {
            foreach (var field in new[] { "title", "url", "publisher", "published", "language", "weight" })
            {
                citation[field] = null;
            }
        }

        return copy;
    }

    internal static JsonNode AsStoredClaims(JsonNode claims)
    {
        var copy = claims.DeepClone().AsArray();
        foreach (var claim in copy.Select(c => c!.AsObject()))
        {
            claim["sources"] = AsStored(claim["sources"]!);
        }

        return copy;
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("XML")]
    [InlineData("csv2")]
    public async Task An_unknown_format_is_400_naming_format(string format)
    {
        var problem = await (await Anonymous.GetAsync($"/api/v1/export?format={format}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("format", problem.Errors().Keys);
    }

    [Fact]
    public async Task Deleted_records_are_not_exported()
    {
        var eventId = Guid.Parse((await ExportJsonAsync(Anonymous, Ct))["events"]!.AsArray()[0]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteCurrentAsync($"/api/v1/events/{eventId}", Ct)).StatusCode);

        var export = await ExportJsonAsync(Anonymous, Ct);
        Assert.DoesNotContain(export["events"]!.AsArray(), e => e!["id"]!.GetValue<Guid>() == eventId);

        var files = await ReadZipAsync(await Anonymous.GetAsync("/api/v1/export?format=csv", Ct));
        Assert.DoesNotContain(ParseCsv(files["events.csv"]).Rows, r => r[0] == eventId.ToString());
    }

    [Fact]
    public async Task A_registry_with_two_thousand_more_events_streams_whole()
    {
        var ild = (await (await Anonymous.GetAsync("/api/v1/departments/ild", Ct)).ReadJsonAsync(HttpStatusCode.OK))["id"]!.GetValue<Guid>();
        await using (Factory.CreateScope(out var db))
        {
            db.Events.AddRange(Enumerable.Range(0, 2000).Select(i => new HistoricalEvent
            {
                DepartmentId = ild,
                Date = PartialDate.Parse("2001"),
                Title = $"Bulk event {i}",
                Description = new string('x', 200),
                Kind = EventKind.Other,
                Sources = [new Source { Title = "Bulk", Url = "https://example.org/bulk" }],
            }));
            await db.SaveChangesAsync(Ct);
        }

        var total = await TotalAsync(Anonymous, "events", Ct);
        Assert.True(total >= 2000);
        var export = await ExportJsonAsync(Anonymous, Ct);
        Assert.Equal(total, export["events"]!.AsArray().Count);
        Assert.Equal(2000, export["events"]!.AsArray().Count(e => e!["title"]!.GetValue<string>().StartsWith("Bulk event ", StringComparison.Ordinal)));

        var files = await ReadZipAsync(await Anonymous.GetAsync("/api/v1/export?format=csv", Ct));
        Assert.Equal(total, ParseCsv(files["events.csv"]).Rows.Count);

        // The export is over the 1 MB limit of ordinary requests; the import raises its own limit and takes it back.
        var body = export.ToJsonString();
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(body) > 1_048_576);
        var import = await Admin.PostAsync("/api/v1/import?dryRun=true", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        var result = await import.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(total, result["unchanged"]!["events"]!.GetValue<int>());
    }

    private static void AssertParentsFirst(JsonArray items, string parentField)
    {
        var seen = new HashSet<Guid>();
        foreach (var item in items)
        {
            if (item![parentField]?.GetValue<Guid>() is { } parent)
            {
                Assert.Contains(parent, seen);
            }

            seen.Add(item["id"]!.GetValue<Guid>());
        }
    }

    internal static async Task<Dictionary<string, byte[]>> ReadZipAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        return files;
    }

    internal static (List<string> Header, List<List<string>> Rows) ParseCsv(byte[] utf8)
    {
        // Each file starts with a UTF-8 byte-order mark, for Excel.
        var body = utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? utf8[3..] : utf8;
        using var reader = CsvReader.Create(body, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return ([.. reader.Headers], rows);
    }
}
