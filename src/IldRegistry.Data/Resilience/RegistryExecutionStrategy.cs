using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace IldRegistry.Data.Resilience;

/// <summary>
/// Npgsql's retrying strategy, except inside a transaction its caller holds (a POST with an <c>Idempotency-Key</c>
/// runs as one): that transaction is the unit of work, so a statement in it is never replayed on its own, and the
/// holder decides after the commit (see <see cref="WriteOnce.CommittedAsync"/>). Outside one, reads are retried as
/// before, and writes go through <see cref="WriteOnce.SaveChangesOnceAsync"/>, which never replays a committed one.
/// </summary>
public sealed class RegistryExecutionStrategy(
    ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay, ICollection<string> errorCodesToAdd)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd)
{
    private bool InCallersTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

    protected override void OnFirstExecution()
    {
        if (!InCallersTransaction)
        {
            base.OnFirstExecution();
        }
    }

    protected override bool ShouldRetryOn(Exception? exception) => !InCallersTransaction && base.ShouldRetryOn(exception);
}
