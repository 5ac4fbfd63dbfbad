using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Departments;

/// <summary>What changed in a department's structure between two dates.</summary>
[ApiController]
[Route("api/v1/departments/{id}/changes")]
public sealed class DepartmentChangesController(DepartmentChangesService changes) : ControllerBase
{
    /// <summary>The dated changes of a department between two dates, earliest first.</summary>
    /// <remarks>
    /// Posts begun and ended, the department's founding, dissolution and names begun and ended, its institutions'
    /// founding, its links with other organisations begun and ended (<c>LinkBegan</c>, <c>LinkEnded</c>; see
    /// <c>/api/v1/org-links</c>): each with its date as the data gives it, that date's precision, qualifier and bounds, and the
    /// citations of its record. A change is listed when the period its date covers (within its bounds) overlaps
    /// <c>from</c>..<c>to</c>. Example: <c>GET /api/v1/departments/ild/changes?from=2015&amp;to=2025</c> lists Song Tao's
    /// start and end as Head, Liu Jianchao's start and end, Liu Haixing's start, and the deputies' dated posts;
    /// <c>from=1981&amp;to=1981</c> the Chinese Association for International Understanding established, and established by the ILD.
    /// </remarks>
    /// <param name="id">The department's id or slug (<c>ild</c>).</param>
    /// <param name="from">A partial date (<c>2015</c>, <c>2015-09</c>); from its first day. Default: the earliest.</param>
    /// <param name="to">A partial date; to its last day. Default: the latest.</param>
    /// <param name="ct">Aborts the read.</param>
    [HttpGet]
    [ProducesResponseType<DepartmentChanges>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<ActionResult<DepartmentChanges>> Get(string id, [FromQuery] string? from, [FromQuery] string? to, CancellationToken ct) =>
        await changes.GetAsync(id, from, to, ct);
}
