namespace IldRegistry.Api.Common;

/// <summary>The record asked for does not exist (404).</summary>
public sealed class NotFoundException(string resource, string key)
    : Exception($"No {resource} '{key}' exists.")
{
    public string Resource { get; } = resource;

    public string Key { get; } = key;
}

/// <summary>The request clashes with what is stored (409), e.g. a duplicate slug.</summary>
public sealed class ConflictException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>A rule that can only be checked against the database failed (400 on one field).</summary>
public sealed class FieldValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>An <c>If-Match</c> ETag is stale (412); carries the current one so the client can re-read.</summary>
public sealed class PreconditionFailedException(string currentETag)
    : Exception("The record was changed since you read it (your If-Match is stale). Read it again and reapply your change.")
{
    public string CurrentETag { get; } = currentETag;
}

/// <summary>The record was deleted (410); it can be restored at <see cref="RestoreUrl"/>.</summary>
public sealed class GoneException(string resource, string key, string restoreUrl)
    : Exception($"The {resource} '{key}' was deleted. An editor can undo that with POST {restoreUrl}.")
{
    public string RestoreUrl { get; } = restoreUrl;
}
