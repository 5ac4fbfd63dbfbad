using IldRegistry.Api.Common.Resources;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Departments;

/// <summary>A department's whole structure in one document.</summary>
[ApiController]
[Route("api/v1/departments/{id}/org-chart")]
public sealed class OrgChartController(OrgChartService orgCharts) : ControllerBase
{
    /// <summary>Gets the org chart of a department on a date.</summary>
    /// <remarks>
    /// The department, its parent and children, the leadership serving on <c>asOf</c> in rank order, the bureaus as
    /// a tree, the institutions grouped by kind, the latest events, and its links to other organisations that hold on
    /// <c>asOf</c> (<c>/api/v1/org-links</c>): <c>partOf</c>, its parent as of the date by its PartOf links, and
    /// <c>links</c>, the others (established by, funded by, …), each known or, apart, possible with the reason. Built
    /// in seven SQL queries whatever its size.
    /// </remarks>
    /// <param name="id">The department's id or slug (<c>ild</c>).</param>
    /// <param name="asOf">A date (<c>2019-06-01</c>, or a partial date such as <c>2019</c>); default today.</param>
    /// <param name="recordedAsOf">
    /// Valid time and transaction time together: the chart on <c>asOf</c> as the registry recorded it at this past
    /// moment (a timestamp with its offset, or a date meaning its end in UTC), rebuilt from the history of every record
    /// it shows; records deleted since count as they were. The answer carries <c>recordedAsOf</c>,
    /// <c>Memento-Datetime</c> and <c>Link: rel="original"</c>. 404 when the registry held no such department then,
    /// 410 when it was deleted then.
    /// </param>
    /// <param name="ct">Aborts the read.</param>
    [HttpGet]
    [ProducesResponseType<OrgChart>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<ActionResult<OrgChart>> Get(string id, [FromQuery] string? asOf, [FromQuery] string? recordedAsOf, CancellationToken ct)
    {
        var chart = await orgCharts.GetAsync(id, asOf, recordedAsOf, ct);
        if (chart.RecordedAsOf is { } at)
        {
            Memento.SetHeaders(HttpContext, at, $"{Request.PathBase}{Request.Path}?asOf={chart.AsOf}");
        }

        return chart;
    }
}
