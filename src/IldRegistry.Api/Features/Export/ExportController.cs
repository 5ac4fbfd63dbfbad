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
    /// <para><c>format=csv</c> answers an <c>application/zip</c> with one RFC 4180 file per resource
    /// (<c>departments.csv</c>, <c>people.csv</c>, <c>leaders.csv</c>, <c>bureaus.csv</c>, <c>institutions.csv</c>,
    /// <c>events.csv</c>): a header row, then one row per record with the same columns as the JSON items; lists
    /// (sources, otherNames, identifiers, ids) are JSON text in one column, partial dates their text (<c>198X</c>).</para>
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
        var csv = string.Equals(query.Format, ExportFormats.Csv, StringComparison.OrdinalIgnoreCase);
        var (snapshot, content) = await snapshots.OpenAsync(csv ? ExportFormats.Csv : ExportFormats.Json, ct);
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
