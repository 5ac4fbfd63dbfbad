using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.OrgLinks;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.OrgLinks;

/// <summary>
/// Links between organisations: typed, dated and cited (part of, succeeded by, merged into, split from, renamed to,
/// established by, funded by), between departments, their units and institutions.
/// </summary>
[Route(OrgLinkResource.Route)]
public sealed class OrgLinksController(OrgLinkService links)
    : ResourceController<OrgLink, OrgLinkRequest, OrgLinkResponse>(links)
{
    /// <summary>Lists links between organisations, a page at a time.</summary>
    /// <remarks>
    /// Filter by kind, by an organisation at either end (<c>organisationId</c>) or at one (<c>fromId</c>, <c>toId</c>),
    /// or by a date the link may hold on (<c>asOf</c>). The <c>Link</c> header carries first, prev, next and last page
    /// URLs (RFC 8288).
    /// </remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<OrgLinkResponse>>> List([FromQuery] OrgLinkListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await links.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one link between organisations, with the names of its ends.</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag, 410 when the link was deleted.</remarks>
    /// <param name="id">The link's id.</param>
    [HttpGet("{id:guid}", Name = "GetOrgLink")]
    public async Task<ActionResult<OrgLinkResponse>> Get(Guid id, CancellationToken ct)
    {
        return Conditional(await links.GetAsync(id, ct));
    }

    /// <summary>Creates a link between two organisations.</summary>
    /// <remarks>
    /// Both ends must be live records of their types (400 on <c>fromId</c> or <c>toId</c>) and differ. A change event
    /// (<c>SucceededBy</c>, <c>MergedInto</c>, <c>SplitFrom</c>, <c>RenamedTo</c>, <c>EstablishedBy</c>) has no end. A
    /// <c>PartOf</c> link that would make an organisation part of itself, directly or not, on any date both links may
    /// hold is a 400 on <c>toId</c>.
    /// </remarks>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<OrgLinkResponse>> Create(OrgLinkRequest request, CancellationToken ct)
    {
        var link = await links.CreateAsync(request, ct);
        return CreatedWithETag("GetOrgLink", new { id = link.Id }, link);
    }

    /// <summary>Replaces a link between organisations (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    /// <param name="id">The link's id.</param>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    public async Task<ActionResult<OrgLinkResponse>> Replace(Guid id, OrgLinkRequest request, CancellationToken ct)
    {
        return WithETag(await links.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
