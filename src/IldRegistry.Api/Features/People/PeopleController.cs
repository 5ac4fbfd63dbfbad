using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Domain.People;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.People;

/// <summary>People: human beings, independent of the posts they hold.</summary>
[Route(PersonResource.Route)]
public sealed class PeopleController(PersonService people)
    : ResourceController<Person, PersonRequest, PersonResponse>(people)
{
    /// <summary>Lists people, a page at a time.</summary>
    /// <remarks>The <c>Link</c> header carries first, prev, next and last page URLs (RFC 8288).</remarks>
    [HttpGet]
    public async Task<ActionResult<PagedResult<PersonSummary>>> List([FromQuery] PersonListQuery query, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await people.ListAsync(query, paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>Gets one person with the posts they hold or held.</summary>
    /// <remarks>Answers 304 when <c>If-None-Match</c> holds the current ETag.</remarks>
    /// <param name="id">The person's id.</param>
    [HttpGet("{id:guid}", Name = "GetPerson")]
    public async Task<ActionResult<PersonResponse>> Get(Guid id, CancellationToken ct)
    {
        return Conditional(await people.GetAsync(id, ct));
    }

    /// <summary>Creates a person.</summary>
    /// <remarks>Names need not be unique. Posts are added through <c>POST /api/v1/leaders</c>.</remarks>
    [HttpPost]
    [Consumes("application/json")]
    public async Task<ActionResult<PersonResponse>> Create(PersonRequest request, CancellationToken ct)
    {
        var person = await people.CreateAsync(request, ct);
        return CreatedWithETag("GetPerson", new { id = person.Id }, person);
    }

    /// <summary>Replaces a person (every field).</summary>
    /// <remarks>Send the ETag you read as <c>If-Match</c>: if someone changed the record since, the answer is 412 and nothing is written.</remarks>
    /// <param name="id">The person's id.</param>
    [HttpPut("{id:guid}")]
    [Consumes("application/json")]
    public async Task<ActionResult<PersonResponse>> Replace(Guid id, PersonRequest request, CancellationToken ct)
    {
        return WithETag(await people.ReplaceAsync(id, request, ETags.IfMatchVersion(HttpContext), ct));
    }
}
