using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IldRegistry.Api.Common.Resources;

/// <summary>A resource controller's current representation of a record, for <see cref="WritePreconditions"/>.</summary>
internal interface ICurrentRepresentation
{
    /// <summary>The record the URL's key names (its id, a department's also its slug) as a GET answers it; 404, or 410 when deleted.</summary>
    Task<IVersioned> CurrentAsync(string key, CancellationToken ct);
}

/// <summary>
/// No write without a precondition (RFC 9110 §13.1.1, RFC 6585 §3): a PUT or DELETE of a record must carry
/// <c>If-Match</c> with the strong ETag a GET of it answered, hash part included (428 without one, 412 when it is not
/// the current one, with the current ETag exactly as a GET would send it). A missing record stays a 404/410 first.
/// Runs before model binding's and FluentValidation's 400s, since a precondition is evaluated before the content.
/// </summary>
internal sealed class WritePreconditions(IOptions<MvcOptions> mvc, ProblemDetailsFactory problems) : IAsyncActionFilter
{
    // The output formatter's own options (it adds a relaxed encoder), so the bytes hashed are the bytes a GET sends.
    private readonly JsonSerializerOptions _json = mvc.Value.OutputFormatters.OfType<SystemTextJsonOutputFormatter>().First().SerializerOptions;

    /// <summary>Before the [ApiController] model-state filter (-2000) and the FluentValidation filter (0).</summary>
    public const int FilterOrder = -3000;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!(HttpMethods.IsPut(http.Request.Method) || HttpMethods.IsDelete(http.Request.Method))
            || context.Controller is not ICurrentRepresentation resource
            || context.RouteData.Values["id"]?.ToString() is not { } id)
        {
            await next();
            return;
        }

        var current = await CurrentETagAsync(resource, id, http.RequestAborted);
        var raw = http.Request.Headers.IfMatch;
        if (raw.Count == 0 || string.IsNullOrWhiteSpace(raw.ToString()))
        {
            context.Result = Required(http, "This write needs an If-Match header.");
            return;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(raw, out var tags) || tags.Count == 0)
        {
            throw new FieldValidationException("If-Match", "If-Match must be an ETag exactly as a GET of the record sent it, quotes included, e.g. \"742-nephZPwvFszi5Ptm\".");
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            context.Result = Required(http, "If-Match: * does not say which version you edited, so it cannot protect another editor's change.");
            return;
        }

        // Strong comparison: a weak tag never matches, and neither does the version without its hash.
        if (!tags.Any(t => !t.IsWeak && t.Tag.Equals(current.ETag, StringComparison.Ordinal)))
        {
            throw new PreconditionFailedException(current.ETag);
        }

        ETags.SetVerifiedVersion(http, current.Version);
        var executed = await next();
        if (executed.Exception is PreconditionFailedException or DbUpdateConcurrencyException && !executed.ExceptionHandled)
        {
            // Someone wrote between this check and the conditional UPDATE: report the ETag as it is now.
            executed.ExceptionHandled = true;
            executed.Exception = null;
            var now = await CurrentETagAsync(resource, id, http.RequestAborted);
            throw new PreconditionFailedException(now.ETag);
        }
    }

    private async Task<(string ETag, uint Version)> CurrentETagAsync(ICurrentRepresentation resource, string id, CancellationToken ct)
    {
        var record = await resource.CurrentAsync(id, ct);
        var body = JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), _json);
        return (ETags.Of(record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), body), record.Version);
    }

    private ObjectResult Required(HttpContext http, string why)
    {
        var problem = problems.CreateProblemDetails(
            http,
            StatusCodes.Status428PreconditionRequired,
            title: "Precondition required",
            detail: $"{why} GET {http.Request.Path} first, and send the ETag header of that answer as If-Match (all of it, quotes included). If someone changed the record since, the answer is 412 and nothing is written.",
            instance: http.Request.Path);
        problem.Extensions["readFrom"] = http.Request.Path.Value;
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status428PreconditionRequired, ContentTypes = { "application/problem+json" } };
    }
}
