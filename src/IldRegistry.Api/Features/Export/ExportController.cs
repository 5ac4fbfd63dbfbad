using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Export;

/// <summary>The whole registry in one download.</summary>
[ApiController]
[Route("api/v1/export")]
public sealed class ExportController(ExportService exports) : ControllerBase
{
    /// <summary>Exports the whole registry (live records only), streamed.</summary>
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
    /// <para>Either way the answer is an attachment named by today's date (<c>ildregistry-2026-11-28.json</c> or
    /// <c>.zip</c>). It is written as it is read, so it carries no ETag.</para>
    /// </remarks>
    /// <param name="query">The format.</param>
    /// <param name="ct">Aborts the export when the client goes away.</param>
    [HttpGet]
    [ProducesResponseType<ExportDocument>(StatusCodes.Status200OK, "application/json", "application/zip")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Export([FromQuery] ExportQuery query, CancellationToken ct)
    {
        var csv = string.Equals(query.Format, ExportFormats.Csv, StringComparison.OrdinalIgnoreCase);
        Response.ContentType = csv ? "application/zip" : "application/json; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{exports.FileName(csv ? "zip" : "json")}\"";
        await (csv ? exports.WriteCsvZipAsync(Response, ct) : exports.WriteJsonAsync(Response, ct));
        return new EmptyResult();
    }
}
