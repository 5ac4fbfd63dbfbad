using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Institutions;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Institutions;

/// <summary>Institutions: child agencies, affiliated institutions and enterprises, and bodies a department funds.</summary>
[Route(InstitutionResource.Route)]
public sealed class InstitutionsController(InstitutionService institutions)
    : ResourceController<Institution, InstitutionRequest, InstitutionResponse>(institutions)
{
    /// <summary>Lists institutions, a page at a time.</summary>
    /// <remarks>
    /// <c>from</c> and <c>to</c> are partial dates (<c>1981</c>, <c>2022-02</c>, <c>198X</c>): an institution matches
    /// when the period its <c>established</c> date covers overlaps the period from the start of <c>from</c> to the end
    /// of <c>to</c>; undated institutions do not match. The <c>Link</c> header carries first, prev, next and last page
    /// URLs (RFC 8288).
    /// </remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<InstitutionResponse>>> List([FromQuery] InstitutionListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await institutions.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one institution.</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag, 410 when the institution was deleted.</remarks>
    /// <param name="id">The institution's id.</param>
    [HttpGet("{id:guid}", Name = "GetInstitution")]
    public async Task<ActionResult<InstitutionResponse>> Get(Guid id, CancellationToken ct)
    {
        return Conditional(await institutions.GetAsync(id, ct));
    }

    /// <summary>Creates an institution.</summary>
    /// <remarks>The department must exist and be live (400 on <c>departmentId</c>); the name must be new within it (409).</remarks>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<InstitutionResponse>> Create(InstitutionRequest request, CancellationToken ct)
    {
        var institution = await institutions.CreateAsync(request, ct);
        return CreatedWithETag("GetInstitution", new { id = institution.Id }, institution);
    }

    /// <summary>Replaces an institution (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    /// <param name="id">The institution's id.</param>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    public async Task<ActionResult<InstitutionResponse>> Replace(Guid id, InstitutionRequest request, CancellationToken ct)
    {
        return WithETag(await institutions.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
