using IldRegistry.Api.Common.Resources;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Leaders;

/// <summary>A department's leadership on a date.</summary>
[ApiController]
[Route("api/v1/departments/{id}/leaders")]
public sealed class DepartmentLeadershipController(LeaderService leaders) : ControllerBase
{
    /// <summary>The leadership of a department serving on a date, in rank order.</summary>
    /// <remarks>
    /// Not paged: a department has few leaders. A post serves when its start's first day is not after the date and
    /// its end's last day is not before it; a year or month as <c>asOf</c> gives the posts serving at any time in it.
    /// With <c>recordedAsOf</c>, the leadership on <c>asOf</c> as the registry recorded it at that past moment
    /// ("who was head on 1990-01-01, as recorded on 2026-12-01"): <c>?asOf=1990-01-01&amp;recordedAsOf=2026-12-01</c>.
    /// </remarks>
    /// <param name="id">The department's id, or its slug such as <c>ild</c>.</param>
    [HttpGet]
    [ProducesResponseType<DepartmentLeadershipResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public async Task<ActionResult<DepartmentLeadershipResponse>> Get(string id, [FromQuery] LeadershipQuery query, CancellationToken ct)
    {
        var leadership = await leaders.LeadershipAsync(id, query, ct);
        if (leadership.RecordedAsOf is { } at)
        {
            Memento.SetHeaders(HttpContext, at, $"{Request.PathBase}{Request.Path}?asOf={leadership.AsOf}");
        }

        return leadership;
    }
}
