using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using IldRegistry.Domain.Auditing;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IldRegistry.Data.Auditing;

/// <summary>
/// Stamps timestamps and writes one <see cref="AuditEntry"/> per changed record in the same SaveChanges, and so in
/// the same transaction, as the change itself: a change is never stored without its history, nor history without it.
/// </summary>
public sealed class AuditingInterceptor(TimeProvider clock, IAuditActor actor) : SaveChangesInterceptor
{
    // Navigations, the row version and the bookkeeping timestamps are not part of what an admin changed.
    private static readonly HashSet<string> Ignored = [nameof(Entity.Version), nameof(Entity.UpdatedAt), nameof(Entity.CreatedAt)];

    private static readonly JsonSerializerOptions SnapshotOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Kind != JsonTypeInfoKind.Object)
                    {
                        return;
                    }

                    for (var i = info.Properties.Count - 1; i >= 0; i--)
                    {
                        var property = info.Properties[i];
                        if (typeof(Entity).IsAssignableFrom(property.PropertyType) || Ignored.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                        {
                            info.Properties.RemoveAt(i);
                        }
                    }
                },
            },
        },
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>A record as the audit log shows it: its fields, without navigations or bookkeeping.</summary>
    public static JsonObject Snapshot(Entity entity) =>
        JsonSerializer.SerializeToNode(entity, entity.GetType(), SnapshotOptions)!.AsObject();

    /// <summary>
    /// The inverse of <see cref="Snapshot"/>: a record from its fields as the audit log holds them (a creation's
    /// <c>after</c> with every later change's <c>after</c> laid over it). Navigations and bookkeeping stay unset.
    /// </summary>
    public static Entity Restore(Type entityType, JsonObject fields) =>
        (Entity)fields.Deserialize(entityType, SnapshotOptions)!;

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Entries of an attempt that did not commit (the write is being retried) are made again below, not kept twice.
        foreach (var stale in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            stale.State = EntityState.Detached;
        }

        // A savepoint would write the rows in a subtransaction of their own xid, and their xmin (the version in ETags)
        // would no longer be the transaction id the audit entries record; nothing here rolls back to a savepoint.
        context.Database.AutoSavepointsEnabled = false;

        var now = clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries<Entity>().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.CreatedAt = now;
                    entry.Entity.UpdatedAt = now;
                    entries.Add(NewEntry(entry, AuditAction.Created, now, before: null, after: Snapshot(entry.Entity)));
                    break;
                case EntityState.Modified:
                    var (action, before, after) = Diff(entry);
                    if (before.Count == 0 && after.Count == 0)
                    {
                        continue;
                    }

                    entry.Entity.UpdatedAt = now;
                    entries.Add(NewEntry(entry, action, now, before, after));
                    break;
                case EntityState.Deleted:
                    // Records are only ever soft-deleted; a hard delete would lose history, so refuse it.
                    throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} {entry.Entity.Id} cannot be hard-deleted; set DeletedAt instead.");
            }
        }

        context.Set<AuditEntry>().AddRange(entries);
    }

    private static (AuditAction Action, JsonObject Before, JsonObject After) Diff(EntityEntry<Entity> entry)
    {
        var original = (Entity)entry.OriginalValues.ToObject();
        var before = Snapshot(original);
        var after = Snapshot(entry.Entity);
        var action = (original.DeletedAt, entry.Entity.DeletedAt) switch
        {
            (null, not null) => AuditAction.Deleted,
            (not null, null) => AuditAction.Restored,
            _ => AuditAction.Updated,
        };

        foreach (var name in before.Select(p => p.Key).ToList())
        {
            if (JsonNode.DeepEquals(before[name], after[name]))
            {
                before.Remove(name);
                after.Remove(name);
            }
        }

        return (action, before, after);
    }

    private AuditEntry NewEntry(EntityEntry<Entity> entry, AuditAction action, DateTimeOffset now, JsonObject? before, JsonObject after) => new()
    {
        EntityType = entry.Metadata.ClrType.Name,
        EntityId = entry.Entity.Id,
        Action = action,
        Actor = actor.Name,
        At = now,
        Before = before?.ToJsonString(),
        After = after.ToJsonString(),
    };
}
