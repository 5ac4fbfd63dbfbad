using System.Globalization;
using IldRegistry.Api.Common.Hardening;
using IldRegistry.Api.Common.Settings;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IldRegistry.Api.Common;

/// <summary>
/// The one place that turns known failures into RFC 9457 problem details. Anything unknown is a 500 with no
/// detail: stack traces and SQL stay in the log.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    IOptions<DatabaseSettings> database,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (DatabaseFaults.IsUnavailable(exception, out var timedOut))
        {
            problem = Unavailable(timedOut);
            httpContext.Response.Headers.RetryAfter = database.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            LogDatabaseUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            if (!timedOut)
            {
                // Pooled connections to a server that went away are dead; dropping them now means the first
                // requests after it comes back open fresh connections instead of failing on stale ones.
                NpgsqlConnection.ClearAllPools();
            }
        }
        else
        {
            problem = Map(exception);
            if (problem.Status >= 500)
            {
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            }
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = e.Message },
        GoneException e => new ProblemDetails
        {
            Status = StatusCodes.Status410Gone,
            Title = "Gone",
            Detail = e.Message,
            Extensions = { ["restore"] = e.RestoreUrl },
        },
        ConflictException e => WithField(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = e.Message }, e.Field),
        Resources.RuleViolationException e => Broken(e.Errors),
        FieldValidationException e => new ValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more validation errors occurred.",
        },
        PreconditionFailedException e => new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "Precondition failed",
            Detail = e.Message,
            Extensions = { ["currentETag"] = e.CurrentETag },
        },
        DbUpdateConcurrencyException => new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "Precondition failed",
            Detail = "The record was changed by someone else since you read it. Read it again and reapply your change.",
        },
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg } => WithField(
            new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = UniqueField(pg) is { } field
                    ? $"Another record already has this '{field}'."
                    : "Another record already has one of these values.",
            },
            UniqueField(pg)),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } } => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = "The record refers to a record that does not exist, or is referred to by others.",
        },
        System.Text.DecoderFallbackException => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Bad request",
            Detail = "The body is not valid text in its declared encoding; send UTF-8.",
        },
        BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = ReasonPhrases.GetReasonPhrase(e.StatusCode), Detail = e.Message },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred",
            Detail = "The error has been logged. Quote the traceId when reporting it.",
        },
    };

    private static ProblemDetails Unavailable(bool timedOut) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Service unavailable",
        Detail = timedOut
            ? "The database did not answer in time. Try again later."
            : "The database is unavailable. Try again later.",
    };

    /// <summary>400 listing every broken field when any is invalid; else 409 on the first clash.</summary>
    private static ProblemDetails Broken(IReadOnlyList<Resources.RuleError> errors)
    {
        if (errors.All(e => e.Conflict))
        {
            var first = errors[0];
            var conflict = WithField(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = first.Message }, first.Field.Length == 0 ? null : first.Field);
            if (errors.Count > 1)
            {
                conflict.Extensions["errors"] = ByField(errors);
            }

            return conflict;
        }

        return new ValidationProblemDetails(ByField(errors)) { Status = StatusCodes.Status400BadRequest };
    }

    private static Dictionary<string, string[]> ByField(IEnumerable<Resources.RuleError> errors) =>
        errors.GroupBy(e => e.Field.Length == 0 ? "$" : e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>The field a unique index covers, from its name (<c>ix_departments_name_folded</c> → <c>name</c>), never the index itself.</summary>
    private static string? UniqueField(PostgresException pg)
    {
        var prefix = $"ix_{pg.TableName}_";
        if (pg.ConstraintName is not { } name || !name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var column = name[prefix.Length..].Replace("_folded", string.Empty, StringComparison.Ordinal);
        var parts = column.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? null : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static ProblemDetails WithField(ProblemDetails problem, string? field)
    {
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable for {Method} {Path}: answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
