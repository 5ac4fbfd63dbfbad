using System.Globalization;
using IldRegistry.Domain.Auditing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IldRegistry.Api.Common.Resources;

/// <summary>A record as the registry held it at a past moment (<c>?recordedAsOf=</c> on a read of one record).</summary>
/// <param name="Type">The record's collection (<c>departments</c>).</param>
/// <param name="Id">The record's id.</param>
/// <param name="RecordedAsOf">The moment asked for.</param>
/// <param name="RecordedAt">When the state shown was recorded: the last change at or before that moment (also the <c>Memento-Datetime</c> header).</param>
/// <param name="Action">What that change was.</param>
/// <param name="Version">The row version that change wrote (the part of the record's ETag before the dash, at the time).</param>
/// <param name="Deleted">Whether the record was deleted at that moment (then <c>record</c> is as it was before its deletion).</param>
/// <param name="Record">Its fields then, in the shape <c>POST</c> and <c>PUT</c> take (and the export writes).</param>
public sealed record RecordedRecordResponse(
    string Type, Guid Id, DateTimeOffset RecordedAsOf, DateTimeOffset RecordedAt, AuditAction Action, uint Version, bool Deleted, object Record);

/// <summary>A controller that can answer a record as it was recorded at a past moment.</summary>
internal interface IRecordedRepresentation
{
    Task<RecordedRecordResponse> RecordedAsync(string key, DateTimeOffset at, RecordedHistory history, CancellationToken ct);
}

/// <summary>
/// <c>recordedAsOf</c> on the read of one record of any resource: the record answered from its history instead of
/// its current row, with RFC 7089 (Memento) headers. One mechanism for every resource (see <see cref="RecordedHistory"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class RecordedReadsAttribute : ActionFilterAttribute
{
    public const string Parameter = "recordedAsOf";

    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!IsRecordRead(context.ActionDescriptor)
            || context.Controller is not IRecordedRepresentation resource
            || !request.Query.TryGetValue(Parameter, out var values)
            || context.RouteData.Values["id"]?.ToString() is not { } key)
        {
            await next();
            return;
        }

        var at = RecordedHistory.Parse(values.ToString(), context.HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        var history = context.HttpContext.RequestServices.GetRequiredService<RecordedHistory>();
        var recorded = await resource.RecordedAsync(key, at, history, context.HttpContext.RequestAborted);
        Memento.SetHeaders(context.HttpContext, recorded.RecordedAt, $"{request.PathBase}{request.Path}");
        context.Result = new OkObjectResult(recorded);
    }

    /// <summary>The GET of one record (<c>{id}</c>), not its history or the collection.</summary>
    internal static bool IsRecordRead(Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor action) =>
        action is ControllerActionDescriptor { ActionName: "Get" } descriptor
        && descriptor.AttributeRouteInfo?.Template?.Split('/')[^1].StartsWith("{id", StringComparison.Ordinal) == true
        && typeof(IRecordedRepresentation).IsAssignableFrom(descriptor.ControllerTypeInfo);
}

/// <summary>RFC 7089 headers of an answer that describes the registry at a past moment.</summary>
public static class Memento
{
    public static void SetHeaders(HttpContext context, DateTimeOffset recordedAt, string original)
    {
        context.Response.Headers["Memento-Datetime"] = recordedAt.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers.Link = $"<{original}>; rel=\"original\"";
    }
}

/// <summary>Documents <c>recordedAsOf</c> on every read of one record.</summary>
internal sealed class RecordedReadsOperationFilter : IOperationFilter
{
    public const string Description =
        "A past moment (transaction time): a timestamp with its offset (`2026-12-01T10:00:00Z`) or a date (`2026-12-01`, " +
        "its end in UTC). The answer is then the record as the registry held it then, rebuilt from its history " +
        "(`RecordedRecordResponse`: its fields in the shape PUT takes, when that state was recorded, whether it was " +
        "deleted), with `Memento-Datetime` (RFC 7089) and `Link: <…>; rel=\"original\"`. 404 when the registry held no " +
        "such record then; 400 on a malformed moment or one after now (today's date means now).";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!RecordedReadsAttribute.IsRecordRead(context.ApiDescription.ActionDescriptor))
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = RecordedReadsAttribute.Parameter,
            In = ParameterLocation.Query,
            Description = Description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 40 },
            Example = System.Text.Json.Nodes.JsonValue.Create("2026-12-01T10:00:00Z"),
        });
        operation.Responses ??= [];
        operation.Responses.TryAdd("400", new OpenApiResponse
        {
            Description = "Bad Request: `recordedAsOf` is not a moment.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ValidationProblemDetails), context.SchemaRepository),
                },
            },
        });
    }
}
