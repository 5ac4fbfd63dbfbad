using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace IldRegistry.Api.Features.Export;

/// <summary>
/// How a resource's request record becomes CSV tables, read from its JSON contract so that a new field gets its
/// column without anyone editing the export: every scalar field is a column of <c>{collection}.csv</c>; every list
/// (sources, otherNames, identifiers, lists of ids) is a file of its own, <c>{collection}.{field}.csv</c>, one row per
/// item with the record's id (<c>recordId</c>), the item's position and one column per field of the item (<c>value</c>
/// for a list of scalars). No cell holds JSON.
/// </summary>
internal sealed partial class CsvLayout
{
    private CsvLayout(IReadOnlyList<string> columns, IReadOnlyList<CsvList> lists)
    {
        Columns = columns;
        Lists = lists;
    }

    /// <summary>The scalar fields: the main file's columns after <c>id</c>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The list fields, each a file of its own.</summary>
    public IReadOnlyList<CsvList> Lists { get; }

    public static CsvLayout Of(Type requestType, JsonSerializerOptions json)
    {
        var columns = new List<string>();
        var lists = new List<CsvList>();
        foreach (var property in json.GetTypeInfo(requestType).Properties)
        {
            if (ItemType(property.PropertyType) is { } item)
            {
                lists.Add(ListOf(property.Name, item, json));
            }
            else
            {
                columns.Add(property.Name);
            }
        }

        return new CsvLayout(columns, lists);
    }

    /// <summary>
    /// A list field's file: one column per scalar field of its items; a list of scalars inside an item is one cell of
    /// its values joined by <c>; </c> (a citation's <c>fields</c>), and a list of objects inside an item (a claim's
    /// <c>sources</c>) a file of its own again, <c>{collection}.{field}.{nested}.csv</c>, keyed by the record's id and
    /// the item's position.
    /// </summary>
    private static CsvList ListOf(string field, Type item, JsonSerializerOptions json)
    {
        var info = json.GetTypeInfo(item);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return new CsvList(field, [], []);
        }

        var columns = new List<string>();
        var nested = new List<CsvList>();
        foreach (var property in info.Properties)
        {
            if (ItemType(property.PropertyType) is { } inner && json.GetTypeInfo(inner).Kind == JsonTypeInfoKind.Object)
            {
                nested.Add(ListOf(property.Name, inner, json));
            }
            else
            {
                columns.Add(property.Name);
            }
        }

        return new CsvList(field, columns, nested);
    }

    /// <summary>
    /// A field as spreadsheet-safe CSV text. Numbers and booleans are written as they are; text is written as it is
    /// unless a spreadsheet would change it on opening: text that looks like a number or a date (a partial date
    /// <c>1951</c> or <c>1951-01</c>, a number kept as text) or that starts like a formula (<c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, which would also run) is written as the text formula <c>="1951-01"</c>, which Excel and LibreOffice
    /// show as the text itself. Other nested values (objects) do not occur in the contracts; they would be JSON.
    /// </summary>
    public static string? Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => Text(value.GetString()!),
        JsonValueKind.Array => Text(string.Join("; ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()))),
        _ => value.GetRawText(),
    };

    /// <summary>Text, guarded as <see cref="Cell"/> says.</summary>
    public static string Text(string text) =>
        text.Length > 0 && (Misread().IsMatch(text) || text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            ? "=\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    private static Type? ItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
    }

    // What a spreadsheet reads as a number, a percentage, a date or a time: digits with separators, signs, exponents.
    [GeneratedRegex(@"^\s*[+-]?(\d[\d\s.,/:-]*%?|\d+([.,]\d+)?[eE][+-]?\d+|\.\d+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Misread();
}

/// <summary>A list field of a resource, written as a file of its own.</summary>
/// <param name="Field">The field (<c>sources</c>).</param>
/// <param name="ItemColumns">The fields of each item, or none for a list of scalars (then one <c>value</c> column).</param>
/// <param name="Nested">The lists of objects inside each item, each a file of its own.</param>
internal sealed record CsvList(string Field, IReadOnlyList<string> ItemColumns, IReadOnlyList<CsvList> Nested);
