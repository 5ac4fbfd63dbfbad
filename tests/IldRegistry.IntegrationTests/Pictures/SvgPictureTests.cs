using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using IldRegistry.IntegrationTests.Infrastructure;

namespace IldRegistry.IntegrationTests.Pictures;

/// <summary>
/// The org chart and the leadership timeline as SVG, checked as XML and rendered by a real headless Chromium (Debian's
/// <c>chromium</c>, installed by <c>.ci/run</c>): it loads without errors and the names are in what it shows. With
/// <c>ILDREGISTRY_PICTURES_OUT</c> set, the pictures are written there (how <c>docs/img/</c> is made).
/// </summary>
public sealed class SvgPictureTests(RegistryApiFactory factory) : ApiTest(factory)
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.LoadSeedFilesAsync(Ct);
    }

    private async Task<(string Svg, XDocument Document)> GetSvgAsync(string url)
    {
        using var response = await Anonymous.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var document = XDocument.Parse(body);
        Assert.Equal(Ns + "svg", document.Root!.Name);
        return (body, document);
    }

    private static List<string> Texts(XDocument document) => [.. document.Descendants(Ns + "text").Select(t => t.Value)];

    [Fact]
    public async Task The_timeline_has_a_bar_per_tenure_uncertain_ends_and_the_vacancy_and_renders_in_chromium()
    {
        var (svg, document) = await GetSvgAsync("/api/v1/departments/ild/timeline.svg");
        var texts = Texts(document);
        foreach (var head in new[] { "Wang Jiaxiang", "Song Tao", "Liu Jianchao", "Liu Haixing" })
        {
            Assert.Contains(head, texts);
        }

        var rects = document.Descendants(Ns + "rect").ToList();
        Assert.Contains(rects, r => (string?)r.Attribute("class") == "possible" && r.Value.StartsWith("Liu Jianchao, Head", StringComparison.Ordinal));
        Assert.Contains(rects, r => (string?)r.Attribute("class") == "vacant" && r.Value.Contains("1968", StringComparison.Ordinal));

        var shown = await RenderAsync(svg, "ild-timeline.svg");
        Assert.Contains("Liu Haixing", shown, StringComparison.Ordinal);
        Assert.Contains("Wang Jiaxiang", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_org_chart_as_of_a_date_shows_its_leadership_and_units_and_renders_in_chromium()
    {
        var (svg, document) = await GetSvgAsync("/api/v1/departments/ild/org-chart.svg?asOf=2019-06-01");
        var texts = Texts(document);
        Assert.Contains(texts, t => t.StartsWith("International Department", StringComparison.Ordinal));
        Assert.Contains("Head: Song Tao", texts);
        Assert.Contains("as of 2019-06-01", texts);

        (svg, document) = await GetSvgAsync("/api/v1/departments/ild/org-chart.svg");
        Assert.Contains("Head: Liu Haixing", Texts(document));
        var shown = await RenderAsync(svg, "ild-org-chart.svg");
        Assert.Contains("Liu Haixing", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/departments/ild/org-chart.svg?asOf=someday", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/departments/no-such-department/org-chart.svg", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/departments/no-such-department/timeline.svg", HttpStatusCode.NotFound)]
    public async Task Bad_input_is_a_problem_not_a_picture(string url, HttpStatusCode expected)
    {
        await (await Anonymous.GetAsync(url, Ct)).ReadProblemAsync(expected);
    }

    /// <summary>Loads the picture in headless Chromium and answers the DOM it built; fails when it reported a parse error.</summary>
    private static async Task<string> RenderAsync(string svg, string name)
    {
        var directory = Directory.CreateTempSubdirectory("ildregistry-svg-");
        try
        {
            var file = Path.Combine(directory.FullName, name);
            await File.WriteAllTextAsync(file, svg, Ct);
            if (Environment.GetEnvironmentVariable("ILDREGISTRY_PICTURES_OUT") is { Length: > 0 } output)
            {
                File.Copy(file, Path.Combine(output, name), overwrite: true);
            }

            var start = new ProcessStartInfo("chromium")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         $"--user-data-dir={Path.Combine(directory.FullName, "profile")}", "--dump-dom", new Uri(file).AbsoluteUri,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var dom = process.StandardOutput.ReadToEndAsync(Ct);
            var errors = process.StandardError.ReadToEndAsync(Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            var shown = await dom;
            Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await errors}");
            Assert.Contains("<svg", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("parsererror", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("This page contains the following errors", shown, StringComparison.Ordinal);
            return shown;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
