using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Departments;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Departments;

/// <summary>Departments: the ILD, its parent, and peers in other parties.</summary>
[Route(DepartmentResource.Route)]
public sealed class DepartmentsController(DepartmentService departments)
    : ResourceController<Department, DepartmentRequest, DepartmentResponse>(departments)
{
    /// <summary>Lists departments, a page at a time.</summary>
    /// <remarks>The <c>Link</c> header carries first, prev, next and last page URLs (RFC 8288).</remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<DepartmentSummary>>> List([FromQuery] DepartmentListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await departments.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one department by id or by slug (<c>ild</c>).</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag.</remarks>
    /// <param name="id">The department's id, or its slug such as <c>ild</c>.</param>
    [HttpGet("{id}", Name = "GetDepartment")]
    public async Task<ActionResult<DepartmentResponse>> Get(string id, CancellationToken ct) =>
        Conditional(await departments.GetAsync(id, ct));

    /// <summary>Creates a department.</summary>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<DepartmentResponse>> Create(DepartmentRequest request, CancellationToken ct)
    {
        var department = await departments.CreateAsync(request, ct);
        return CreatedWithETag("GetDepartment", new { id = department.Id }, department);
    }

    /// <summary>Replaces a department (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    /// <param name="id">The department's id, or its slug such as <c>ild</c>.</param>
    [HttpPut("{id}")]
    [Consumes("application/json")]
    public async Task<ActionResult<DepartmentResponse>> Replace(string id, DepartmentRequest request, CancellationToken ct)
    {
        return WithETag(await departments.ReplaceAsync(await departments.ResolveAsync(id, ct), request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
