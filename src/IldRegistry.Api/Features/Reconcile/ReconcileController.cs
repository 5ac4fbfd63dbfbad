using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Hardening;
using IldRegistry.Api.Common.Settings;
using IldRegistry.Api.Common.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Features.Reconcile;

/// <summary>
/// The W3C Reconciliation Service API, version 0.2 (the version OpenRefine speaks): add
/// <c>http://host/api/v1/reconcile</c> as a service in OpenRefine. Left out of the OpenAPI document: the protocol has a
/// specification and JSON schemas of its own (reconciliation-api/specs, 0.2), and its JSON travels inside form fields.
/// </summary>
[ApiController]
[AllowAnonymous]
[Expensive]
[ReadOnlyPost]
[EnableCors(SecurityHeaders.PublicReadsPolicy)]
[ApiExplorerSettings(IgnoreApi = true)]
[Route("api/v1/reconcile")]
public sealed class ReconcileController(ReconcileService reconcile, IOptions<ReconciliationSettings> settings) : ControllerBase
{
    private readonly ReconcileFacts facts = reconcile.Facts();

    private const string Base = "/api/v1/reconcile";

    /// <summary>
    /// Without parameters, the service manifest; with <c>queries</c> (query string or form), a batch of queries; with
    /// <c>extend</c>, a data extension. A POST may also carry the batch as a JSON body.
    /// </summary>
    [HttpGet]
    [HttpPost]
    public async Task<IActionResult> Service(CancellationToken ct)
    {
        var (queries, extend) = await ReadAsync(ct);
        if (extend is not null)
        {
            return await ExtendAsync(extend, ct);
        }

        if (queries is null)
        {
            return Ok(Manifest());
        }

        var (batch, errors) = ReconcileQueries.Parse(queries, settings.Value.MaxBatchSize);
        if (batch is null)
        {
            return Problems.Validation(HttpContext, errors);
        }

        var answers = await reconcile.ReconcileAsync(batch, ct);
        var departments = await facts.DepartmentsAsync(ct);
        var body = new JsonObject();
        foreach (var (key, candidates) in answers)
        {
            body[key] = new JsonObject
            {
                ["result"] = new JsonArray([.. candidates.Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = c.Entity.Id.ToString(),
                    ["name"] = c.Entity.Name,
                    ["description"] = c.Entity.Description(departments),
                    ["score"] = c.Score,
                    ["match"] = c.Match,
                    ["type"] = new JsonArray(TypeNode(c.Entity.Type)),
                    ["features"] = new JsonArray([.. c.Features.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["value"] = f.Value })]),
                })]),
            };
        }

        return Ok(body);
    }

    /// <summary>The properties data extension can fetch for a type (<c>?type=Person</c>).</summary>
    [HttpGet("propose_properties")]
    public IActionResult ProposeProperties([FromQuery] string? type, [FromQuery] int? limit)
    {
        var known = type is null ? null : ReconcileCatalog.Type(type);
        if (known is null)
        {
            return Problems.Validation(HttpContext, [("type", [$"'type' must be one of {string.Join(", ", ReconcileCatalog.Types.Select(t => t.Id))}."])]);
        }

        var properties = ReconcileCatalog.Properties.Where(p => p.Extend && p.Types.Contains(known.Id)).Take(Math.Clamp(limit ?? 100, 1, 100));
        return Ok(new JsonObject
        {
            ["type"] = known.Id,
            ["properties"] = new JsonArray([.. properties.Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["name"] = p.Name, ["description"] = p.Description })]),
        });
    }

    /// <summary>Entities whose names resemble <c>prefix</c>, optionally of one <c>type</c>.</summary>
    [HttpGet("suggest/entity")]
    public async Task<IActionResult> SuggestEntity([FromQuery] string? prefix, [FromQuery] string? type, [FromQuery] int? limit, CancellationToken ct)
    {
        if (CheckPrefix(prefix) is { } bad)
        {
            return bad;
        }

        var known = type is null ? null : ReconcileCatalog.Type(type);
        if (type is not null && known is null)
        {
            return Problems.Validation(HttpContext, [("type", [$"'type' must be one of {string.Join(", ", ReconcileCatalog.Types.Select(t => t.Id))}."])]);
        }

        var entities = await reconcile.SuggestAsync(prefix!, known, Math.Clamp(limit ?? 10, 1, ReconcileQueries.MaxLimit), ct);
        var departments = await facts.DepartmentsAsync(ct);
        return Ok(Result(entities.Select(e => new JsonObject
        {
            ["id"] = e.Id.ToString(),
            ["name"] = e.Name,
            ["description"] = e.Description(departments),
            ["notable"] = new JsonArray(TypeNode(e.Type)),
        })));
    }

    /// <summary>Types whose id or name starts with, or contains, <c>prefix</c>.</summary>
    [HttpGet("suggest/type")]
    public IActionResult SuggestType([FromQuery] string? prefix) =>
        (IActionResult?)CheckPrefix(prefix) ?? Ok(Result(ReconcileCatalog.Types.Where(t => Matches(prefix!, t.Id, t.Name)).Select(TypeNode)));

    /// <summary>Properties whose id or name starts with, or contains, <c>prefix</c>.</summary>
    [HttpGet("suggest/property")]
    public IActionResult SuggestProperty([FromQuery] string? prefix) =>
        (IActionResult?)CheckPrefix(prefix) ?? Ok(Result(ReconcileCatalog.Properties.Where(p => Matches(prefix!, p.Id, p.Name))
            .Select(p => new JsonObject { ["id"] = p.Id, ["name"] = p.Name, ["description"] = p.Description })));

    /// <summary>A small HTML card of one entity, for OpenRefine's preview pane (which frames it).</summary>
    [HttpGet("preview")]
    [Framable]
    public async Task<IActionResult> Preview([FromQuery] string? id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var key))
        {
            return Problems.Validation(HttpContext, [("id", ["'id' must be an entity id (a UUID) from a reconciliation answer."])]);
        }

        var found = await facts.EntitiesAsync([key], ct);
        if (!found.TryGetValue(key, out var entity))
        {
            return NotFound();
        }

        var departments = await facts.DepartmentsAsync(ct);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(Encode(entity.Name)).Append("</title></head>")
            .Append("<body style=\"font: 13px sans-serif; margin: 6px\"><h3 style=\"margin: 0\">").Append(Encode(entity.Name));
        if (entity.NativeName is not null)
        {
            html.Append(" <span lang=\"zh\">").Append(Encode(entity.NativeName)).Append("</span>");
        }

        html.Append("</h3><p style=\"color: #555; margin: 2px 0\">").Append(Encode(entity.Type.Name)).Append("</p><ul style=\"padding-left: 16px\">");
        foreach (var line in entity.Posts.Count > 0 ? entity.Posts.Select(p => p.Describe(departments)) : [entity.Description(departments)])
        {
            html.Append("<li>").Append(Encode(line)).Append("</li>");
        }

        html.Append("</ul><p style=\"color: #555\">").Append(entity.Sources.Count).Append(" source(s); ")
            .Append(Encode($"{Base[..^"/reconcile".Length]}/{entity.Type.Collection}/{entity.Id}")).Append("</p></body></html>");
        return Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>Where an entity of an answer lives: a redirect to its record (the manifest's <c>view</c>).</summary>
    [HttpGet("view/{id:guid}")]
    public async Task<IActionResult> View(Guid id, CancellationToken ct)
    {
        var found = await facts.EntitiesAsync([id], ct);
        return found.TryGetValue(id, out var entity) ? Redirect($"/api/v1/{entity.Type.Collection}/{entity.Id}") : NotFound();
    }

    private async Task<IActionResult> ExtendAsync(string text, CancellationToken ct)
    {
        JsonObject? request;
        try
        {
            request = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        var ids = request?["ids"] as JsonArray;
        var wanted = request?["properties"] as JsonArray;
        if (ids is null || wanted is null)
        {
            return Problems.Validation(HttpContext, [("extend", ["'extend' must be {\"ids\": [\"<id>\", …], \"properties\": [{\"id\": \"<property>\"}, …]}."])]);
        }

        var errors = new List<(string, string[])>();
        if (ids.Count > settings.Value.MaxBatchSize)
        {
            errors.Add(("extend.ids", [$"At most {settings.Value.MaxBatchSize} ids at a time."]));
        }

        var keys = new List<(string Text, Guid? Id)>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length <= Rules.MaxQueryLength)
            {
                keys.Add((v.GetValue<string>(), Guid.TryParse(v.GetValue<string>(), out var g) ? g : null));
            }
            else
            {
                errors.Add(($"extend.ids[{i}]", ["An id must be a string."]));
            }
        }

        var properties = new List<ReconcileProperty>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var id = wanted[i] is JsonObject p && p["id"] is JsonValue pid && pid.GetValueKind() == JsonValueKind.String ? pid.GetValue<string>() : null;
            if (id is not null && ReconcileCatalog.Property(id) is { Extend: true } property)
            {
                properties.Add(property);
            }
            else
            {
                errors.Add(($"extend.properties[{i}].id", [$"Unknown property. Data extension fetches: {string.Join(", ", ReconcileCatalog.Properties.Where(x => x.Extend).Select(x => x.Id))}."]));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(HttpContext, errors);
        }

        var entities = await facts.EntitiesAsync([.. keys.Select(k => k.Id).OfType<Guid>().Distinct()], ct);
        var departments = await facts.DepartmentsAsync(ct);
        var rows = new JsonObject();
        foreach (var (key, id) in keys)
        {
            var row = new JsonObject();
            foreach (var property in properties)
            {
                row[property.Id] = id is { } g && entities.TryGetValue(g, out var entity) ? ReconcileExtension.Values(entity, property, departments) : new JsonArray();
            }

            rows[key] = row;
        }

        return Ok(new JsonObject
        {
            ["meta"] = new JsonArray([.. properties.Select(p =>
            {
                var meta = new JsonObject { ["id"] = p.Id, ["name"] = p.Name };
                if (p.ValueType is { } type)
                {
                    meta["type"] = TypeNode(ReconcileCatalog.Type(type)!);
                }

                return (JsonNode)meta;
            })]),
            ["rows"] = rows,
        });
    }

    /// <summary>The batch or extension of a request: from the query string, a form, or a JSON body (a batch).</summary>
    private async Task<(string? Queries, string? Extend)> ReadAsync(CancellationToken ct)
    {
        string? queries = Request.Query["queries"];
        string? extend = Request.Query["extend"];
        if (HttpMethods.IsPost(Request.Method))
        {
            if (Request.HasFormContentType)
            {
                var form = await Request.ReadFormAsync(ct);
                queries ??= form["queries"];
                extend ??= form["extend"];
            }
            else if (Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var reader = new StreamReader(Request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync(ct);
                queries ??= body.Length == 0 ? "null" : body;
            }
        }

        return (queries, extend);
    }

    private JsonObject Manifest()
    {
        var origin = settings.Value.PublicBaseUrl?.TrimEnd('/') is { Length: > 0 } configured
            ? configured
            : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        var service = origin + Base;
        return new JsonObject
        {
            ["versions"] = new JsonArray("0.2"),
            ["name"] = "IldRegistry: party international departments, their people, units and institutions",
            ["identifierSpace"] = origin + "/api/v1/",
            ["schemaSpace"] = service + "/types/",
            ["documentation"] = origin + "/swagger",
            ["defaultTypes"] = new JsonArray([.. ReconcileCatalog.Types.Select(t => (JsonNode)TypeNode(t))]),
            ["view"] = new JsonObject { ["url"] = service + "/view/{{id}}" },
            ["preview"] = new JsonObject { ["url"] = service + "/preview?id={{id}}", ["width"] = 420, ["height"] = 200 },
            ["suggest"] = new JsonObject
            {
                ["entity"] = new JsonObject { ["service_url"] = service, ["service_path"] = "/suggest/entity" },
                ["type"] = new JsonObject { ["service_url"] = service, ["service_path"] = "/suggest/type" },
                ["property"] = new JsonObject { ["service_url"] = service, ["service_path"] = "/suggest/property" },
            },
            ["extend"] = new JsonObject
            {
                ["propose_properties"] = new JsonObject { ["service_url"] = service, ["service_path"] = "/propose_properties" },
                ["property_settings"] = new JsonArray(),
            },
        };
    }

    private BadRequestObjectResult? CheckPrefix(string? prefix) =>
        string.IsNullOrWhiteSpace(prefix) || prefix.Length > Rules.MaxQueryLength || prefix.Contains('\0', StringComparison.Ordinal)
            ? Problems.Validation(HttpContext, [("prefix", [$"'prefix' is required: 1 to {Rules.MaxQueryLength} characters, without NUL characters."])])
            : null;

    private static bool Matches(string prefix, params string[] names) =>
        names.Any(n => n.Contains(prefix.Trim(), StringComparison.OrdinalIgnoreCase));

    private static JsonObject Result(IEnumerable<JsonObject> items) => new() { ["result"] = new JsonArray([.. items]) };

    private static JsonObject TypeNode(ReconcileType type) => new() { ["id"] = type.Id, ["name"] = type.Name, ["description"] = type.Description };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
