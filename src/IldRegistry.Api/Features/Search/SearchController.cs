using IldRegistry.Api.Common;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Search;

/// <summary>Search across every resource.</summary>
[ApiController]
[SearchWork]
[Route("api/v1/search")]
public sealed class SearchController(SearchService search) : ControllerBase
{
    /// <summary>Searches every resource at once, best hits first.</summary>
    /// <remarks>
    /// Forgives case, spacing, tone marks and small spelling mistakes: <c>lu kang</c>, <c>LU KANG</c>,
    /// <c>Lukang</c> and <c>Lu Kanng</c> all find Lu Kang; <c>ILD</c> finds the department; a fragment of a Chinese
    /// name (<c>对外联络部</c>) finds its record.
    /// </remarks>
    [HttpGet]
    [ProducesResponseType<SearchResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<SearchResult>> Search([FromQuery] SearchQuery query, CancellationToken ct) =>
        await search.SearchAsync(query, ct);
}
