using System.Text.Json.Nodes;

namespace IldRegistry.Api.Features.Reconcile;

/// <summary>
/// The values data extension writes back into a spreadsheet, per property of <see cref="ReconcileCatalog"/>. Dates are
/// strings (<c>{"str": "1951"}</c>), never the specification's <c>date</c> (a full timestamp): a partial date made a
/// timestamp would claim a day the registry does not know.
/// </summary>
public static class ReconcileExtension
{
    public static JsonArray Values(ReconcileEntity entity, ReconcileProperty property, IReadOnlyDictionary<Guid, ReconcileDepartment> departments)
    {
        if (!property.Types.Contains(entity.Type.Id))
        {
            return [];
        }

        IEnumerable<JsonNode> values = property.Id switch
        {
            "department" when entity.Type.Id == ReconcileCatalog.Person =>
                entity.Posts.Select(p => p.DepartmentId).Distinct().Select(id => Department(id, departments)).OfType<JsonNode>(),
            "department" => Department(entity.DepartmentId, departments) is { } d ? [d] : [],
            "nativeName" => Strings(entity.NativeName),
            "otherNames" => Strings([.. entity.OtherNames.Select(n => $"{n.Name} ({n.Lang})")]),
            "post" => Strings([.. entity.Posts.Select(p => p.Describe(departments))]),
            "postTitle" => Strings([.. entity.Posts.Select(p => p.Title)]),
            "postStart" => Strings([.. entity.Posts.Select(p => p.StartText)]),
            "postEnd" => Strings([.. entity.Posts.Select(p => p.EndText)]),
            "established" => Strings(entity.Established),
            "parent" => entity.ParentId is { } parent ? [new JsonObject { ["id"] = parent.ToString(), ["name"] = entity.ParentName ?? parent.ToString() }] : [],
            "kind" => Strings(entity.Kind),
            "sources" => Strings([.. entity.Sources.Select(s => s.Url is null ? s.Title : $"{s.Title} <{s.Url}>")]),
            _ => [],
        };
        return [.. values];
    }

    private static JsonObject? Department(Guid? id, IReadOnlyDictionary<Guid, ReconcileDepartment> departments) =>
        id is { } key && departments.TryGetValue(key, out var d) ? new JsonObject { ["id"] = d.Id.ToString(), ["name"] = d.Name } : null;

    private static IEnumerable<JsonNode> Strings(params string?[] values) =>
        values.OfType<string>().Where(v => v.Length > 0).Select(v => (JsonNode)new JsonObject { ["str"] = v });
}
