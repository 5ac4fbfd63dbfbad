using System.Linq.Expressions;
using System.Text.Json;
using IldRegistry.Data;
using IldRegistry.Data.Resilience;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common.Resources;

/// <summary>A response that carries the record's row version, sent as its ETag.</summary>
public interface IVersioned
{
    uint Version { get; }
}

/// <summary>
/// What every resource's writes share: create and replace through the resource's definition (its mapping and its
/// rules), load for update with If-Match, soft delete refused while records refer to it, restore, and history. Each
/// feature's service adds its own reads and filters.
/// </summary>
public abstract class ResourceService<TEntity, TRequest, TResponse>(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    where TEntity : Entity, new()
    where TResponse : IVersioned
{
    private static readonly ResourceDefinition<TEntity, TRequest> ItsDefinition =
        (ResourceDefinition<TEntity, TRequest>)ResourceRegistry.Instance.For(typeof(TEntity));

    /// <summary>What the registry knows about the resource: its mapping, references and rules.</summary>
    protected ResourceDefinition<TEntity, TRequest> Definition => ItsDefinition;

    protected RegistryDbContext Db { get; } = db;

    /// <summary>The singular name used in messages (<c>department</c>).</summary>
    protected string ResourceName => Definition.Singular;

    /// <summary>The collection's URL (<c>/api/v1/departments</c>).</summary>
    protected string CollectionPath => Definition.Path;

    /// <summary>The record by id as the API shows it; 404, or 410 when deleted.</summary>
    public abstract Task<TResponse> GetAsync(Guid id, CancellationToken ct);

    /// <summary>The id a URL names: the record's id (a department's also its slug); 404 when it cannot name one.</summary>
    public virtual Task<Guid> ResolveAsync(string key, CancellationToken ct) =>
        Guid.TryParse(key, out var id) ? Task.FromResult(id) : throw new NotFoundException(ResourceName, key);

    /// <summary>Creates the record after checking every rule of the resource.</summary>
    public async Task<TResponse> CreateAsync(TRequest request, CancellationToken ct)
    {
        var entity = new TEntity();
        Definition.ApplyRequest(request, entity);
        await CheckAsync(entity, RuleMode.Write, ct);
        Db.Set<TEntity>().Add(entity);
        await Db.SaveChangesOnceAsync(ct);
        return await GetAsync(entity.Id, ct);
    }

    /// <summary>Full replace. <paramref name="ifMatch"/> is the version the client last read, when it sent one.</summary>
    public async Task<TResponse> ReplaceAsync(Guid id, TRequest request, uint? ifMatch, CancellationToken ct)
    {
        var entity = await LoadForWriteAsync(id, ifMatch, ct);
        Definition.ApplyRequest(request, entity);
        await CheckAsync(entity, RuleMode.Write, ct);
        await Db.SaveChangesOnceAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Soft-deletes; refuses (409) while live records refer to it.</summary>
    public async Task DeleteAsync(Guid id, uint? ifMatch, CancellationToken ct)
    {
        var entity = await LoadForWriteAsync(id, ifMatch, ct);
        var dependents = new List<string>();
        foreach (var reference in ResourceRegistry.Instance.ReferencesTo(typeof(TEntity)))
        {
            if (await reference.DependentsAsync(Db, id, ct) is { } found)
            {
                dependents.Add(found);
            }
        }

        if (dependents.Count > 0)
        {
            throw new ConflictException(
                $"The {ResourceName} cannot be deleted while these depend on it: {string.Join("; ", dependents)}. Delete or move them first.");
        }

        entity.DeletedAt = clock.GetUtcNow();
        await Db.SaveChangesOnceAsync(ct);
    }

    /// <summary>Undoes a soft delete, when the record's rules hold again (409 otherwise: what it refers to is deleted, its name was taken).</summary>
    public async Task<TResponse> RestoreAsync(Guid id, CancellationToken ct)
    {
        var entity = await Db.Set<TEntity>().IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException(ResourceName, id.ToString());
        if (entity.DeletedAt is not null)
        {
            await CheckAsync(entity, RuleMode.Restore, ct);
            entity.DeletedAt = null;
            await Db.SaveChangesOnceAsync(ct);
        }

        return await GetAsync(id, ct);
    }

    /// <summary>The record's audit entries, newest first; kept after a delete.</summary>
    public async Task<PagedResult<AuditEntryResponse>> HistoryAsync(Guid id, PageQuery paging, CancellationToken ct)
    {
        if (!await Db.Set<TEntity>().IgnoreQueryFilters().AnyAsync(e => e.Id == id, ct))
        {
            throw new NotFoundException(ResourceName, id.ToString());
        }

        var entityType = typeof(TEntity).Name;
        var entries = Db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == id);
        var total = await entries.CountAsync(ct);
        var rows = await entries.OrderByDescending(a => a.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var items = rows.Select(a => new AuditEntryResponse(
            a.Id, a.EntityType, a.EntityId, a.Action, a.Actor, a.At, Parse(a.Before), Parse(a.After))).ToList();
        return new PagedResult<AuditEntryResponse>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>
    /// One page of a filtered list: the exact total (remembered per <paramref name="filter"/> until the next write, see
    /// <see cref="TotalCounts"/>), then the page's rows projected to <typeparamref name="TItem"/>.
    /// </summary>
    protected async Task<PagedResult<TItem>> PageAsync<TItem>(
        IQueryable<TEntity> filtered, object filter, SortMap<TEntity> sorts, string? sort, PageQuery paging, Expression<Func<TEntity, TItem>> projection, CancellationToken ct)
    {
        if (paging.After is not null && paging.Page != 1)
        {
            throw new FieldValidationException("after", "Use either 'after' (keyset paging) or 'page', not both.");
        }

        var total = await totals.GetAsync(filter, filtered.CountAsync, ct);
        var rows = Db.Set<TEntity>().AsNoTracking();
        var page = paging.After is { } after
            ? (await sorts.AfterAsync(filtered, sort, after, rows, ct)).Take(paging.PageSize)
            : sorts.Page(filtered, sort, paging, rows);
        var items = await page.Select(projection).ToListAsync(ct);
        return new PagedResult<TItem>(items, paging.Page, paging.PageSize, total);
    }

    /// <summary>
    /// The live record with this id through <paramref name="projection"/> (scalar columns only, see
    /// <see cref="JsonColumns"/>), completed by <see cref="CompleteAsync"/>; 404, or 410 when deleted.
    /// </summary>
    protected async Task<TResponse> GetOneAsync(Expression<Func<TEntity, TResponse>> projection, Guid id, CancellationToken ct)
    {
        var found = await Db.Set<TEntity>().AsNoTracking().Where(e => e.Id == id).Select(projection).FirstOrDefaultAsync(ct)
            ?? throw await MissingAsync(id.ToString(), e => e.Id == id, ct);
        return (await CompleteAsync([found], ct))[0];
    }

    /// <summary>
    /// Fills in, for a whole page or one record at once, what the scalar projection left out (jsonb columns, links).
    /// </summary>
    protected virtual Task<IReadOnlyList<TResponse>> CompleteAsync(IReadOnlyList<TResponse> items, CancellationToken ct) =>
        Task.FromResult(items);

    /// <summary>Loads a live record for change; 404/410 when missing, 412 when <paramref name="ifMatch"/> is stale.</summary>
    protected async Task<TEntity> LoadForWriteAsync(Guid id, uint? ifMatch, CancellationToken ct)
    {
        var entity = await Db.Set<TEntity>().FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw await MissingAsync(id.ToString(), e => e.Id == id, ct);
        if (ifMatch is { } expected)
        {
            if (expected != entity.Version)
            {
                throw new PreconditionFailedException(ETags.From(entity.Version));
            }

            // Makes the UPDATE conditional on xmin, so a change landing between this read and the write is a 412 too.
            Db.Entry(entity).Property(e => e.Version).OriginalValue = expected;
        }

        return entity;
    }

    /// <summary>The right exception for a record that is not live: 410 when it was deleted, else 404.</summary>
    protected async Task<Exception> MissingAsync(string key, Expression<Func<TEntity, bool>> match, CancellationToken ct)
    {
        var deleted = await Db.Set<TEntity>().IgnoreQueryFilters().Where(match).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        return deleted is { } id
            ? new GoneException(ResourceName, key, $"{CollectionPath}/{id}/restore")
            : new NotFoundException(ResourceName, key);
    }

    private async Task CheckAsync(TEntity entity, RuleMode mode, CancellationToken ct)
    {
        var errors = new RuleErrors();
        await Definition.CheckAsync(entity, new DatabaseView(Db), errors, mode, ct);
        errors.ThrowIfAny(allConflicts: mode == RuleMode.Restore);
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
