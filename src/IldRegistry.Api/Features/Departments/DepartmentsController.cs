using IldRegistry.Api.Common;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Departments;

/// <summary>Departments: the ILD, its parent, and peers in other parties.</summary>
[ApiController]
[Route("api/v1/departments")]
public sealed class DepartmentsController(DepartmentService departments) : ControllerBase
{
    /// <summary>Lists departments, a page at a time.</summary>
    /// <remarks>The <c>Link</c> header carries first, prev, next and last page URLs (RFC 8288).</remarks>
    [HttpGet]
    [ProducesResponseType<PagedResult<DepartmentSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<PagedResult<DepartmentSummary>>> List([FromQuery] DepartmentListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await departments.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one department by id or by slug (<c>ild</c>).</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag.</remarks>
    /// <param name="idOrSlug">The department's id, or its slug such as <c>ild</c>.</param>
    [HttpGet("{idOrSlug}", Name = "GetDepartment")]
    [ProducesResponseType<DepartmentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<DepartmentResponse>> Get(string idOrSlug, CancellationToken ct)
    {
        var department = await departments.GetAsync(idOrSlug, ct);
        return ETags.SetAndCheckNotModified(HttpContext, department.Version) ? StatusCode(StatusCodes.Status304NotModified) : department;
    }

    /// <summary>Creates a department.</summary>
    [HttpPost]
    [Consumes("application/json")]
    [ProducesResponseType<DepartmentResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<DepartmentResponse>> Create(DepartmentRequest request, CancellationToken ct)
    {
        var department = await departments.CreateAsync(request, ct);
        Response.Headers.ETag = ETags.From(department.Version);
        return CreatedAtRoute("GetDepartment", new { idOrSlug = department.Id }, department);
    }

    /// <summary>Replaces a department (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    [ProducesResponseType<DepartmentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public async Task<ActionResult<DepartmentResponse>> Replace(Guid id, DepartmentRequest request, CancellationToken ct)
    {
        var department = await departments.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct);
        Response.Headers.ETag = ETags.From(department.Version);
        return department;
    }
}
