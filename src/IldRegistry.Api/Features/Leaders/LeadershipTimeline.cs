using System.Xml.Linq;
using IldRegistry.Api.Common;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Leaders;

/// <summary>The leadership of a department over time, as a picture.</summary>
[ApiController]
[Route("api/v1/departments/{id}/timeline.svg")]
public sealed class LeadershipTimelineController(LeaderService leaders, TimeProvider clock) : ControllerBase
{
    /// <summary>The leadership timeline of a department as SVG: a bar per tenure.</summary>
    /// <remarks>
    /// One lane for each sole-holder post (Head), whose holders follow one another, then one row per other post, in
    /// rank order. A solid bar is the time the post is known to be held; a hatched, dashed extension is the time it
    /// may be (an uncertain or unknown start or end, within its bounds); a red band in the Head lane is a time with no
    /// head known or possible (a vacancy). Hover a bar for its dates. Open
    /// <a href="/api/v1/departments/ild/timeline.svg">/api/v1/departments/ild/timeline.svg</a> in a browser; the
    /// repository keeps a copy as <c>docs/img/ild-timeline.svg</c>.
    /// </remarks>
    /// <param name="id">The department's id or slug (<c>ild</c>).</param>
    /// <param name="ct">Aborts the read.</param>
    [HttpGet]
    [ProducesResponseType<string>(StatusCodes.Status200OK, Svg.MediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<IActionResult> Get(string id, CancellationToken ct)
    {
        var leadership = await leaders.TimelineAsync(id, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Content(Svg.Serialize(Draw(leadership.Department.Name, leadership.Posts, today)), Svg.MediaType);
    }

    private const double Left = 230;
    private const double Right = 30;
    private const double Top = 60;
    private const double Row = 26;
    private const double YearWidth = 12;

    internal static XElement Draw(string department, IReadOnlyList<LeaderResponse> posts, DateOnly today)
    {
        var tenures = posts.Select(p => (Post: p, Tenure: LeaderService.TenureOf(p))).ToList();
        var dated = tenures.Where(t => t.Tenure.KnownFrom != DateOnly.MaxValue || t.Tenure.PossibleFrom != DateOnly.MinValue).ToList();
        var firstYear = dated.Count == 0 ? today.Year - 10 : dated.Min(t => Earliest(t.Tenure).Year);
        var lastYear = today.Year + 1;
        double X(DateOnly d) => Left + ((Math.Clamp(d.DayNumber, new DateOnly(firstYear, 1, 1).DayNumber, new DateOnly(lastYear, 1, 1).DayNumber) - new DateOnly(firstYear, 1, 1).DayNumber) / 365.25 * YearWidth);
        var axisEnd = new DateOnly(lastYear, 1, 1);

        // Sole-holder posts share a lane per title; every other post has a row of its own.
        var lanes = tenures
            .GroupBy(t => LeaderService.SoleHolderTitles.Contains(t.Post.Title) ? "sole:" + t.Post.Title.ToUpperInvariant() : "post:" + t.Post.Id)
            .Select(g => g.ToList())
            .ToList();
        var width = X(axisEnd) + Right;
        var height = Top + (lanes.Count * Row) + 70;
        var content = new List<XElement>
        {
            Svg.Text(10, 24, $"{department}: leadership, {firstYear} to {today:yyyy-MM-dd}", "heading"),
        };

        for (var year = (firstYear + 9) / 10 * 10; year < lastYear; year += 10)
        {
            var x = X(new DateOnly(year, 1, 1));
            content.Add(Svg.Line(x, Top - 8, x, Top + (lanes.Count * Row), "grid"));
            content.Add(Svg.Text(x, Top - 12, year.ToString(System.Globalization.CultureInfo.InvariantCulture), "year", "middle"));
        }

        for (var i = 0; i < lanes.Count; i++)
        {
            var lane = lanes[i];
            var y = Top + (i * Row);
            var sole = lane.Count > 1 || LeaderService.SoleHolderTitles.Contains(lane[0].Post.Title);
            content.Add(Svg.Text(10, y + 16, sole ? $"{lane[0].Post.Title} ({lane.Count})" : $"{lane[0].Post.Person.Name}, {lane[0].Post.Title}", "label"));
            foreach (var (post, tenure) in lane)
            {
                content.AddRange(Bar(post, tenure, y, X, today, labelled: sole));
            }

            if (sole)
            {
                content.AddRange(Vacancies(lane.Select(t => t.Tenure).ToList(), y, X, today));
            }
        }

        var legendY = Top + (lanes.Count * Row) + 30;
        content.Add(Svg.Rect(10, legendY, 30, 12, "known"));
        content.Add(Svg.Text(46, legendY + 11, "known to hold", "legend"));
        content.Add(Svg.Rect(150, legendY, 30, 12, "possible"));
        content.Add(Svg.Text(186, legendY + 11, "may hold (uncertain or unknown start or end)", "legend"));
        content.Add(Svg.Rect(480, legendY, 30, 12, "vacant"));
        content.Add(Svg.Text(516, legendY + 11, "no holder known or possible", "legend"));

        const string Style =
            "text{font-family:sans-serif;font-size:12px;fill:#222}.heading{font-size:15px;font-weight:bold}.year{fill:#666;font-size:11px}" +
            ".grid{stroke:#ddd}.known{fill:#2b6cb0}.possible{fill:#90cdf4;stroke:#2b6cb0;stroke-dasharray:3 2}" +
            ".vacant{fill:#e53e3e;opacity:.55}.name{font-size:10px;fill:#fff}.name-out{font-size:10px}.legend{font-size:11px}";
        return Svg.Document(width, height, $"{department}: leadership timeline", Style, content);
    }

    private static DateOnly Earliest(Tenure t) => t.PossibleFrom != DateOnly.MinValue ? t.PossibleFrom : t.KnownFrom;

    private static IEnumerable<XElement> Bar(LeaderResponse post, Tenure tenure, double y, Func<DateOnly, double> x, DateOnly today, bool labelled)
    {
        var tooltip = $"{post.Person.Name}, {post.Title}: {post.Start?.ToString() ?? "start unknown"} to {post.End?.ToString() ?? post.EndStatus.ToString().ToLowerInvariant()}";
        var knownFrom = tenure.KnownFrom;
        var knownTo = tenure.KnownTo == DateOnly.MaxValue ? today : tenure.KnownTo;

        // An unknown start or end is drawn as a stretch of five years that may belong to the tenure.
        var possibleFrom = tenure.PossibleFrom == DateOnly.MinValue ? knownFrom.AddYears(-5) : tenure.PossibleFrom;
        var possibleTo = tenure.PossibleTo == DateOnly.MaxValue ? (tenure.End == Domain.Common.EndStatus.Ongoing ? today : knownTo.AddYears(5)) : tenure.PossibleTo;
        if (knownFrom == DateOnly.MaxValue)
        {
            yield return Svg.Text(x(today) - 4, y + 16, $"{post.Person.Name}: undated", "name-out", "end");
            yield break;
        }

        if (possibleFrom < knownFrom)
        {
            yield return Svg.Rect(x(possibleFrom), y + 4, x(knownFrom) - x(possibleFrom), 16, "possible", tooltip);
        }

        if (knownFrom <= knownTo)
        {
            yield return Svg.Rect(x(knownFrom), y + 4, x(knownTo) - x(knownFrom), 16, "known", tooltip);
        }

        if (possibleTo > knownTo)
        {
            yield return Svg.Rect(x(knownTo), y + 4, x(possibleTo) - x(knownTo), 16, "possible", tooltip);
        }

        if (labelled)
        {
            // In a shared lane the names would collide inside short bars: set each name below its bar's start.
            yield return Svg.Text(x(knownFrom) + 2, y + 16, post.Person.Name, "name");
        }
    }

    private static IEnumerable<XElement> Vacancies(List<Tenure> tenures, double y, Func<DateOnly, double> x, DateOnly today)
    {
        var ordered = tenures.Where(t => t.KnownFrom != DateOnly.MaxValue).OrderBy(Earliest).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var gapFrom = ordered.Take(i).Max(t => t.PossibleTo == DateOnly.MaxValue ? today : t.PossibleTo);
            var gapTo = Earliest(ordered[i]);
            if (gapTo.DayNumber - gapFrom.DayNumber > 1)
            {
                yield return Svg.Rect(x(gapFrom), y + 2, x(gapTo) - x(gapFrom), 20, "vacant", $"Vacant: no holder known or possible from {gapFrom:yyyy-MM-dd} to {gapTo:yyyy-MM-dd}");
            }
        }
    }
}

/// <summary>Every post of a department, for the timeline.</summary>
/// <param name="Department">The department.</param>
/// <param name="Posts">Its posts by rank, then start.</param>
public sealed record DepartmentTimeline(DepartmentRef Department, IReadOnlyList<LeaderResponse> Posts);
