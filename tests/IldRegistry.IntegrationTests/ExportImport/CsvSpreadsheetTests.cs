using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.ExportImport;

/// <summary>
/// Issue 15 part 3: the CSV export opened by a real spreadsheet program. LibreOffice (Debian's libreoffice-calc-nogui,
/// installed by .ci/run) converts each file headless, as a double-click would open it, to flat ODS; the test reads
/// every cell back with its type: Chinese names and tone marks intact, partial dates still text, never numbers or dates.
/// </summary>
public sealed class CsvSpreadsheetTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private const string Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private const string Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private const string Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    private static readonly string[] SofficePaths = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.LoadSeedFilesAsync(Ct);
    }

    [Fact]
    public async Task Libreoffice_opens_the_csv_with_every_name_and_partial_dates_as_text()
    {
        var directory = Directory.CreateTempSubdirectory("ildregistry-csv-");
        try
        {
            var response = await Anonymous.GetAsync("/api/v1/export?format=csv", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct)))
            {
                await zip.ExtractToDirectoryAsync(directory.FullName, Ct);
            }

            var people = await OpenInLibreOfficeAsync(directory, "people.csv");
            var leaders = await OpenInLibreOfficeAsync(directory, "leaders.csv");
            var departments = await OpenInLibreOfficeAsync(directory, "departments.csv");

            // Every person's name and native name, as the API answers them.
            var api = await (await Anonymous.GetAsync("/api/v1/people?pageSize=100", Ct)).ReadJsonAsync(HttpStatusCode.OK);
            var expected = api["items"]!.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p["nativeName"]?.GetValue<string>() ?? string.Empty)).Order().ToList();
            Assert.Contains(("Wang Jiaxiang", "王稼祥"), expected);
            Assert.Equal(expected, people.Rows.Select(r => (people.Cell(r, "name").Value, people.Cell(r, "nativeName").Value)).Order().ToList());
            Assert.All(people.Rows, r => Assert.Equal("string", people.Cell(r, "name").Type));

            // Tone marks of the romanized name.
            var ild = departments.Rows.Single(r => departments.Cell(r, "slug").Value == "ild");
            Assert.Equal("Zhōngguó Gòngchǎndǎng Zhōngyāng Wěiyuánhuì Duìwài Liánluòbù", departments.Cell(ild, "romanizedName").Value);
            Assert.Equal(("1951", "string"), departments.Cell(ild, "established"));

            // Partial dates stay text: a year is not the number 1951, a month is not a date.
            var starts = leaders.Rows.Select(r => leaders.Cell(r, "start")).Where(c => c.Value.Length > 0).ToList();
            Assert.Contains(("1951", "string"), starts);
            Assert.All(starts, c => Assert.Equal("string", c.Type));
            var ends = leaders.Rows.Select(r => leaders.Cell(r, "end")).Where(c => c.Value.Length > 0).ToList();
            Assert.Contains(("1966-03", "string"), ends);
            Assert.All(ends, c => Assert.Equal("string", c.Type));
            // Numbers stay numbers.
            Assert.All(leaders.Rows, r => Assert.Equal("float", leaders.Cell(r, "rank").Type));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Converts one CSV file to flat ODS with LibreOffice, as it opens a CSV by default, and reads its cells.</summary>
    internal static async Task<Sheet> OpenInLibreOfficeAsync(DirectoryInfo directory, string file)
    {
        var soffice = SofficePaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("LibreOffice is not installed: apt-get install libreoffice-calc-nogui (.ci/run does).");
        var start = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.FullName,
        };
        // A profile of its own, so that a LibreOffice open elsewhere (or another test run) does not take the conversion
        // over. The filter options are what the import dialog shows for the file (comma, double quote, UTF-8, from line
        // 1), every other option at its default: headless, LibreOffice 7.4 takes the charset from the options, never
        // from the byte-order mark (which is Excel's cue).
        foreach (var argument in new[] { $"-env:UserInstallation=file://{directory.FullName}/profile", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "fods", "--outdir", directory.FullName, Path.Combine(directory.FullName, file) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var converted = Path.Combine(directory.FullName, Path.ChangeExtension(file, "fods"));
        Assert.True(process.ExitCode == 0 && File.Exists(converted), $"LibreOffice failed ({process.ExitCode}): {await output} {await errors}");
        return Sheet.Read(XDocument.Load(converted));
    }

    /// <summary>The first sheet of a flat ODS document: its header and rows, each cell with its text and its value type.</summary>
    internal sealed record Sheet(List<string> Header, List<List<(string Value, string Type)>> Rows)
    {
        public (string Value, string Type) Cell(List<(string Value, string Type)> row, string column)
        {
            var index = Header.IndexOf(column);
            Assert.True(index >= 0, $"No column '{column}' in {string.Join(", ", Header)}");
            return index < row.Count ? row[index] : (string.Empty, string.Empty);
        }

        public static Sheet Read(XDocument document)
        {
            var rows = document.Descendants(XName.Get("table", Table)).First().Elements(XName.Get("table-row", Table))
                .Select(row => row.Elements(XName.Get("table-cell", Table)).SelectMany(cell =>
                {
                    var repeated = int.TryParse(cell.Attribute(XName.Get("number-columns-repeated", Table))?.Value, out var n) ? Math.Min(n, 100) : 1;
                    var value = cell.Attribute(XName.Get("string-value", Office))?.Value
                        ?? string.Join("\n", cell.Elements(XName.Get("p", Text)).Select(p => p.Value));
                    var type = cell.Attribute(XName.Get("value-type", Office))?.Value ?? string.Empty;
                    return Enumerable.Repeat((value, type), repeated);
                }).ToList())
                .Where(r => r.Any(c => c.value.Length > 0))
                .ToList();
            return new Sheet([.. rows[0].Select(c => c.Item1)], [.. rows.Skip(1)]);
        }
    }
}
