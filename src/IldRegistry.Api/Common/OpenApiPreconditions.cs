using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IldRegistry.Api.Common;

/// <summary>
/// Declares the conditional request headers: <c>If-Match</c> required on every PUT and DELETE of a record (see
/// <see cref="Resources.WritePreconditions"/>), <c>If-None-Match</c> on the GETs that answer an ETag.
/// </summary>
internal sealed class PreconditionHeadersOperationFilter : IOperationFilter
{
    public const string ReadEditWrite =
        "Required. The read, edit, write cycle: GET the record and keep its `ETag` header (e.g. `\"742-nephZPwvFszi5Ptm\"`); " +
        "send it unchanged as `If-Match` with the PUT or DELETE. Without it the answer is 428; if the record changed since " +
        "(another editor's write), 412 with `currentETag`, and nothing is written: GET again, reapply your edit, retry. " +
        "Only the strong ETag, hash part included, matches (not `W/\"…\"`, not `*`).";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod;
        var onRecord = context.ApiDescription.RelativePath?.EndsWith("{id}", StringComparison.Ordinal) == true;
        operation.Parameters ??= [];
        if (onRecord && (string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "DELETE", StringComparison.OrdinalIgnoreCase)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = ReadEditWrite,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 },
            });
        }
        else if (string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && operation.Responses?.ContainsKey("401") == true)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKeys.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Optional: a key of your choosing (a new UUID per create). Sent again with the same request, after a timeout or a dropped connection, it answers the first result (with `Idempotent-Replayed: true`) instead of writing again; with a different request, 422; while the first is still running, 409 with `Retry-After`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxLength },
            });
            var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
            operation.Responses.TryAdd("422", new OpenApiResponse
            {
                Description = "The Idempotency-Key was already used with a different request.",
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            });
        }
        else if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) && operation.Responses?.ContainsKey("304") == true)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "An ETag from an earlier answer: 304 Not Modified, with no body, while it is still current.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 },
            });
        }
    }
}
