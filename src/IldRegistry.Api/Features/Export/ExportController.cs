using IldRegistry.Api.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace IldRegistry.Api.Features.Export;

/// <summary>The whole registry in one download.</summary>
[ApiController]
[Expensive]
[OwnValidators]
[Route("api/v1/export")]
public sealed class ExportController(ExportSnapshots snapshots) : ControllerBase
{
    /// <summary>Exports the whole registry (live records only) as one dated, verifiable snapshot.</summary>
    /// <remarks>
    /// <para><c>format=json</c> (default) answers one <c>application/json</c> document,
    /// <c>{ "format": "ildregistry-export", "version": 1, "exportedAt": "…", "departments": […], "people": […],
    /// "leaders": […], "bureaus": […], "institutions": […], "events": […] }</c>, whose items are each resource's
    /// request record (as <c>POST</c>/<c>PUT</c> take it, sources included) plus its <c>id</c>. Departments and
    /// bureaus come parents first, the rest by id. The document can be posted back to <c>POST /api/v1/import</c>.</para>
    /// <para><c>format=csv</c> answers an <c>application/zip</c> of RFC 4180 files made to open right in a spreadsheet:
    /// one per resource (<c>departments.csv</c>, <c>people.csv</c>, <c>leaders.csv</c>, <c>bureaus.csv</c>,
    /// <c>institutions.csv</c>, <c>events.csv</c>) with a header row and one row per record, a column per scalar field
    /// of the JSON items; and one per list field (<c>people.sources.csv</c>, <c>departments.otherNames.csv</c>, …) with a
    /// row per item: <c>recordId</c>, <c>position</c>, then a column per field of the item (<c>value</c> for a list of
    /// ids). No cell holds JSON. Each file starts with a UTF-8 byte-order mark (Excel reads it as UTF-8); text a
    /// spreadsheet would turn into a number or a date (the partial dates <c>1951</c>, <c>1966-03</c>) or run as a
    /// formula is written as the text formula <c>="1966-03"</c>, which Excel and LibreOffice show as that text.</para>
    /// <para><c>format=popolo</c> answers the registry in Popolo JSON (popoloproject.com),
    /// <c>{ "format": "popolo", "persons": […], "organizations": […], "memberships": […], "posts": […], "ildregistry": { "sources": […], "events": […], "orgLinks": […] } }</c>:
    /// departments, bureaus and institutions as organizations with <c>classification</c> and <c>parent_id</c>, each
    /// leader post a membership holding a post; only known, unqualified dates as Popolo dates, every field Popolo
    /// cannot say (unknown and ongoing ends, uncertain dates, bounds, rank, slug, full citations with weights, claims) in
    /// each record's <c>ildregistry</c> object by its import-format name, and what Popolo has no place for (source
    /// records, events, links between organisations) in the document's <c>ildregistry</c> object in the import format. <c>POST /api/v1/import?format=popolo</c>
    /// reads it back whole.</para>
    /// <para>Either way the answer is an attachment named by its date (<c>ildregistry-2026-11-28.json</c> or
    /// <c>.zip</c>), read from one consistent snapshot of the registry and written whole before the first byte is
    /// sent: it carries <c>Content-Length</c>, a strong <c>ETag</c>, <c>Last-Modified</c> and <c>Repr-Digest</c>
    /// (RFC 9530, the SHA-256 of the whole file) to check a download against, and <c>Accept-Ranges: bytes</c>: a broken
    /// download is resumed with <c>Range: bytes=N-</c> and <c>If-Range: &lt;ETag&gt;</c> (206; a 200 with the whole
    /// file when the registry changed since). The same snapshot is served until the next write.</para>
    /// </remarks>
    /// <param name="query">The format.</param>
    /// <param name="ct">Aborts the export when the client goes away.</param>
    [HttpGet]
    [ProducesResponseType<ExportDocument>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType(StatusCodes.Status206PartialContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status416RangeNotSatisfiable)]
    public async Task<IActionResult> Export([FromQuery] ExportQuery query, CancellationToken ct)
    {
        var (snapshot, content) = await snapshots.OpenAsync(ExportFormats.Normalize(query.Format) ?? ExportFormats.Json, ct);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{snapshot.FileName}\"";
        Response.Headers["Repr-Digest"] = snapshot.ReprDigest;
        var file = new FileStreamResult(content, snapshot.ContentType)
        {
            EntityTag = EntityTagHeaderValue.Parse(snapshot.ETag),
            LastModified = snapshot.CreatedAt,
            EnableRangeProcessing = true,
        };
        try
        {
            await file.ExecuteResultAsync(ControllerContext);
        }
        catch (Exception) when (Response.HasStarted)
        {
            // Past the status line nothing can say "failed" any more: cut the connection, so that no client takes
            // the bytes it got for the whole file (it also has Content-Length and Repr-Digest to see that).
            HttpContext.Abort();
        }

        return new EmptyResult();
    }
}
