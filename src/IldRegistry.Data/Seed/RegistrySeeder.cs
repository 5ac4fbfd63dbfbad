using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IldRegistry.Data.Seed;

/// <summary>
/// Loads <see cref="IldArticleSeed"/> into the database. Adds only the records whose id is absent, counting
/// soft-deleted rows as present, and never updates a row: a restart neither overwrites what an admin changed nor
/// resurrects what an admin deleted. Safe to run on every start.
/// </summary>
public sealed partial class RegistrySeeder(RegistryDbContext db, ILogger<RegistrySeeder> logger)
{
    /// <summary>Adds the missing seed records in one transaction and returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        // The retrying execution strategy replays the whole unit, so the ids are read again on a retry.
        var strategy = db.Database.CreateExecutionStrategy();
        var added = await strategy.ExecuteAsync(
            async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var count = await AddMissingAsync(ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return count;
            },
            cancellationToken);

        db.ChangeTracker.Clear();
        LogSeeded(logger, added);
        return added;
    }

    private async Task<int> AddMissingAsync(CancellationToken ct)
    {
        // Dependency order: parents before the records that point at them. A record whose parent is neither in the
        // database nor being added (because an admin's record took its unique key) is skipped, not half-inserted.
        var seedDepartments = IldArticleSeed.Departments();
        var departmentIds = await PresentIdsAsync(db.Departments, seedDepartments, ct);
        var departments = seedDepartments.Where(d => !departmentIds.Contains(d.Id)).ToList();

        // Slugs are unique across all rows and names across live ones: a record an admin created with the same slug
        // or name wins over the seed.
        var seededSlugs = departments.Select(d => d.Slug).ToList();
        var seededNames = departments.Select(d => d.Name).ToList();
        var takenSlugs = await db.Departments.IgnoreQueryFilters()
            .Where(d => seededSlugs.Contains(d.Slug))
            .Select(d => d.Slug)
            .ToListAsync(ct);
        var takenNames = await db.Departments
            .Where(d => seededNames.Contains(d.Name))
            .Select(d => d.Name)
            .ToListAsync(ct);
        foreach (var department in departments)
        {
            if (takenSlugs.Contains(department.Slug) || takenNames.Contains(department.Name))
            {
                LogConflict(logger, nameof(Domain.Departments.Department), department.Id, department.Slug);
            }
            else if (department.ParentId is { } parentId && !departmentIds.Contains(parentId))
            {
                LogUnresolved(logger, nameof(Domain.Departments.Department), department.Id);
            }
            else
            {
                db.Departments.Add(department);
                departmentIds.Add(department.Id);
            }
        }

        var seedPeople = IldArticleSeed.People();
        var personIds = await PresentIdsAsync(db.People, seedPeople, ct);
        AddResolved(db.People, seedPeople.Where(p => !personIds.Contains(p.Id)), _ => true);
        personIds.UnionWith(seedPeople.Select(p => p.Id));

        AddResolved(
            db.Leaders,
            await MissingAsync(db.Leaders, IldArticleSeed.Leaders(), ct),
            l => departmentIds.Contains(l.DepartmentId) && personIds.Contains(l.PersonId));

        var liveNumbers = await db.Bureaus
            .Where(b => b.Number != null)
            .Select(b => new { b.DepartmentId, b.Number })
            .ToListAsync(ct);
        foreach (var bureau in await MissingAsync(db.Bureaus, IldArticleSeed.Bureaus(), ct))
        {
            if (!departmentIds.Contains(bureau.DepartmentId))
            {
                LogUnresolved(logger, nameof(Domain.Bureaus.Bureau), bureau.Id);
            }
            else if (bureau.Number is not null &&
                liveNumbers.Any(n => n.DepartmentId == bureau.DepartmentId && n.Number == bureau.Number))
            {
                // (department, number) is unique among live bureaus.
                LogConflict(logger, nameof(Domain.Bureaus.Bureau), bureau.Id, bureau.Name);
            }
            else
            {
                db.Bureaus.Add(bureau);
            }
        }

        AddResolved(
            db.Institutions,
            await MissingAsync(db.Institutions, IldArticleSeed.Institutions(), ct),
            i => departmentIds.Contains(i.DepartmentId));

        AddResolved(
            db.Events,
            await MissingAsync(db.Events, IldArticleSeed.Events(), ct),
            e => departmentIds.Contains(e.DepartmentId));

        var counts = db.ChangeTracker.Entries<Entity>()
            .Where(e => e.State == EntityState.Added)
            .GroupBy(e => e.Metadata.ClrType.Name)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (type, count) in counts)
        {
            LogAdding(logger, count, type);
        }

        return counts.Values.Sum();
    }

    private void AddResolved<T>(DbSet<T> set, IEnumerable<T> missing, Func<T, bool> resolved)
        where T : Entity
    {
        foreach (var entity in missing)
        {
            if (resolved(entity))
            {
                set.Add(entity);
            }
            else
            {
                LogUnresolved(logger, typeof(T).Name, entity.Id);
            }
        }
    }

    private static async Task<List<T>> MissingAsync<T>(DbSet<T> set, IReadOnlyList<T> seed, CancellationToken ct)
        where T : Entity
    {
        var present = await PresentIdsAsync(set, seed, ct);
        return [.. seed.Where(e => !present.Contains(e.Id))];
    }

    /// <summary>The seed ids already in the table, soft-deleted rows included.</summary>
    private static async Task<HashSet<Guid>> PresentIdsAsync<T>(DbSet<T> set, IReadOnlyList<T> seed, CancellationToken ct)
        where T : Entity
    {
        var ids = seed.Select(e => e.Id).ToList();
        var present = await set.IgnoreQueryFilters().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        return [.. present];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed: adding {Count} {EntityType} record(s)")]
    private static partial void LogAdding(ILogger logger, int count, string entityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed: added {Count} record(s) in total; records already present, changed or deleted were left alone")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed: skipped {EntityType} {Id} ({Key}): another record already uses its unique key")]
    private static partial void LogConflict(ILogger logger, string entityType, Guid id, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed: skipped {EntityType} {Id}: a record it refers to is missing")]
    private static partial void LogUnresolved(ILogger logger, string entityType, Guid id);
}
