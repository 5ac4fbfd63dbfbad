using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IldRegistry.IntegrationTests.ExportImport;
using IldRegistry.IntegrationTests.Infrastructure;
using IldRegistry.IntegrationTests.Reliability;
using IldRegistry.IntegrationTests.Scaling;

namespace IldRegistry.IntegrationTests.Examples;

/// <summary>
/// Issue 15 part 4: every script under docs/examples runs as a researcher runs it (python3, bash and curl) against the
/// API as a real process on a TCP port, over the test database, and what it writes is checked.
/// </summary>
public sealed class ExampleScriptTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private static string Folder(string example) => Path.Combine(Topology.RepositoryRoot(), "docs", "examples", example);

    private Task<ApiProcess> StartApiAsync() =>
        // The test's database, to which the process adds the seed files the reset left out, as a start does: the data a
        // researcher gets from `dotnet run`.
        ApiProcess.StartAsync(Factory.ConnectionString, environment: new Dictionary<string, string> { ["RateLimiting__Enabled"] = "false" });

    /// <summary>Runs a script to its end in its example's folder, with ILDREGISTRY_URL set to the API: its exit code and output.</summary>
    private static async Task<(string Output, string Error)> RunAsync(ApiProcess api, string example, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder(example),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ILDREGISTRY_URL"] = api.Address.ToString();
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}\n{await error}");
        return (await output, await error);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var (header, rows) = ExportTests.ParseCsv(File.ReadAllBytes(path));
        return [.. rows.Select(r => header.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => c.i < r.Count ? r[c.i] : string.Empty))];
    }

    [Fact]
    public async Task Reconciling_a_csv_of_names_with_python_and_with_curl_matches_wang_the_head_of_1960()
    {
        await using var api = await StartApiAsync();
        var directory = Directory.CreateTempSubdirectory("ildregistry-reconcile-");
        try
        {
            var matched = Path.Combine(directory.FullName, "matched.csv");
            await RunAsync(api, "reconcile-names", "python3", "reconcile.py", "names.csv", matched);
            var rows = ReadCsv(matched);
            Assert.Equal(4, rows.Count);
            Assert.Equal(("Wang", "Head", "1960", "Wang Jiaxiang", "true"), (rows[0]["name"], rows[0]["title"], rows[0]["heldOn"], rows[0]["matchedName"], rows[0]["match"]));
            Assert.True(double.Parse(rows[0]["score"], CultureInfo.InvariantCulture) >= 85);
            // "Wang" alone could be any Wang: a candidate, not a match.
            Assert.Equal("false", rows[1]["match"]);
            Assert.Equal("Wang Jiaxiang", rows[2]["matchedName"]);

            var (json, _) = await RunAsync(api, "reconcile-names", "bash", "reconcile.sh", "names.csv");
            var answer = JsonNode.Parse(json)!.AsObject();
            Assert.Equal(4, answer.Count);
            var best = answer["q0"]!["result"]![0]!;
            Assert.Equal("Wang Jiaxiang", best["name"]!.GetValue<string>());
            Assert.True(best["match"]!.GetValue<bool>());
            Assert.Equal(rows[0]["id"], best["id"]!.GetValue<string>());
            Assert.False(answer["q1"]!["result"]![0]!["match"]!.GetValue<bool>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_leadership_as_of_a_date_opens_in_libreoffice_with_names_and_dates_as_text()
    {
        await using var api = await StartApiAsync();
        var directory = Directory.CreateTempSubdirectory("ildregistry-leadership-");
        try
        {
            var file = Path.Combine(directory.FullName, "ild-1960.csv");
            var (said, _) = await RunAsync(api, "leadership-spreadsheet", "python3", "leadership.py", "ild", "1960-06-01", file);
            Assert.Contains("on 1960-06-01: 1 known", said, StringComparison.Ordinal);
            Assert.Equal(Encoding.UTF8.Preamble.ToArray(), (await File.ReadAllBytesAsync(file, Ct))[..3]);

            var sheet = await CsvSpreadsheetTests.OpenInLibreOfficeAsync(directory, "ild-1960.csv");
            var known = sheet.Rows.Where(r => sheet.Cell(r, "status").Value == "known").ToList();
            var head = Assert.Single(known);
            Assert.Equal(("Wang Jiaxiang", "王稼祥", "Head"), (sheet.Cell(head, "name").Value, sheet.Cell(head, "nativeName").Value, sheet.Cell(head, "title").Value));
            Assert.Equal(("1951", "string"), sheet.Cell(head, "start"));
            Assert.Equal(("1966-03", "string"), sheet.Cell(head, "end"));
            Assert.Equal("float", sheet.Cell(head, "rank").Type);

            // The deputies the article attests only for today may have served then: possible, with the reason, never known.
            var possible = sheet.Rows.Where(r => sheet.Cell(r, "status").Value == "possible").ToList();
            Assert.NotEmpty(possible);
            Assert.All(possible, r => Assert.False(string.IsNullOrEmpty(sheet.Cell(r, "reason").Value)));
            Assert.Contains(possible, r => sheet.Cell(r, "reason").Value == "StartUnknown");

            // The same as the API says.
            using var client = new HttpClient { BaseAddress = api.Address };
            var leadership = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/departments/ild/leaders?asOf=1960-06-01", UriKind.Relative), Ct))!;
            Assert.Equal(leadership["possible"]!.AsArray().Count, possible.Count);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_change_feed_mirrored_into_sqlite_holds_what_the_export_holds_and_resumes_from_its_cursor()
    {
        await using var api = await StartApiAsync();
        using var client = new HttpClient { BaseAddress = api.Address };
        var directory = Directory.CreateTempSubdirectory("ildregistry-mirror-");
        try
        {
            var database = Path.Combine(directory.FullName, "mirror.sqlite");
            var first = JsonNode.Parse((await RunAsync(api, "changes-to-sqlite", "python3", "mirror.py", database)).Output)!;
            await AssertMirrorsTheExportAsync(client, first);
            Assert.True(first["changes"]!.GetValue<int>() > 0);

            // A write and a delete since: the next run fetches those two changes only, from the stored cursor.
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people") { Content = new StringContent("""{"name": "Mirrored Person"}""", Encoding.UTF8, "application/json") };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiProcess.AdminKey);
            using var created = await client.SendAsync(create, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var events = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/events?pageSize=1", UriKind.Relative), Ct))!;
            var doomed = events["items"]![0]!["id"]!.GetValue<string>();
            using var read = await client.GetAsync(new Uri($"/api/v1/events/{doomed}", UriKind.Relative), Ct);
            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/events/{doomed}");
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiProcess.AdminKey);
            delete.Headers.IfMatch.Add(read.Headers.ETag!);
            using var deleted = await client.SendAsync(delete, Ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

            var second = JsonNode.Parse((await RunAsync(api, "changes-to-sqlite", "python3", "mirror.py", database)).Output)!;
            Assert.Equal(2, second["changes"]!.GetValue<int>());
            Assert.NotEqual(first["cursor"]!.GetValue<string>(), second["cursor"]!.GetValue<string>());
            await AssertMirrorsTheExportAsync(client, second);
            Assert.Equal(first["records"]!["people"]!.GetValue<int>() + 1, second["records"]!["people"]!.GetValue<int>());
            Assert.Equal(first["records"]!["events"]!.GetValue<int>() - 1, second["records"]!["events"]!.GetValue<int>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The mirror's live rows per type, as the script counts them in SQLite, equal the export's sections.</summary>
    private static async Task AssertMirrorsTheExportAsync(HttpClient client, JsonNode mirror)
    {
        var export = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/export", UriKind.Relative), Ct))!.AsObject();
        foreach (var section in ExportTests.Sections)
        {
            var expected = export[section]!.AsArray().Count;
            Assert.True(expected == (mirror["records"]![section]?.GetValue<int>() ?? 0), $"{section}: the export has {expected}, the mirror {mirror["records"]![section]}");
        }
    }
}
