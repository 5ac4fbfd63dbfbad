using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using IldRegistry.Domain.Common;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace IldRegistry.Api.Common.Validation;

/// <summary>
/// Reads a JSON body as the standard formatter does, and when that fails, reads it again field by field so that
/// every field of the wrong type is reported at once, keyed by its JSON path and said in the caller's words
/// ("must be a UUID", "must be one of: …"), never a .NET type or a byte position. The fields in error are left
/// out and the rest is bound, so <see cref="ValidationFilter"/> adds the rule errors of the other fields.
/// </summary>
internal sealed class FieldByFieldJsonInputFormatter : TextInputFormatter, IInputFormatterExceptionPolicy
{
    private readonly JsonSerializerOptions _options;

    public FieldByFieldJsonInputFormatter(JsonSerializerOptions options)
    {
        _options = options;
        SupportedEncodings.Add(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        SupportedEncodings.Add(new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true));
        SupportedMediaTypes.Add("application/json");
        SupportedMediaTypes.Add("application/*+json");
    }

    public InputFormatterExceptionPolicy ExceptionPolicy => InputFormatterExceptionPolicy.MalformedInputExceptions;

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        var request = context.HttpContext.Request;
        var ct = context.HttpContext.RequestAborted;
        request.EnableBuffering();
        try
        {
            var model = await JsonSerializer.DeserializeAsync(Text(request.Body, encoding), context.ModelType, _options, ct);
            return model is null && !context.TreatEmptyInputAsDefaultValue ? await InputFormatterResult.NoValueAsync() : await InputFormatterResult.SuccessAsync(model);
        }
        catch (JsonException)
        {
            // Read again below, to say what is wrong with every field.
        }

        request.Body.Position = 0;
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(Text(request.Body, encoding), cancellationToken: ct);
        }
        catch (JsonException)
        {
            context.ModelState.TryAddModelError("body", "The body is not well-formed JSON (it may be cut off, or have a missing quote, comma or bracket).");
            return await InputFormatterResult.FailureAsync();
        }

        var errors = new List<(string Path, string Message)>();
        try
        {
            node = Clean(node, context.ModelType, string.Empty, errors);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            context.ModelState.TryAddModelError("body", "The body is not valid UTF-8 text.");
            return await InputFormatterResult.FailureAsync();
        }
        catch (ArgumentException)
        {
            // JsonObject refuses a name twice in one object (the standard reader keeps the last).
            context.ModelState.TryAddModelError("body", "A field appears twice in one object of the body.");
            return await InputFormatterResult.FailureAsync();
        }

        foreach (var (path, message) in errors)
        {
            context.ModelState.TryAddModelError(path.Length == 0 ? "body" : path, message);
        }

        try
        {
            return await InputFormatterResult.SuccessAsync(node?.Deserialize(context.ModelType, _options));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            context.ModelState.TryAddModelError("body", "The body does not have the form of this record.");
            return await InputFormatterResult.FailureAsync();
        }
    }

    private static Stream Text(Stream body, Encoding encoding) =>
        encoding.CodePage == Encoding.UTF8.CodePage ? body : Encoding.CreateTranscodingStream(body, encoding, Encoding.UTF8, leaveOpen: true);

    /// <summary>The node with every field in error left out (null when the node itself is wrong), errors added.</summary>
    private JsonNode? Clean(JsonNode? node, Type type, string path, List<(string Path, string Message)> errors)
    {
        if (type == typeof(JsonElement) || type == typeof(JsonElement?) || typeof(JsonNode).IsAssignableFrom(type))
        {
            // Taken as it is (the import reads such items itself).
            return node;
        }

        var info = _options.GetTypeInfo(type);
        if (node is null)
        {
            if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
            {
                errors.Add((path, $"{Name(path)} must not be null; it {Expected(type)}."));
            }

            return null;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, _options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                    if (property is null || property.Set is null)
                    {
                        errors.Add((childPath, $"'{name}' is not a field of this record. Its fields are: {string.Join(", ", info.Properties.Where(p => p.Set is not null).Select(p => p.Name))}."));
                        obj.Remove(name);
                        continue;
                    }

                    var count = errors.Count;
                    var cleaned = Clean(value, property.PropertyType, childPath, errors);
                    if (errors.Count > count && cleaned is null)
                    {
                        obj.Remove(name);
                    }
                }

                return node;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array && info.ElementType is { } element:
                for (var i = 0; i < array.Count; i++)
                {
                    var count = errors.Count;
                    var cleaned = Clean(array[i], element, $"{path}[{i}]", errors);
                    if (errors.Count > count && cleaned is null)
                    {
                        // Keeps the indexes of the other items, so their rule errors name the right ones.
                        array[i] = element.IsValueType ? JsonSerializer.SerializeToNode(Activator.CreateInstance(element), element, _options) : null;
                    }
                }

                return node;
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable:
                errors.Add((path, $"{Name(path)} {Expected(type)}."));
                return null;
            default:
                try
                {
                    node.Deserialize(type, _options);
                    return node;
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
                {
                    errors.Add((path, HasNul(node) ? $"{Name(path)} must not contain the NUL character (U+0000)." : $"{Name(path)} {Expected(type)}."));
                    return null;
                }
        }
    }

    /// <summary>Whether a string value holds a NUL; a string that is not valid UTF-16 (a lone surrogate) cannot be read, and holds none.</summary>
    private static bool HasNul(JsonNode node)
    {
        try
        {
            return node is JsonValue v && v.TryGetValue<string>(out var text) && text.Contains('\0', StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Name(string path) => path.Length == 0 ? "The body" : $"'{path[(path.LastIndexOf('.') + 1)..]}'";

    /// <summary>The expected form in the caller's words.</summary>
    private static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t switch
        {
            _ when t == typeof(Guid) => "must be a UUID, e.g. 0b9f6a6e-6f6e-4d1e-9a55-2a8f0f0f0f0f",
            _ when t.IsEnum => $"must be one of: {string.Join(", ", Enum.GetNames(t))}",
            _ when t == typeof(PartialDate) => $"must be a date in one of these forms: {PartialDate.AcceptedForms}",
            _ when t == typeof(string) => "must be a string",
            _ when t == typeof(bool) => "must be true or false",
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) => "must be a whole number",
            _ when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "must be a number",
            _ when t == typeof(DateOnly) => "must be a date in the form YYYY-MM-DD",
            _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "must be a date and time such as 2024-05-01T12:00:00Z",
            _ when t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) => "must be an array",
            _ => "must be an object with this record's fields",
        };
    }
}
