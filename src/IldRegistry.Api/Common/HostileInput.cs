using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace IldRegistry.Api.Common;

/// <summary>PostgreSQL text cannot hold U+0000: refuse it as a 400 on the field instead of a 500 at SaveChanges.</summary>
internal sealed class NoNulStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string.");
        }

        var value = reader.GetString()!;
        return value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Text must not contain the NUL character (U+0000).")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Problem details are JSON whatever the client's Accept header says, so every error has the same shape.</summary>
internal sealed class ApiProblemDetailsWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}

internal static class HostileInput
{
    /// <summary>
    /// MVC's media type parser throws (a 500) on a parameter without a value, e.g. <c>application/json; charset=</c>:
    /// such a Content-Type, or a charset other than UTF-8, is a 415 before MVC sees it. A NUL in a query value is a
    /// 400 before it reaches SQL.
    /// </summary>
    public static IApplicationBuilder UseHostileInputGuards(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentType is { } contentType)
        {
            if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.Parameters.Any(p => StringSegment.IsNullOrEmpty(p.Value)))
            {
                throw new BadHttpRequestException("The Content-Type header is malformed.", StatusCodes.Status415UnsupportedMediaType);
            }

            // JSON is UTF-8 (RFC 8259); other charsets only open a door to transcoding failures.
            if (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException("Send JSON as UTF-8 (Content-Type: application/json; charset=utf-8).", StatusCodes.Status415UnsupportedMediaType);
            }
        }

        foreach (var (key, values) in context.Request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                throw new FieldValidationException(key.Replace("\0", string.Empty, StringComparison.Ordinal), "The value must not contain the NUL character (U+0000).");
            }
        }

        await next(context);
    });
}
