using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Features.Reconcile;

/// <summary>One query of a batch, read and checked.</summary>
/// <param name="Text">The name looked for (may be empty when properties alone are given).</param>
/// <param name="Types">The types asked for (empty: every type).</param>
/// <param name="Limit">How many candidates at most.</param>
/// <param name="Properties">The properties that narrow the match.</param>
public sealed record ReconcileQuery(string Text, IReadOnlyList<ReconcileType> Types, int Limit, IReadOnlyList<PropertyCondition> Properties);

/// <summary>A property a query narrows the match with, and the values it accepts (any of them).</summary>
public sealed record PropertyCondition(ReconcileProperty Property, IReadOnlyList<ConditionValue> Values);

/// <summary>One value of a condition: as text, as a reconciled entity's id, or as a date.</summary>
public sealed record ConditionValue(string Text, Guid? Id, PartialDate? Date);

/// <summary>
/// Reads a batch of reconciliation queries (the JSON object OpenRefine sends, <c>{"q0": {"query": …}, …}</c>) into
/// checked queries, or the errors keyed by JSON path (<c>queries.q0.properties[1].v</c>) for a 400.
/// </summary>
public static class ReconcileQueries
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 25;

    private static readonly HashSet<string> Known = new(["query", "type", "limit", "properties", "type_strict"], StringComparer.Ordinal);

    /// <summary>Parses the text of a batch; an answer has either queries or errors.</summary>
    public static (Dictionary<string, ReconcileQuery>? Queries, List<(string Key, string[] Messages)> Errors) Parse(string? json, int maxBatch)
    {
        var errors = new List<(string, string[])>();
        JsonNode? root;
        try
        {
            root = string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            errors.Add(("queries", [$"'queries' is not valid JSON: {e.Message}"]));
            return (null, errors);
        }

        if (root is not JsonObject batch)
        {
            errors.Add(("queries", ["'queries' must be a JSON object of queries keyed by their ids ({\"q0\": {\"query\": \"Wang\"}})."]));
            return (null, errors);
        }

        if (batch.Count > maxBatch)
        {
            errors.Add(("queries", [$"A batch holds at most {maxBatch} queries (it has {batch.Count})."]));
            return (null, errors);
        }

        var queries = new Dictionary<string, ReconcileQuery>(StringComparer.Ordinal);
        foreach (var (key, node) in batch)
        {
            if (Query(key, node, errors) is { } query)
            {
                queries[key] = query;
            }
        }

        return errors.Count == 0 ? (queries, errors) : (null, errors);
    }

    private static ReconcileQuery? Query(string key, JsonNode? node, List<(string, string[])> errors)
    {
        var path = $"queries.{key}";
        var before = errors.Count;
        if (node is not JsonObject query)
        {
            errors.Add((path, ["A query must be an object with 'query' and optionally 'type', 'limit', 'properties'."]));
            return null;
        }

        foreach (var (name, _) in query.Where(p => !Known.Contains(p.Key)))
        {
            errors.Add(($"{path}.{name}", [$"Unknown member '{name}': a query has query, type, limit, properties and type_strict."]));
        }

        var text = string.Empty;
        if (query["query"] is { } q)
        {
            if (q.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(($"{path}.query", ["'query' must be a string."]));
            }
            else
            {
                text = q.GetValue<string>().Trim();
                if (text.Length > Rules.MaxQueryLength || text.Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add(($"{path}.query", [$"'query' must be at most {Rules.MaxQueryLength} characters, without NUL characters."]));
                }
            }
        }

        var types = new List<ReconcileType>();
        switch (query["type"])
        {
            case null:
                break;
            case JsonValue one when one.GetValueKind() == JsonValueKind.String:
                AddType(one.GetValue<string>(), $"{path}.type", types, errors);
                break;
            case JsonArray many:
                for (var i = 0; i < many.Count; i++)
                {
                    if (many[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        AddType(v.GetValue<string>(), $"{path}.type[{i}]", types, errors);
                    }
                    else
                    {
                        errors.Add(($"{path}.type[{i}]", ["A type must be a string."]));
                    }
                }

                break;
            default:
                errors.Add(($"{path}.type", ["'type' must be a type id or a list of them."]));
                break;
        }

        var limit = DefaultLimit;
        if (query["limit"] is { } l)
        {
            if (l.GetValueKind() != JsonValueKind.Number || !l.AsValue().TryGetValue(out double number) || number != Math.Floor(number) || number < 1 || number > MaxLimit)
            {
                errors.Add(($"{path}.limit", [$"'limit' must be a whole number from 1 to {MaxLimit}."]));
            }
            else
            {
                limit = (int)number;
            }
        }

        var conditions = new List<PropertyCondition>();
        if (query["properties"] is { } p)
        {
            if (p is not JsonArray properties)
            {
                errors.Add(($"{path}.properties", ["'properties' must be a list of {\"pid\": …, \"v\": …}."]));
            }
            else
            {
                for (var i = 0; i < properties.Count; i++)
                {
                    if (Condition(properties[i], $"{path}.properties[{i}]", errors) is { } condition)
                    {
                        conditions.Add(condition);
                    }
                }
            }
        }

        if (errors.Count == before && text.Length == 0 && conditions.Count == 0)
        {
            errors.Add(($"{path}.query", ["A query needs 'query' or at least one property."]));
        }

        return errors.Count == before ? new ReconcileQuery(text, types, limit, conditions) : null;
    }

    private static void AddType(string id, string path, List<ReconcileType> types, List<(string, string[])> errors)
    {
        if (ReconcileCatalog.Type(id) is { } type)
        {
            types.Add(type);
        }
        else
        {
            errors.Add((path, [$"Unknown type '{Shorten(id)}'. Types: {string.Join(", ", ReconcileCatalog.Types.Select(t => t.Id))}."]));
        }
    }

    private static PropertyCondition? Condition(JsonNode? node, string path, List<(string, string[])> errors)
    {
        if (node is not JsonObject condition || condition["pid"] is not JsonValue pid || pid.GetValueKind() != JsonValueKind.String)
        {
            errors.Add((path, ["A property must be {\"pid\": \"<property id>\", \"v\": <value or list of values>}."]));
            return null;
        }

        var property = ReconcileCatalog.Property(pid.GetValue<string>());
        if (property is not { Query: true })
        {
            errors.Add(($"{path}.pid", [$"Unknown property '{Shorten(pid.GetValue<string>())}'. Queries may name: {string.Join(", ", ReconcileCatalog.Properties.Where(p => p.Query).Select(p => p.Id))}."]));
            return null;
        }

        List<JsonNode?> raw = condition["v"] switch
        {
            JsonArray array => [.. array],
            null => [],
            var one => [one],
        };
        if (raw.Count == 0)
        {
            errors.Add(($"{path}.v", ["'v' must be a value or a non-empty list of values."]));
            return null;
        }

        var values = new List<ConditionValue>();
        var before = errors.Count;
        for (var i = 0; i < raw.Count; i++)
        {
            var at = condition["v"] is JsonArray ? $"{path}.v[{i}]" : $"{path}.v";
            var value = Value(raw[i]);
            if (value is null)
            {
                errors.Add((at, ["A value must be a string, a number, a boolean or {\"id\": …, \"name\": …}."]));
                continue;
            }

            if (value.Length > Rules.MaxQueryLength || value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add((at, [$"A value must be at most {Rules.MaxQueryLength} characters, without NUL characters."]));
                continue;
            }

            PartialDate? date = null;
            if (property.Id == "heldOn" && !PartialDate.TryParse(value.Trim(), out date))
            {
                errors.Add((at, [PartialDate.NotADate(Shorten(value))]));
                continue;
            }

            values.Add(new ConditionValue(value.Trim(), Guid.TryParse(value, out var id) ? id : null, date));
        }

        return errors.Count == before ? new PropertyCondition(property, values) : null;
    }

    /// <summary>A value as text: a reconciled entity by its id, a number as OpenRefine writes a numeric cell (1960).</summary>
    private static string? Value(JsonNode? node) => node switch
    {
        JsonObject entity => entity["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : null,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.TryGetValue(out double d) ? d.ToString(CultureInfo.InvariantCulture) : null,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        },
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
