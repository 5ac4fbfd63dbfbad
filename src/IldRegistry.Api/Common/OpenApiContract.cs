using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IldRegistry.Api.Common;

/// <summary>
/// What every operation answers beyond its own types, so that the document says exactly what the server does: the
/// response headers (ETag, Location, Link, Retry-After, WWW-Authenticate), the 415 of a body in another media type,
/// the 429 of the rate limits, a required request body (an empty one is a 400), and the export's zip.
/// </summary>
internal sealed class ContractResponsesOperationFilter : IOperationFilter
{
    private const string Problem = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var method = context.ApiDescription.HttpMethod ?? string.Empty;

        if (operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
            operation.Responses.TryAdd("415", ProblemResponse("Unsupported Media Type: send the body as application/json in UTF-8.", problem));
        }

        var tooMany = ProblemResponse("Too Many Requests: a rate limit was reached; retry after the Retry-After seconds.", problem);
        Header(tooMany, "Retry-After", "Seconds to wait before retrying.", JsonSchemaType.Integer);
        operation.Responses.TryAdd("429", tooMany);

        if (operation.Responses.TryGetValue("401", out var unauthorized))
        {
            Header(unauthorized, "WWW-Authenticate", "The scheme to authenticate with (Bearer).");
        }

        if (operation.Responses.TryGetValue("503", out var unavailable))
        {
            Header(unavailable, "Retry-After", "Seconds to wait before retrying.", JsonSchemaType.Integer);
        }

        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var path = context.ApiDescription.RelativePath ?? string.Empty;
        var ownValidators = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<OwnValidatorsAttribute>().Any();
        foreach (var (status, response) in operation.Responses)
        {
            // ConditionalGet tags every read; writes answer the ETag a GET of the record would.
            // An endpoint with validators of its own (the export, the change feed) documents its own headers.
            var tagged = !ownValidators
                && (status == "201" || (status == "200" && (isGet || string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/restore", StringComparison.Ordinal))));
            if (tagged)
            {
                Header(response, "ETag", "The strong ETag of this representation (If-None-Match on a GET; If-Match to change or delete a record).");
            }

            if (status == "200" && isGet && IsPage(context))
            {
                Header(response, "Link", "RFC 8288 links to the first, prev, next and last pages.");
            }

            if (status == "201")
            {
                Header(response, "Location", "The URL of the new record.");
            }
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (path == "api/v1/export" && parameter.Name == "format" && parameter.Schema is OpenApiSchema format)
            {
                format.Enum = [System.Text.Json.Nodes.JsonValue.Create("json"), System.Text.Json.Nodes.JsonValue.Create("csv"), System.Text.Json.Nodes.JsonValue.Create("popolo")];
            }

            if (path == "api/v1/import" && parameter.Name == "format" && parameter.Schema is OpenApiSchema importFormat)
            {
                importFormat.Enum = [.. Features.Import.ImportFormats.All.Select(f => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(f))];
            }

            if (parameter.Name == "sort" && parameter.Schema is OpenApiSchema sort && SortFieldsOf(context) is { } fields)
            {
                sort.Enum = [.. fields.SelectMany(f => new[] { f, "-" + f }).Select(f => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(f))];
            }

            // ValidationFilter bounds every query value; a parameter that says less keeps its own maximum.
            if (parameter.In == ParameterLocation.Query && parameter.Schema is OpenApiSchema text
                && text.Type is { } type && type.HasFlag(JsonSchemaType.String)
                && text.MaxLength is null && text.Enum is not { Count: > 0 } && text.Format is null)
            {
                text.MaxLength = Validation.Rules.MaxQueryLength;
            }
        }

        if (context.ApiDescription.RelativePath == "api/v1/export" && operation.Responses.TryGetValue("200", out var export) && export is OpenApiResponse exported)
        {
            exported.Content ??= new Dictionary<string, IOpenApiMediaType>();
            if (exported.Content.TryGetValue("application/json", out var json) && json is OpenApiMediaType jsonMedia && jsonMedia.Schema is { } exportSchema)
            {
                jsonMedia.Schema = new OpenApiSchema { OneOf = [exportSchema, PopoloDocument(exported: true)] };
            }

            exported.Content["application/zip"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, ContentMediaType = "application/zip", Description = "format=csv: a zip of six RFC 4180 CSV files." },
            };
            Header(exported, "ETag", "The strong ETag of the dated snapshot (If-Range to resume it).");
            Header(exported, "Repr-Digest", "RFC 9530: the SHA-256 of the whole file, e.g. sha-256=:…:");
            Header(exported, "Accept-Ranges", "bytes: a broken download is resumed with Range and If-Range.");
            Header(exported, "Last-Modified", "When the snapshot was taken.");
        }

        // The import reads either form: the export document (its own schema, first) or, with format=popolo, Popolo.
        if (path == "api/v1/import" && operation.RequestBody is OpenApiRequestBody imported
            && imported.Content?.TryGetValue("application/json", out var sent) == true && sent is OpenApiMediaType bodyMedia && bodyMedia.Schema is { } documentSchema)
        {
            bodyMedia.Schema = new OpenApiSchema { OneOf = [documentSchema, PopoloDocument(exported: false)] };
        }

    }

    /// <summary>
    /// format=popolo: a Popolo document (popoloproject.com, its JSON schemas under tests/…/Schemas/popolo), persons,
    /// organizations, memberships and posts, with the registry's own facts in each object's <c>ildregistry</c> extension
    /// and the sections Popolo has no place for in the document's. The export always writes every section; an import
    /// takes any of them (a file from another project has no <c>format</c> and no extensions).
    /// </summary>
    private static OpenApiSchema PopoloDocument(bool exported)
    {
        static OpenApiSchema Objects(string description) => new()
        {
            Type = JsonSchemaType.Array,
            Description = description,
            Items = new OpenApiSchema { Type = JsonSchemaType.Object },
        };

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = exported
                ? "format=popolo: the registry as one Popolo JSON document."
                : "format=popolo: a Popolo JSON document, the Popolo export's or another project's.",
            Required = exported ? new HashSet<string> { "format", "persons", "organizations", "memberships", "posts", "ildregistry" } : null,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["format"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("popolo")] },
                ["exportedAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                ["persons"] = Objects("Popolo persons."),
                ["organizations"] = Objects("Popolo organizations: departments, units and institutions (classification department, unit, institution)."),
                ["memberships"] = Objects("Popolo memberships: the leader posts, with start_date and end_date."),
                ["posts"] = Objects("Popolo posts: one per department and title."),
                ["ildregistry"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "What Popolo has no place for, in the import format: the sections sources, events and orgLinks (each an array of records with their ids).",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } },
                },
            },
        };
    }

    /// <summary>
    /// The sort fields of the resource an operation lists: the <c>SortMap</c> its feature keeps for the
    /// controller's entity, so the document's enum is the very set the server accepts.
    /// </summary>
    private static List<string>? SortFieldsOf(OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor is not Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor action)
        {
            return null;
        }

        var entity = Ancestors(action.ControllerTypeInfo.AsType())
            .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Resources.ResourceController<,,>))
            ?.GetGenericArguments()[0];
        if (entity is null)
        {
            return null;
        }

        var mapType = typeof(Resources.SortMap<>).MakeGenericType(entity);
        var map = typeof(ContractResponsesOperationFilter).Assembly.GetTypes()
            .Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
            .FirstOrDefault(f => f.FieldType == mapType)
            ?.GetValue(null) as Resources.ISortFields;
        return map?.Fields.ToList();
    }

    private static IEnumerable<Type> Ancestors(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            yield return type;
        }
    }

    private static bool IsPage(OperationFilterContext context) =>
        context.ApiDescription.SupportedResponseTypes.Any(r => r.Type is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(PagedResult<>));

    private static OpenApiResponse ProblemResponse(string description, IOpenApiSchema problem) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType> { [Problem] = new OpenApiMediaType { Schema = problem } },
    };

    private static void Header(IOpenApiResponse response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        if (response is not OpenApiResponse target)
        {
            return;
        }

        target.Headers ??= new Dictionary<string, IOpenApiHeader>();
        // Every header documented here is sent on every answer of its status: required, and checked as such.
        target.Headers.TryAdd(name, new OpenApiHeader { Description = description, Required = true, Schema = new OpenApiSchema { Type = type } });
    }
}
