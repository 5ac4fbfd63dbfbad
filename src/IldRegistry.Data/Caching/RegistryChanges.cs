using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IldRegistry.Data.Caching;

/// <summary>
/// A number that moves on every committed write through EF Core in this process, so a cache keyed by it never
/// answers with what was read before the write. It moves after <c>SaveChanges</c> (whose own transaction has
/// committed by then) and again after an explicit transaction commits: a reader that took the number while such a
/// transaction was still open keyed its entry with a number that is already gone. Read the number before reading
/// the data it keys.
/// <para>
/// Writes through other processes move it too, when the API's change listener runs: a trigger on every table
/// sends a NOTIFY on <see cref="Channel"/> inside the writing transaction. While the listener is not listening (at
/// start, after its connection broke) <see cref="IsCurrent"/> is false and caches must neither answer from nor store
/// anything, since a notification may be missed.
/// </para>
/// </summary>
public sealed class RegistryChanges : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The PostgreSQL notification channel the change trigger sends on.</summary>
    public const string Channel = "ildregistry_changes";

    private long _generation;
    private int _stale;

    /// <summary>Raised after the generation moved because of a change this process did not make itself.</summary>
    public event Action? ChangedElsewhere;

    /// <summary>The current generation.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>False while changes by other processes could go unnoticed: nothing cached may be used.</summary>
    public bool IsCurrent => Volatile.Read(ref _stale) == 0;

    /// <summary>Moves the generation on.</summary>
    public void Bump() => Interlocked.Increment(ref _generation);

    /// <summary>Another process committed a change.</summary>
    public void BumpFromElsewhere()
    {
        Bump();
        ChangedElsewhere?.Invoke();
    }

    /// <summary>Changes elsewhere may go unnoticed from now on (the listener is not listening).</summary>
    public void MarkStale()
    {
        Volatile.Write(ref _stale, 1);
        BumpFromElsewhere();
    }

    /// <summary>Listening again: what was cached before is gone (its generation has passed), caching may resume.</summary>
    public void MarkCurrent()
    {
        BumpFromElsewhere();
        Volatile.Write(ref _stale, 0);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Bump();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Bump();
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Bump();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Bump();
        return Task.CompletedTask;
    }
}
