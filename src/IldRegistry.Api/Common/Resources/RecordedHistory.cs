using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using IldRegistry.Data;
using IldRegistry.Data.Auditing;
using IldRegistry.Domain.Auditing;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common.Resources;

/// <summary>One record as the registry held it at a past moment, rebuilt from its audit entries.</summary>
/// <param name="Record">Its fields then (deleted or not).</param>
/// <param name="Last">The last change of it at or before the moment: its time is the memento's datetime.</param>
public sealed record RecordedState<TEntity>(TEntity Record, AuditEntry Last)
    where TEntity : Entity
{
    public bool Deleted => Record.DeletedAt is not null;
}

/// <summary>
/// What the registry held at a past moment (transaction time), for any resource: a record's creation entry holds all
/// its fields and every later entry the fields it changed, so laying the changes made up to the moment over the
/// creation gives the record as it stood then. No full copy per change is stored.
/// </summary>
/// <remarks>
/// The moment is compared with each entry's <c>at</c>, the time its write was made (a write commits a few
/// milliseconds later). Records written outside the API (bulk loads by COPY) have no history and are not found.
/// </remarks>
public sealed class RecordedHistory(RegistryDbContext db)
{
    /// <summary>How far ahead of this server's clock a client's "now" may be and still mean now.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The <c>recordedAsOf</c> parameter: a timestamp with its offset (<c>2026-12-01T10:00:00Z</c>), or a date
    /// (<c>2026-12-01</c>), meaning its end (UTC). What the registry will hold is not known, so a moment after now is a
    /// 400, and today's date (whose end is still to come) means now.
    /// </summary>
    public static DateTimeOffset Parse(string text, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset moment;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            moment = new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59, 999, 999)), TimeSpan.Zero);
            if (day == DateOnly.FromDateTime(now.UtcDateTime))
            {
                return now;
            }
        }
        else if (!(text.Length >= 20 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment)
            && (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-')))
        {
            throw new FieldValidationException(
                "recordedAsOf",
                $"'{text}' is not a moment: give a timestamp with its offset (2026-12-01T10:00:00Z) or a date (2026-12-01, its end in UTC).");
        }

        if (moment > now + ClockSkew)
        {
            throw new FieldValidationException(
                "recordedAsOf",
                $"'{text}' is after now ({now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}): the registry can say what it held up to now, not what it will hold.");
        }

        return moment > now ? now : moment;
    }

    /// <summary>Every record of <typeparamref name="TEntity"/> the registry held at <paramref name="at"/>, deleted ones included.</summary>
    public async Task<Dictionary<Guid, RecordedState<TEntity>>> AllAsync<TEntity>(DateTimeOffset at, CancellationToken ct)
        where TEntity : Entity
    {
        var type = typeof(TEntity).Name;
        return Fold<TEntity>(await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == type && a.At <= at)
            .OrderBy(a => a.TransactionId).ThenBy(a => a.Id)
            .ToListAsync(ct));
    }

    /// <summary>One record as the registry held it at <paramref name="at"/>, or null when it held none by that id.</summary>
    public async Task<RecordedState<TEntity>?> OneAsync<TEntity>(Guid id, DateTimeOffset at, CancellationToken ct)
        where TEntity : Entity
    {
        var type = typeof(TEntity).Name;
        var states = Fold<TEntity>(await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == type && a.EntityId == id && a.At <= at)
            .OrderBy(a => a.TransactionId).ThenBy(a => a.Id)
            .ToListAsync(ct));
        return states.GetValueOrDefault(id);
    }

    /// <summary>
    /// A read projection written for SQL, compiled to run in memory over rebuilt records: where SQL reads a column of a
    /// missing value as NULL, a member of a null object gives its default instead of throwing.
    /// </summary>
    public static Func<TEntity, TResult> InMemory<TEntity, TResult>(Expression<Func<TEntity, TResult>> projection) =>
        ((Expression<Func<TEntity, TResult>>)new NullSafe().Visit(projection)).Compile();

    private static Dictionary<Guid, RecordedState<TEntity>> Fold<TEntity>(List<AuditEntry> entries)
        where TEntity : Entity
    {
        var fields = new Dictionary<Guid, (JsonObject Fields, AuditEntry First, AuditEntry Last)>();
        foreach (var entry in entries)
        {
            var after = entry.After is null ? [] : JsonNode.Parse(entry.After)!.AsObject();
            if (entry.Action == AuditAction.Created || !fields.TryGetValue(entry.EntityId, out var known))
            {
                fields[entry.EntityId] = (after, entry, entry);
                continue;
            }

            foreach (var (name, value) in after)
            {
                known.Fields[name] = value?.DeepClone();
            }

            fields[entry.EntityId] = known with { Last = entry };
        }

        return fields.ToDictionary(
            f => f.Key,
            f =>
            {
                var record = (TEntity)AuditingInterceptor.Restore(typeof(TEntity), f.Value.Fields);
                record.Id = f.Key;
                record.CreatedAt = f.Value.First.At;
                record.UpdatedAt = f.Value.Last.At;
                record.Version = unchecked((uint)f.Value.Last.TransactionId);
                return new RecordedState<TEntity>(record, f.Value.Last);
            });
    }

    private sealed class NullSafe : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            var inner = Visit(node.Expression);
            var access = node.Update(inner);
            if (inner is null or ParameterExpression || inner.Type.IsValueType)
            {
                return access;
            }

            return Expression.Condition(Expression.Equal(inner, Expression.Constant(null, inner.Type)), Expression.Default(access.Type), access);
        }
    }
}
