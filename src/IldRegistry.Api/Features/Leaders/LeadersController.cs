using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Leaders;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Leaders;

/// <summary>Leader posts: one person holding one post in one department for one period.</summary>
[Route(LeaderResource.Route)]
public sealed class LeadersController(LeaderService leaders)
    : ResourceController<Leader, LeaderRequest, LeaderResponse>(leaders)
{
    /// <summary>Lists leader posts, a page at a time, each with its person and department.</summary>
    /// <remarks>
    /// Filter by department, person, title, whether still held, a date they served on (<c>asOf</c>) or a period
    /// their tenure overlaps (<c>from</c>/<c>to</c>). The <c>Link</c> header carries first, prev, next and last
    /// page URLs (RFC 8288).
    /// </remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<LeaderResponse>>> List([FromQuery] LeaderListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await leaders.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one leader post.</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag.</remarks>
    /// <param name="id">The post's id.</param>
    [HttpGet("{id:guid}", Name = "GetLeader")]
    public async Task<ActionResult<LeaderResponse>> Get(Guid id, CancellationToken ct)
    {
        return Conditional(await leaders.GetAsync(id, ct));
    }

    /// <summary>Creates a leader post.</summary>
    /// <remarks>409 when the person already holds the same post in the same department for an overlapping period.</remarks>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<LeaderResponse>> Create(LeaderRequest request, CancellationToken ct)
    {
        var leader = await leaders.CreateAsync(request, ct);
        return CreatedWithETag("GetLeader", new { id = leader.Id }, leader);
    }

    /// <summary>Replaces a leader post (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    /// <param name="id">The post's id.</param>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    public async Task<ActionResult<LeaderResponse>> Replace(Guid id, LeaderRequest request, CancellationToken ct)
    {
        return WithETag(await leaders.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
