using IldRegistry.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Common.Resources;

/// <summary>The operations every resource shares: delete, restore and history, plus ETag helpers.</summary>
[ApiController]
[ApiConventionType(typeof(ResourceConventions))]
[RecordedReads]
public abstract class ResourceController<TEntity, TRequest, TResponse>(ResourceService<TEntity, TRequest, TResponse> service) : ControllerBase, ICurrentRepresentation, IRecordedRepresentation
    where TEntity : Entity, new()
    where TResponse : IVersioned
{
    async Task<IVersioned> ICurrentRepresentation.CurrentAsync(string key, CancellationToken ct) => await service.GetAsync(await service.ResolveAsync(key, ct), ct);

    async Task<RecordedRecordResponse> IRecordedRepresentation.RecordedAsync(string key, DateTimeOffset at, RecordedHistory history, CancellationToken ct)
    {
        var definition = (ResourceDefinition<TEntity, TRequest>)ResourceRegistry.Instance.For(typeof(TEntity));
        var id = Guid.TryParse(key, out var parsed) ? parsed : await service.ResolveAsync(key, ct);
        var state = await history.OneAsync<TEntity>(id, at, ct)
            ?? throw new NotFoundException(definition.Singular, $"{key}' as recorded at '{at:O}");
        return new RecordedRecordResponse(
            definition.Collection, id, at, state.Last.At, state.Last.Action, state.Record.Version, state.Deleted, definition.RequestOf(state.Record)!);
    }

    /// <summary>Deletes the record (a soft delete that can be undone with restore).</summary>
    /// <remarks>
    /// Afterwards a GET of it answers 410 Gone and lists leave it out; its history is kept. Refused with 409 while
    /// live records depend on it. <c>If-Match</c> is required: GET the record, send its <c>ETag</c> as <c>If-Match</c>
    /// (428 without it, 412 if the record changed since).
    /// </remarks>
    /// <param name="id">The record's id (a department's also its slug).</param>
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<IActionResult> Delete(string id, CancellationToken ct)
    {
        await service.DeleteAsync(await service.ResolveAsync(id, ct), ETags.IfMatchVersion(HttpContext), ct);
        return NoContent();
    }

    /// <summary>Restores a deleted record.</summary>
    /// <remarks>Restoring a record that is not deleted changes nothing and answers it as it is.</remarks>
    /// <param name="id">The record's id (a department's also its slug).</param>
    [HttpPost("{id}/restore")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<ActionResult<TResponse>> Restore(string id, CancellationToken ct) =>
        WithETag(await service.RestoreAsync(await service.ResolveAsync(id, ct), ct));

    /// <summary>The record's history: every create, update, delete and restore, newest first.</summary>
    /// <remarks>Each entry names who made the change and holds the changed fields before and after.</remarks>
    /// <param name="id">The record's id (a department's also its slug).</param>
    [HttpGet("{id}/history")]
    [ProducesResponseType<PagedResult<AuditEntryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<PagedResult<AuditEntryResponse>>> History(string id, [FromQuery] PageQuery paging, CancellationToken ct)
    {
        var page = await service.HistoryAsync(await service.ResolveAsync(id, ct), paging, ct);
        Response.AddPageLinks(page);
        return page;
    }

    /// <summary>The record with its version as ETag; ConditionalGet adds the body hash and answers 304s.</summary>
    protected ActionResult<TResponse> Conditional(TResponse response) => WithETag(response);

    protected ActionResult<TResponse> WithETag(TResponse response)
    {
        Response.Headers.ETag = ETags.From(response.Version);
        return response;
    }

    /// <summary>201 with <c>Location</c> and <c>ETag</c>.</summary>
    protected ActionResult<TResponse> CreatedWithETag(string routeName, object routeValues, TResponse response)
    {
        Response.Headers.ETag = ETags.From(response.Version);
        return CreatedAtRoute(routeName, routeValues, response);
    }
}
