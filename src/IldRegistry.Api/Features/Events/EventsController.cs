using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.Events;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Events;

/// <summary>Historical events: what happened to a department and when, with the institutions and people involved.</summary>
[Route(EventResource.Route)]
public sealed class EventsController(EventService events)
    : ResourceController<HistoricalEvent, EventRequest, EventResponse>(events)
{
    /// <summary>Lists events, a page at a time, oldest first by default.</summary>
    /// <remarks>
    /// <c>from</c> and <c>to</c> are partial dates (<c>1980</c>, <c>198X</c>, <c>2022-02</c>); an event matches when the
    /// span from its <c>date</c> to its <c>endDate</c> (or the end of its <c>date</c>) overlaps them. The <c>Link</c>
    /// header carries first, prev, next and last page URLs (RFC 8288).
    /// </remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<EventResponse>>> List([FromQuery] EventListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await events.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one event.</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag.</remarks>
    /// <param name="id">The event's id.</param>
    [HttpGet("{id:guid}", Name = "GetEvent")]
    public async Task<ActionResult<EventResponse>> Get(Guid id, CancellationToken ct)
    {
        return Conditional(await events.GetAsync(id, ct));
    }

    /// <summary>Creates an event.</summary>
    /// <remarks>
    /// The department and every linked institution and person must exist and not be deleted (400 on the field, e.g.
    /// <c>institutionIds[2]</c>, otherwise). 409 only when one of them is deleted while the event is being written.
    /// </remarks>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<EventResponse>> Create(EventRequest request, CancellationToken ct)
    {
        var created = await events.CreateAsync(request, ct);
        return CreatedWithETag("GetEvent", new { id = created.Id }, created);
    }

    /// <summary>Replaces an event (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    /// <param name="id">The event's id.</param>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    public async Task<ActionResult<EventResponse>> Replace(Guid id, EventRequest request, CancellationToken ct)
    {
        return WithETag(await events.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
