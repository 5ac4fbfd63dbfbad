using System.Xml.Linq;
using IldRegistry.Api.Common;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Departments;

/// <summary>A department's org chart on a date, as a picture.</summary>
[ApiController]
[Route("api/v1/departments/{id}/org-chart.svg")]
public sealed class OrgChartSvgController(OrgChartService orgCharts) : ControllerBase
{
    /// <summary>The org chart of a department on a date as SVG.</summary>
    /// <remarks>
    /// The same document as <c>GET /departments/{id}/org-chart</c>, drawn: the department under its parent, the
    /// leadership known on the date (and, in grey italics, who may hold a post but is not known to), the internal
    /// units as a tree and the institutions by kind. Open
    /// <a href="/api/v1/departments/ild/org-chart.svg">/api/v1/departments/ild/org-chart.svg</a> in a browser; the
    /// repository keeps a copy as <c>docs/img/ild-org-chart.svg</c>.
    /// </remarks>
    /// <param name="id">The department's id or slug (<c>ild</c>).</param>
    /// <param name="asOf">A date (<c>2019-06-01</c>, or a partial date such as <c>2019</c>); default today.</param>
    /// <param name="recordedAsOf">The chart as the registry recorded it at this past moment, as on <c>GET /departments/{id}/org-chart</c>.</param>
    /// <param name="ct">Aborts the read.</param>
    [HttpGet]
    [ProducesResponseType<string>(StatusCodes.Status200OK, Svg.MediaType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<IActionResult> Get(string id, [FromQuery] string? asOf, [FromQuery] string? recordedAsOf, CancellationToken ct) =>
        Content(Svg.Serialize(Draw(await orgCharts.GetAsync(id, asOf, recordedAsOf, ct))), Svg.MediaType);

    private const double Width = 1100;
    private const double Line = 18;

    internal static XElement Draw(OrgChart chart)
    {
        var content = new List<XElement>();
        var y = 30.0;
        if (chart.Parent is { } parent)
        {
            content.Add(Box(Width / 2, y, parent.Name, "parent"));
            content.Add(Svg.Line(Width / 2, y + 30, Width / 2, y + 50, "edge"));
            y += 50;
        }

        content.Add(Box(Width / 2, y, chart.Department.Name, "self"));
        content.Add(Svg.Text(Width / 2, y + 48, $"as of {chart.AsOf}", "note", "middle"));
        y += 80;

        var columnTop = y;
        var left = new List<XElement> { Svg.Text(20, y, "Leadership", "heading") };
        var ly = y + Line;
        foreach (var leader in chart.Leadership)
        {
            left.Add(Svg.Text(20, ly, $"{leader.Title}: {leader.Name}", "person"));
            ly += Line;
        }

        foreach (var possible in chart.PossibleLeadership)
        {
            left.Add(Svg.Text(20, ly, $"{possible.Post.Title}: {possible.Post.Name} (may hold: {possible.Reason})", "possible"));
            ly += Line;
        }

        ly += Line;
        left.Add(Svg.Text(20, ly, "Institutions", "heading"));
        ly += Line;
        foreach (var (kind, institutions) in chart.Institutions)
        {
            left.Add(Svg.Text(20, ly, kind, "kind"));
            ly += Line;
            foreach (var institution in institutions)
            {
                left.Add(Svg.Text(32, ly, institution.Name + (institution.Established is { } e ? $" ({e})" : string.Empty), "unit"));
                ly += Line;
            }
        }

        var right = new List<XElement> { Svg.Text(540, columnTop, "Internal units", "heading") };
        var ry = columnTop + Line;
        void Units(IEnumerable<OrgChartBureau> bureaus, int depth)
        {
            foreach (var bureau in bureaus)
            {
                right.Add(Svg.Text(540 + (depth * 14), ry, bureau.Name, "unit"));
                ry += Line;
                Units(bureau.Children, depth + 1);
            }
        }

        Units(chart.Bureaus, 0);
        content.AddRange(left);
        content.AddRange(right);
        var height = Math.Max(ly, ry) + 20;

        const string Style =
            "text{font-family:sans-serif;font-size:12px;fill:#222}.heading{font-size:14px;font-weight:bold}" +
            ".box-self{fill:#2b6cb0}.box-parent{fill:#4a5568}.box-text{fill:#fff;font-size:13px;font-weight:bold}" +
            ".edge{stroke:#4a5568;stroke-width:2}.note{fill:#666;font-size:11px}.possible{fill:#777;font-style:italic}" +
            ".kind{font-weight:bold;fill:#444}";
        return Svg.Document(Width, height, $"{chart.Department.Name}: org chart as of {chart.AsOf}", Style, content);
    }

    private static XElement Box(double centre, double y, string name, string kind) =>
        new(Svg.Ns + "g",
            Svg.Rect(centre - 300, y, 600, 30, "box-" + kind),
            Svg.Text(centre, y + 20, name, "box-text", "middle"));
}
