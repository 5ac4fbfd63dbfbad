using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IldRegistry.Data.Caching;

/// <summary>
/// A number that moves on every committed write through EF Core in this process, so a cache keyed by it never
/// answers with what was read before the write. It moves after <c>SaveChanges</c> (whose own transaction has
/// committed by then) and again after an explicit transaction commits: a reader that took the number while such a
/// transaction was still open keyed its entry with a number that is already gone. Read the number before reading
/// the data it keys.
/// </summary>
public sealed class RegistryChanges : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private long _generation;

    /// <summary>The current generation.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Moves the generation on.</summary>
    public void Bump() => Interlocked.Increment(ref _generation);

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
