using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Bureaus;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Bureaus;

/// <summary>Bureaus: the internal units of a department (offices, regional and functional bureaus, party bodies).</summary>
[Route(BureauResource.Route)]
public sealed class BureausController(BureauService bureaus)
    : ResourceController<Bureau, BureauRequest, BureauResponse>(bureaus)
{
    /// <summary>Lists bureaus, a page at a time, in the department's own order unless sorted otherwise.</summary>
    /// <remarks>The <c>Link</c> header carries first, prev, next and last page URLs (RFC 8288).</remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<BureauResponse>>> List([FromQuery] BureauListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await bureaus.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one bureau.</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag.</remarks>
    /// <param name="id">The bureau's id.</param>
    [HttpGet("{id:guid}", Name = "GetBureau")]
    public async Task<ActionResult<BureauResponse>> Get(Guid id, CancellationToken ct)
    {
        return Conditional(await bureaus.GetAsync(id, ct));
    }

    /// <summary>Creates a bureau.</summary>
    /// <remarks>409 when the department already has a live bureau of that name.</remarks>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<BureauResponse>> Create(BureauRequest request, CancellationToken ct)
    {
        var bureau = await bureaus.CreateAsync(request, ct);
        return CreatedWithETag("GetBureau", new { id = bureau.Id }, bureau);
    }

    /// <summary>Replaces a bureau (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    /// <param name="id">The bureau's id.</param>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    public async Task<ActionResult<BureauResponse>> Replace(Guid id, BureauRequest request, CancellationToken ct)
    {
        return WithETag(await bureaus.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
