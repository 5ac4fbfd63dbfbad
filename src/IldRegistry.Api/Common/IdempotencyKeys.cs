using System.Security.Cryptography;
using System.Text;
using IldRegistry.Data;
using IldRegistry.Data.Resilience;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common;

/// <summary>
/// <c>Idempotency-Key</c> on POST (the IETF httpapi draft): a create sent again with the same key, after a timeout or
/// a dropped connection, answers the first result instead of writing again; the same key with a different request is
/// a 422, and while the first is still running a 409 with <c>Retry-After</c>. Keys are per API key (the actor) and
/// kept for a day, in <c>idempotency_records</c> (a table outside the EF model), written in the write's own
/// transaction. A 5xx is not kept (and its write, if any, undone), so it can be retried.
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

        // The claim, the write and its answer are one transaction: a crash or a 5xx anywhere leaves no trace (the key
        // is free for the retry), and a committed write always has its answer stored. The claim's row lock is held to
        // the end, so a second request with the key waits a moment for it and then answers 409 "still running".
        var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        try
        {
            int claimed;
            try
            {
                // How long a request waits for another with its key to finish before it answers 409.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '500ms'", context.RequestAborted);
                claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    INSERT INTO idempotency_records (actor, key, request_hash, status) VALUES ({actor}, {key}, {hash}, 0)
                    ON CONFLICT (actor, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0, content_type = NULL,
                        location = NULL, etag = NULL, body = NULL, created_at = now()
                    WHERE idempotency_records.created_at < now() - interval '1 day'
                    """,
                    context.RequestAborted);
                await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout TO DEFAULT", context.RequestAborted);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.LockNotAvailable)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await StillRunningAsync(context);
                return;
            }

            if (claimed == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                await AnswerFromRecordAsync(context, db, actor, key, hash);
                return;
            }

            context.Response.Body = buffer;
            await next(context);
            if (context.Response.StatusCode >= 500)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            else
            {
                var headers = context.Response.Headers;
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    UPDATE idempotency_records SET status = {context.Response.StatusCode}, content_type = {context.Response.ContentType},
                        location = {headers.Location.ToString()}, etag = {headers.ETag.ToString()}, body = {buffer.ToArray()}
                    WHERE actor = {actor} AND key = {key}
                    """,
                    CancellationToken.None);
                var transactionId = await WriteOnce.TransactionIdAsync(db, CancellationToken.None);
                try
                {
                    await transaction.CommitAsync(CancellationToken.None);
                }
                catch (Npgsql.NpgsqlException)
                {
                    // The connection broke while PostgreSQL answered the COMMIT: it may have committed all the same.
                    await transaction.DisposeAsync();
                    if (!await WriteOnce.CommittedAsync(db, transactionId, CancellationToken.None))
                    {
                        throw;
                    }
                }
            }

            context.Response.Body = original;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
            await transaction.DisposeAsync();
        }
    });

    private static async Task StillRunningAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        await WriteProblemAsync(context, StatusCodes.Status409Conflict, $"A request with this {Header} is still being answered: retry in a moment to get its result.", null);
    }

    private static async Task AnswerFromRecordAsync(HttpContext context, RegistryDbContext db, string actor, string key, string hash)
    {
        var record = await db.Database
            .SqlQuery<Stored>($"SELECT request_hash, status, content_type, location, e_tag, body FROM (SELECT *, etag AS e_tag FROM idempotency_records) r WHERE actor = {actor} AND key = {key}")
            .FirstOrDefaultAsync(context.RequestAborted);
        // Status 0 is only ever seen in a row an older version of the API left (it claimed the key in a statement of its own).
        if (record is null || record.Status == 0)
        {
            await StillRunningAsync(context);
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
