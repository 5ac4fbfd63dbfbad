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
    /// <summary>Imports an export document (from <c>GET /api/v1/export?format=json</c>) or a Popolo document (<c>format=popolo</c>): all of it, or nothing.</summary>
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
    /// <para>With <c>format=popolo</c> the body is a Popolo document (<c>{ "persons": […], "organizations": […],
    /// "memberships": […], "posts": […] }</c>: the Popolo export, or another project's file) and each Popolo field is
    /// read back where the Popolo export takes it from: persons; organizations by <c>classification</c>
    /// (<c>department</c>, <c>unit</c>, <c>institution</c>) and <c>parent_id</c>; memberships with their post, person,
    /// organization and partial <c>start_date</c>/<c>end_date</c>; other names with <c>lang</c> and kind as
    /// <c>note</c>; identifiers; sources as citations. The <c>ildregistry</c> object of a record gives what Popolo does
    /// not say, by the import format's names (dates in full with statuses and bounds, rank, slug, citations with weights,
    /// claims); the document's <c>ildregistry</c> object holds the sections Popolo has no place for (sources, events).
    /// Then the same checks and the same upsert as above, and every error is keyed by its path in the Popolo document
    /// (<c>memberships[3].start_date</c>, <c>organizations[0].classification</c>, <c>persons[2].ildregistry.born</c>). A
    /// Popolo id that is not a UUID becomes a name-based UUID of it (the same on every import). A Popolo field the
    /// registry cannot hold is a 400, never dropped. Where another project's file says nothing, an end is unknown (not
    /// ongoing), a slug is made from the name, and a membership's rank is its post's place among the posts.</para>
    /// <para>With <c>dryRun=true</c> the same checks run and the same counts come back, but nothing is written.
    /// Bodies up to 100 MB are accepted.</para>
    /// </remarks>
    /// <param name="document">The export document, or with <c>format=popolo</c> the Popolo document.</param>
    /// <param name="query">The body's format, and whether to only validate and count.</param>
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
        var (errors, result) = ImportFormats.Normalize(query.Format) == ImportFormats.Popolo
            ? await imports.ImportPopoloAsync(document, query.DryRun, ct)
            : await imports.ImportAsync(document, query.DryRun, ct);
        return errors is null ? result! : Problems.Validation(HttpContext, errors.Select(e => (e.Key, e.Value.ToArray())));
    }
}
