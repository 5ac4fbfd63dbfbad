using System.Linq.Expressions;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// The registry that a rule is checked against: the database as it is (<see cref="DatabaseView"/>, for single writes)
/// or the registry as it would be after an import (the import's view). Rules ask it questions in expressions that both
/// translate to SQL and run in memory, so each rule is written once; they never follow navigation properties.
/// </summary>
public interface IRegistryView
{
    /// <summary>
    /// The live records (or, with <paramref name="includeDeleted"/>, every record) that match, through
    /// <paramref name="projection"/>, at most <paramref name="take"/> of them, in no particular order.
    /// </summary>
    Task<List<TResult>> FindAsync<TEntity, TResult>(
        Expression<Func<TEntity, bool>> where, Expression<Func<TEntity, TResult>> projection, int take, bool includeDeleted, CancellationToken ct)
        where TEntity : Entity;

    /// <summary>Which of <paramref name="ids"/> are live records.</summary>
    Task<HashSet<Guid>> LiveAsync<TEntity>(IReadOnlyCollection<Guid> ids, CancellationToken ct)
        where TEntity : Entity;

    /// <summary>Where a reader finds a record that a message names: its URL, or its place in an import's file.</summary>
    string Locate<TEntity>(Guid id)
        where TEntity : Entity;
}

public static class RegistryViewExtensions
{
    public static async Task<TResult?> FirstOrDefaultAsync<TEntity, TResult>(
        this IRegistryView view, Expression<Func<TEntity, bool>> where, Expression<Func<TEntity, TResult>> projection, CancellationToken ct, bool includeDeleted = false)
        where TEntity : Entity =>
        (await view.FindAsync(where, projection, 1, includeDeleted, ct)).FirstOrDefault();
}

/// <summary>The registry as stored: each question is one SQL query.</summary>
public sealed class DatabaseView(RegistryDbContext db) : IRegistryView
{
    public Task<List<TResult>> FindAsync<TEntity, TResult>(
        Expression<Func<TEntity, bool>> where, Expression<Func<TEntity, TResult>> projection, int take, bool includeDeleted, CancellationToken ct)
        where TEntity : Entity
    {
        var rows = db.Set<TEntity>().AsNoTracking();
        if (includeDeleted)
        {
            rows = rows.IgnoreQueryFilters();
        }

        return rows.Where(where).OrderBy(e => e.Id).Select(projection).Take(take).ToListAsync(ct);
    }

    public async Task<HashSet<Guid>> LiveAsync<TEntity>(IReadOnlyCollection<Guid> ids, CancellationToken ct)
        where TEntity : Entity =>
        ids.Count == 0 ? [] : (await db.Set<TEntity>().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();

    public string Locate<TEntity>(Guid id)
        where TEntity : Entity => $"{ResourceRegistry.Instance.For(typeof(TEntity)).Path}/{id}";
}

/// <summary>One broken rule: the field it is about (a JSON path, empty for the record as a whole) and what is wrong.</summary>
/// <param name="Conflict">True when the record is valid on its own but clashes with others (409 on a single write).</param>
public sealed record RuleError(string Field, string Message, bool Conflict);

/// <summary>The rules a record broke, collected so that every one is reported at once.</summary>
public sealed class RuleErrors
{
    private readonly List<RuleError> _errors = [];

    public IReadOnlyList<RuleError> All => _errors;

    public bool Any => _errors.Count > 0;

    /// <summary>The record itself is wrong (400).</summary>
    public void Invalid(string field, string message) => _errors.Add(new RuleError(field, message, Conflict: false));

    /// <summary>The record clashes with another (409 on a single write).</summary>
    public void Conflict(string field, string message) => _errors.Add(new RuleError(field, message, Conflict: true));

    /// <summary>Throws <see cref="RuleViolationException"/> when any rule was broken.</summary>
    public void ThrowIfAny(bool allConflicts = false)
    {
        if (Any)
        {
            throw new RuleViolationException(allConflicts ? [.. _errors.Select(e => e with { Conflict = true })] : _errors);
        }
    }
}

/// <summary>
/// A write broke rules that only the registry can check: 400 listing every field when any is invalid, else 409
/// naming the first clash (see <see cref="ProblemDetailsExceptionHandler"/>).
/// </summary>
public sealed class RuleViolationException(IReadOnlyList<RuleError> errors) : Exception(errors[0].Message)
{
    public IReadOnlyList<RuleError> Errors { get; } = errors;
}
