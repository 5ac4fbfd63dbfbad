using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Auth;
using IldRegistry.Api.Features.Export;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Import;

/// <summary>Loading a whole export back into the registry.</summary>
[ApiController]
[Route("api/v1/import")]
public sealed class ImportController(ImportService imports) : ControllerBase
{
    /// <summary>Imports an export document (from <c>GET /api/v1/export?format=json</c>): all of it, or nothing.</summary>
    /// <remarks>
    /// <para>First every item is checked, and every error is answered at once in one 400, keyed by its path in the
    /// document (<c>departments[3].name</c>, <c>leaders[0].personId</c>, <c>bureaus[2].sources[0].url</c>): each
    /// item's fields by the same rules as <c>POST</c>/<c>PUT</c> on its resource; each reference (departmentId,
    /// parentId, personId, parentBureauId, institutionIds, personIds) to a record of the file or a live record of the
    /// registry; and unique slugs and names (department slugs and names, bureau names and regional bureau numbers per
    /// department, institution names per department) over the registry as it would be after the import.</para>
    /// <para>Then, in one transaction, each record is upserted by its id: an unknown id is created, a record whose
    /// fields differ is updated, an identical one is left alone (so importing the same file twice changes nothing
    /// and writes no history). A record that was deleted and is in the file is restored with the file's fields, and
    /// counted as updated. Records of the registry that the file leaves out are kept as they are: import never
    /// deletes. Every change is in the history, by the key's name.</para>
    /// <para>With <c>dryRun=true</c> the same checks run and the same counts come back, but nothing is written.
    /// Bodies up to 100 MB are accepted.</para>
    /// </remarks>
    /// <param name="document">The export document.</param>
    /// <param name="query">Whether to only validate and count.</param>
    /// <param name="ct">Aborts the import.</param>
    [HttpPost]
    [Admin]
    [RequestSizeLimit(100_000_000)]
    [Consumes("application/json")]
    [ProducesResponseType<ImportResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    public async Task<ActionResult<ImportResult>> Import(ExportDocument document, [FromQuery] ImportQuery query, CancellationToken ct)
    {
        var (errors, result) = await imports.ImportAsync(document, query.DryRun, ct);
        return errors is null ? result! : Problems.Validation(HttpContext, errors.Select(e => (e.Key, e.Value.ToArray())));
    }
}
