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
    [HttpGet]
    [ProducesResponseType<OrgChart>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<ActionResult<OrgChart>> Get(string id, [FromQuery] string? asOf, CancellationToken ct) =>
        await orgCharts.GetAsync(id, asOf, ct);
}
