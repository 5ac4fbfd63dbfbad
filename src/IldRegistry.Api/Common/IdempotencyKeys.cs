using System.Security.Cryptography;
using System.Text;
using IldRegistry.Data;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common;

/// <summary>
/// <c>Idempotency-Key</c> on POST (the IETF httpapi draft): a create sent again with the same key, after a timeout or
/// a dropped connection, answers the first result instead of writing again; the same key with a different request is
/// a 422, and while the first is still running a 409 with <c>Retry-After</c>. Keys are per API key (the actor) and
/// kept for a day, in <c>idempotency_records</c> (a table outside the EF model). A 5xx is not kept, so it can be
/// retried.
/// </summary>
internal static partial class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.User.Identity is not { IsAuthenticated: true, Name: { } actor })
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, $"{Header} must be 1 to {MaxLength} visible ASCII characters; a new UUID per create is a good choice.", Header);
            return;
        }

        var hash = await HashAsync(context.Request);
        var db = context.RequestServices.GetRequiredService<RegistryDbContext>();
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO idempotency_records (actor, key, request_hash, status) VALUES ({actor}, {key}, {hash}, 0)
            ON CONFLICT (actor, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0, content_type = NULL,
                location = NULL, etag = NULL, body = NULL, created_at = now()
            WHERE idempotency_records.created_at < now() - interval '1 day'
            """,
            context.RequestAborted);
        if (claimed == 0)
        {
            await AnswerFromRecordAsync(context, db, actor, key, hash);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            if (context.Response.StatusCode < 500)
            {
                var headers = context.Response.Headers;
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    UPDATE idempotency_records SET status = {context.Response.StatusCode}, content_type = {context.Response.ContentType},
                        location = {headers.Location.ToString()}, etag = {headers.ETag.ToString()}, body = {buffer.ToArray()}
                    WHERE actor = {actor} AND key = {key}
                    """,
                    CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM idempotency_records WHERE actor = {actor} AND key = {key}", CancellationToken.None);
            }
        }
    });

    private static async Task AnswerFromRecordAsync(HttpContext context, RegistryDbContext db, string actor, string key, string hash)
    {
        var record = await db.Database
            .SqlQuery<Stored>($"SELECT request_hash, status, content_type, location, e_tag, body FROM (SELECT *, etag AS e_tag FROM idempotency_records) r WHERE actor = {actor} AND key = {key}")
            .FirstOrDefaultAsync(context.RequestAborted);
        // Status 0: the first request with this key has not answered yet.
        if (record is null || record.Status == 0)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, $"A request with this {Header} is still being answered: retry in a moment to get its result.", null);
            return;
        }

        if (record.RequestHash != hash)
        {
            await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, $"This {Header} was already used with a different request: send a new key for a new create.", Header);
            return;
        }

        context.Response.StatusCode = record.Status;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (!string.IsNullOrEmpty(record.Location))
        {
            context.Response.Headers.Location = record.Location;
        }

        if (!string.IsNullOrEmpty(record.ETag))
        {
            context.Response.Headers.ETag = record.ETag;
        }

        if (record.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        if (record.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>The request as the key stands for it: method, path and query, and the body's bytes.</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string detail, string? field)
    {
        var problem = context.RequestServices.GetRequiredService<ProblemDetailsFactory>().CreateProblemDetails(context, status, detail: detail, instance: context.Request.Path);
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }

    // Read through EF's snake_case convention: RequestHash is request_hash, ETag is e_tag.
    private sealed record Stored(string RequestHash, int Status, string? ContentType, string? Location, string? ETag, byte[]? Body);
}
