using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Sources;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Sources;

/// <summary>Sources: the documents that records cite, each described once and cited by its id.</summary>
[Route(SourceResource.Route)]
public sealed class SourcesController(SourceService sources)
    : ResourceController<SourceDocument, SourceRequest, SourceResponse>(sources)
{
    /// <summary>Lists sources, a page at a time.</summary>
    /// <remarks>The <c>Link</c> header carries first, prev, next and last page URLs (RFC 8288). <c>citedBy</c> is empty in lists.</remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<SourceResponse>>> List([FromQuery] SourceListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await sources.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one source, with the records that cite it.</summary>
    /// <remarks>
    /// <c>citedBy</c> lists every live record whose citations (or whose claims' citations) name this source: its
    /// resource, id, label, URL and the fields the citations support. Answers 304 when <c>If-None-Match</c> holds the
    /// current ETag, 410 when the source was deleted.
    /// </remarks>
    /// <param name="id">The source's id.</param>
    [HttpGet("{id:guid}", Name = "GetSource")]
    public async Task<ActionResult<SourceResponse>> Get(Guid id, CancellationToken ct)
    {
        return Conditional(await sources.GetAsync(id, ct));
    }

    /// <summary>Creates a source.</summary>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<SourceResponse>> Create(SourceRequest request, CancellationToken ct)
    {
        var source = await sources.CreateAsync(request, ct);
        return CreatedWithETag("GetSource", new { id = source.Id }, source);
    }

    /// <summary>Replaces a source (every field).</summary>
    /// <remarks>
    /// Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is
    /// written. Every citation of the source shows the new title, address, date and weight.
    /// </remarks>
    /// <param name="id">The source's id.</param>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    public async Task<ActionResult<SourceResponse>> Replace(Guid id, SourceRequest request, CancellationToken ct)
    {
        return WithETag(await sources.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
