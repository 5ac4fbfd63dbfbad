using System.Globalization;
using System.Reflection;
using System.Text.Json;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// The fields of a resource's request by their JSON names, and which of them can carry claims: single values (text,
/// numbers, dates, kinds), not lists, references or the record's citations.
/// </summary>
internal sealed class RequestFields
{
    private static readonly HashSet<string> NotFields = ["sources", "claims"];

    private readonly Dictionary<string, PropertyInfo> _all;

    public RequestFields(Type requestType)
    {
        _all = requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);
        foreach (var name in NotFields)
        {
            _all.Remove(name);
        }
    }

    public IEnumerable<string> Names => _all.Keys;

    public bool Exists(string name) => _all.ContainsKey(name);

    public PropertyInfo? Property(string name) => _all.GetValueOrDefault(name);

    public static bool CanCarryClaims(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(string) || type == typeof(PartialDate) || type == typeof(int) || type == typeof(bool) || type.IsEnum;
    }

    /// <summary>A field's value as claims write it: a date in its partial-date form, a kind by name, a number in digits.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f and not Enum => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Parses a claimed value as the field's type; false when it does not parse.</summary>
    public static bool TryParse(PropertyInfo property, string? text, out string? canonical)
    {
        canonical = null;
        if (text is null)
        {
            return true;
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string))
        {
            canonical = text;
            return true;
        }

        if (type == typeof(PartialDate))
        {
            var ok = PartialDate.TryParse(text, out var date);
            canonical = date?.Text;
            return ok;
        }

        if (type == typeof(int))
        {
            var ok = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
            canonical = ok ? number.ToString(CultureInfo.InvariantCulture) : null;
            return ok;
        }

        if (type == typeof(bool))
        {
            canonical = text;
            return text is "true" or "false";
        }

        if (type.IsEnum && Enum.GetNames(type).Contains(text, StringComparer.Ordinal))
        {
            canonical = text;
            return true;
        }

        return false;
    }

    public static string Expected(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(PartialDate) ? $"a date in one of these forms: {PartialDate.AcceptedForms}"
            : type == typeof(int) ? "a whole number written in digits (\"17\")"
            : type == typeof(bool) ? "true or false"
            : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
            : "text";
    }
}

/// <summary>
/// The rules of claims and of the fields citations name, the same for every resource: each claim names a field of the
/// resource that can carry claims and a value of that field's type; the claims of one field have exactly one preferred
/// claim, and the record's field holds its value; a citation's <c>fields</c> name fields of the resource.
/// </summary>
internal static class ClaimRules
{
    public static void Check<TRequest>(Entity record, TRequest request, RequestFields fields, string singular, RuleErrors errors)
    {
        CheckCitedFields(record.Sources, "sources", fields, singular, errors);
        var preferred = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Claims.Count; i++)
        {
            var claim = record.Claims[i];
            var path = $"claims[{i}]";
            CheckCitedFields(claim.Sources, $"{path}.sources", fields, singular, errors);
            if (fields.Property(claim.Field) is not { } property)
            {
                errors.Invalid($"{path}.field", $"'{claim.Field}' is not a field of a {singular}; the fields are: {string.Join(", ", fields.Names)}.");
                continue;
            }

            if (!RequestFields.CanCarryClaims(property))
            {
                errors.Invalid($"{path}.field", $"'{claim.Field}' cannot carry claims: only single values (text, numbers, dates, kinds) can, not lists or references.");
                continue;
            }

            if (!RequestFields.TryParse(property, claim.Value, out _))
            {
                errors.Invalid($"{path}.value", $"'{claim.Value}' is not a value of '{claim.Field}': it must be {RequestFields.Expected(property)}.");
                continue;
            }

            firstOf.TryAdd(claim.Field, i);
            if (claim.Preferred)
            {
                if (!preferred.TryGetValue(claim.Field, out var list))
                {
                    preferred[claim.Field] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var (field, first) in firstOf)
        {
            var property = fields.Property(field)!;
            if (!preferred.TryGetValue(field, out var chosen))
            {
                errors.Invalid($"claims[{first}].preferred", $"No claim for '{field}' is preferred: exactly one must be, the value the {singular}'s '{field}' holds.");
                continue;
            }

            if (chosen.Count > 1)
            {
                errors.Invalid($"claims[{chosen[1]}].preferred", $"Claims {string.Join(" and ", chosen.Select(c => $"claims[{c}]"))} for '{field}' are both preferred: exactly one may be.");
                continue;
            }

            RequestFields.TryParse(property, record.Claims[chosen[0]].Value, out var claimed);
            var value = property.GetValue(request);
            var current = value is PartialDate date ? date.Text : RequestFields.Text(value);
            if (!string.Equals(current, claimed, StringComparison.Ordinal))
            {
                errors.Invalid(field, $"'{field}' ({current ?? "null"}) must equal its preferred claim (claims[{chosen[0]}]: {claimed ?? "null"}).");
            }
        }
    }

    private static void CheckCitedFields(List<Source> citations, string path, RequestFields fields, string singular, RuleErrors errors)
    {
        for (var i = 0; i < citations.Count; i++)
        {
            for (var f = 0; f < citations[i].Fields.Count; f++)
            {
                var name = citations[i].Fields[f];
                if (!fields.Exists(name))
                {
                    errors.Invalid($"{path}[{i}].fields[{f}]", $"'{name}' is not a field of a {singular}; the fields are: {string.Join(", ", fields.Names)}.");
                }
            }
        }
    }
}
