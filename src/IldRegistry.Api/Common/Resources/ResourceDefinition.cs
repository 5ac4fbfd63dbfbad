using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common.Resources;

/// <summary>Whether a rule checks a write (create, replace, import) or the return of a deleted record.</summary>
public enum RuleMode
{
    Write,
    Restore,
}

/// <summary>
/// What the registry knows about one resource, declared once in the resource's own folder: its names and route, how a
/// request becomes a record and back (the export and import format), its references (and so its dependents), its
/// rules, its search columns and its OpenAPI example. Export, import, search, the OpenAPI examples and the shared
/// resource service loop over the definitions (see <see cref="ResourceRegistry"/>) instead of naming resources.
/// </summary>
public interface IResourceDefinition
{
    /// <summary>Export and import order: a resource comes after those it references.</summary>
    int Order { get; }

    /// <summary>The singular used in messages (<c>leader post</c>).</summary>
    string Singular { get; }

    /// <summary>The collection's name: export section, CSV file and, unless they are named apart, route segment and table (<c>leaders</c>).</summary>
    string Collection { get; }

    /// <summary>The collection's URL (<c>/api/v1/leaders</c>, <c>/api/v1/org-links</c>).</summary>
    string Path { get; }

    /// <summary>The table its records are stored in (<c>leaders</c>, <c>org_links</c>).</summary>
    string Table { get; }

    Type EntityType { get; }

    /// <summary>What POST and PUT take, and what the export writes for each record (plus its id).</summary>
    Type RequestType { get; }

    /// <summary>The stem of the resource's OpenAPI schemas (<c>Leader</c> for LeaderRequest, LeaderResponse, LeaderSummary).</summary>
    string SchemaName { get; }

    /// <summary>A record of the seed data shown as the example of the resource's schemas.</summary>
    Entity Example { get; }

    /// <summary>Its columns in the one ranked search, or null when it is not searched.</summary>
    SearchColumns? Search { get; }

    /// <summary>The references of this resource's records to others (see <see cref="IReference"/>).</summary>
    IReadOnlyList<IReference> References { get; }

    /// <summary>Every live record in the export's shape, in an order where parents come first.</summary>
    IAsyncEnumerable<ExportRecord<object>> ExportAsync(RegistryDbContext db, CancellationToken ct);

    /// <summary>The live records of this resource that cite the source <paramref name="sourceId"/>, at most <paramref name="take"/>.</summary>
    Task<List<CitingRecord>> CitingAsync(RegistryDbContext db, Guid sourceId, int take, CancellationToken ct);

    /// <summary>Lets code that works on any resource get at its types (see <see cref="IResourceVisitor{TResult}"/>).</summary>
    TResult Accept<TResult>(IResourceVisitor<TResult> visitor);
}

/// <summary>Generic code over a definition's entity and request types (the import's sections, for one).</summary>
public interface IResourceVisitor<out TResult>
{
    TResult Visit<TEntity, TRequest>(ResourceDefinition<TEntity, TRequest> definition)
        where TEntity : Entity, new();
}

/// <summary>
/// How a resource's records enter the ranked search: the columns its table's trigger copies into <c>search_index</c>
/// (migration SearchIndex; a test compares each table's trigger with this).
/// </summary>
/// <param name="Type">The hit's <c>type</c>.</param>
/// <param name="Name">The column shown as the hit's name.</param>
/// <param name="ShortName">A column holding a short name that also matches exactly, or null.</param>
/// <param name="Snippet">The column shown as the hit's snippet (its first 240 characters).</param>
public sealed record SearchColumns(string Type, string Name, string? ShortName, string Snippet);

/// <summary>A reference from the records of one resource to those of <see cref="Target"/>.</summary>
public interface IReference
{
    Type Target { get; }

    /// <summary>The live records that refer to <paramref name="targetId"/>, described for a 409 (<c>bureaus: A, B</c>), or null.</summary>
    Task<string?> DependentsAsync(RegistryDbContext db, Guid targetId, CancellationToken ct);
}

public abstract class ResourceDefinition<TEntity, TRequest> : IResourceDefinition
    where TEntity : Entity, new()
{
    private const int ChunkSize = 500;

    private readonly List<IReference> _references = [];
    private readonly List<Func<TEntity, IRegistryView, RuleErrors, RuleMode, CancellationToken, Task>> _rules = [];
    private readonly Lazy<Expression<Func<TEntity, ExportRecord<TRequest>>>> _toRecord;
    private readonly Lazy<Func<TEntity, TRequest>> _toRequest;
    private readonly Lazy<Expression<Func<TEntity, TRequest>>> _requestOf;
    private readonly Func<TRequest, List<Claim>>? _claimsOf;
    private readonly RequestFields _fields = new(typeof(TRequest));
    private Expression<Func<TEntity, Guid?>>? _parent;

    /// <param name="order">See <see cref="Order"/>.</param>
    /// <param name="singular">See <see cref="Singular"/>.</param>
    /// <param name="collection">See <see cref="Collection"/>.</param>
    /// <param name="segment">The route segment, when it is not <paramref name="collection"/> (a name of two words: <c>org-links</c>).</param>
    /// <param name="table">The table, when it is not <paramref name="collection"/> (<c>org_links</c>).</param>
    protected ResourceDefinition(int order, string singular, string collection, string? segment = null, string? table = null)
    {
        Order = order;
        Singular = singular;
        Collection = collection;
        Path = $"/api/v1/{segment ?? collection}";
        Table = table ?? collection;
        var claims = typeof(TRequest).GetProperty(nameof(Entity.Claims));
        _claimsOf = claims?.PropertyType == typeof(List<Claim>) ? r => (List<Claim>?)claims.GetValue(r) ?? [] : null;
        _requestOf = new(() => WithClaims(ToRequest, claims));
        _toRequest = new(() => _requestOf.Value.Compile());
        _toRecord = new(() =>
        {
            var toRequest = _requestOf.Value;
            var entity = toRequest.Parameters[0];
            var constructor = typeof(ExportRecord<TRequest>).GetConstructor([typeof(Guid), typeof(TRequest)])!;
            return Expression.Lambda<Func<TEntity, ExportRecord<TRequest>>>(
                Expression.New(constructor, Expression.Property(entity, nameof(Entity.Id)), toRequest.Body),
                entity);
        });

        // Every record's citations may name source records, and its fields may carry claims: one rule each, the
        // same for every resource, in single writes, restores and the import alike.
        var citations = new CitationReference<TEntity, TRequest>(this);
        _references.Add(citations);
        Rule(citations.CheckAsync);
        Rule((record, _, errors, _, _) =>
        {
            ClaimRules.Check(record, RequestOf(record), _fields, Singular, errors);
            return Task.CompletedTask;
        });
    }

    public int Order { get; }

    public string Singular { get; }

    public string Collection { get; }

    public string Path { get; }

    public string Table { get; }

    public Type EntityType => typeof(TEntity);

    public Type RequestType => typeof(TRequest);

    public virtual string SchemaName => typeof(TRequest).Name[..^"Request".Length];

    public abstract Entity Example { get; }

    public virtual SearchColumns? Search => null;

    public IReadOnlyList<IReference> References => _references;

    /// <summary>The record as its request: what the export writes and what the import compares with.</summary>
    public abstract Expression<Func<TEntity, TRequest>> ToRequest { get; }

    /// <summary>
    /// A short text that names a record in messages, read in SQL: it may follow navigations, except where a
    /// <see cref="Tree"/> or <see cref="Unique"/> rule uses it, since those also run in memory during an import.
    /// </summary>
    public abstract Expression<Func<TEntity, string>> Label { get; }

    /// <summary>The order in which messages list records (by default the order they were entered).</summary>
    public virtual IOrderedQueryable<TEntity> InOrder(IQueryable<TEntity> rows) => rows.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id);

    /// <summary>Copies a request onto a record: the one mapping that create, replace and import share.</summary>
    public abstract void Apply(TRequest request, TEntity entity);

    public TRequest RequestOf(TEntity entity) => _toRequest.Value(entity);

    /// <summary>
    /// <see cref="Apply"/>, then what every resource shares: the request's claims, and citations of source records
    /// stripped of the source's own fields (see <see cref="Citations.Normalize"/>). What create, replace and import call.
    /// </summary>
    public void ApplyRequest(TRequest request, TEntity entity)
    {
        Apply(request, entity);
        entity.Claims = _claimsOf?.Invoke(request) ?? [];
        Citations.Normalize(entity);
    }

    public async Task<List<CitingRecord>> CitingAsync(RegistryDbContext db, Guid sourceId, int take, CancellationToken ct)
    {
        var label = Label;
        var constructor = typeof(CitingRow).GetConstructors().Single();
        var row = label.Parameters[0];
        var select = Expression.Lambda<Func<TEntity, CitingRow>>(
            Expression.New(
                constructor,
                Expression.Property(row, nameof(Entity.Id)),
                label.Body,
                Expression.Property(row, nameof(Entity.Sources)),
                Expression.Property(row, nameof(Entity.Claims))),
            row);
        var rows = await InOrder(Citations.CitingRows<TEntity>(db, Table, sourceId)).Select(select).Take(take).ToListAsync(ct);
        return [.. rows.Select(r => new CitingRecord(
            Collection, r.Id, r.Label, $"{Path}/{r.Id}", Citations.FieldsCiting(new TEntity { Sources = r.Sources, Claims = r.Claims }, sourceId)))];
    }

    /// <summary>The seed files' record with this id (see <see cref="EmbeddedSeed"/>), for <see cref="Example"/>.</summary>
    protected TEntity Seeded(Guid id)
    {
        var entity = new TEntity { Id = id };
        ApplyRequest(EmbeddedSeed.Request<TRequest>(id), entity);
        return entity;
    }

    /// <summary>Checks every rule of the resource on <paramref name="record"/> as it would be written.</summary>
    public async Task CheckAsync(TEntity record, IRegistryView view, RuleErrors errors, RuleMode mode, CancellationToken ct)
    {
        foreach (var rule in _rules)
        {
            await rule(record, view, errors, mode, ct);
        }
    }

    public TResult Accept<TResult>(IResourceVisitor<TResult> visitor) => visitor.Visit(this);

    /// <remarks>
    /// Read a chunk of ids at a time, so every query stays small (well under the statement timeout, whatever the
    /// registry's size) where one query over a whole table outgrew it; the caller holds one snapshot for all of them.
    /// </remarks>
    public async IAsyncEnumerable<ExportRecord<object>> ExportAsync(RegistryDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = db.Set<TEntity>().AsNoTracking();
        var order = _parent is null
            ? await rows.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct)
            : TreeOrder.ParentsFirst(await rows.Select(Pair(_parent)).ToListAsync(ct));
        foreach (var chunk in order.Chunk(ChunkSize))
        {
            var records = await rows.Where(e => chunk.Contains(e.Id)).Select(_toRecord.Value).ToDictionaryAsync(r => r.Id, ct);
            foreach (var id in chunk)
            {
                // Deleted between reading the ids and now: left out, like any deleted record.
                if (records.TryGetValue(id, out var record))
                {
                    yield return new ExportRecord<object>(record.Id, record.Record!);
                }
            }
        }
    }

    /// <summary>A required reference: the record must point at a live <typeparamref name="TTarget"/>.</summary>
    /// <param name="key">The referencing property.</param>
    /// <param name="field">Its JSON name in the request.</param>
    /// <param name="role">What the target is to the record, in messages (<c>department</c>, <c>parent bureau</c>).</param>
    /// <param name="dependents">What the records are to the target, in a 409 on its delete (<c>bureaus</c>, <c>child bureaus</c>).</param>
    /// <param name="describe">How such a 409 names each record, when not by its <see cref="Label"/>.</param>
    protected void RefersTo<TTarget>(Expression<Func<TEntity, Guid>> key, string field, string role, string dependents, Expression<Func<TEntity, string>>? describe = null)
        where TTarget : Entity
    {
        var get = key.Compile();
        Add(new Reference<TTarget>(this, role, dependents, describe, e => [(field, get(e))], id => Points(key, Expression.Equal(key.Body, Id(id)))));
    }

    /// <summary>An optional reference: when set, it must point at a live <typeparamref name="TTarget"/>.</summary>
    protected void RefersTo<TTarget>(Expression<Func<TEntity, Guid?>> key, string field, string role, string dependents, Expression<Func<TEntity, string>>? describe = null)
        where TTarget : Entity
    {
        var get = key.Compile();
        Add(new Reference<TTarget>(this, role, dependents, describe, e => get(e) is { } id ? [(field, id)] : [], id => Points(key, Expression.Equal(key.Body, Expression.Convert(Id(id), typeof(Guid?))))));
    }

    /// <summary>A list of references: each must point at a live <typeparamref name="TTarget"/> (keyed <c>field[i]</c>).</summary>
    protected void RefersToEach<TTarget>(Expression<Func<TEntity, List<Guid>>> keys, string field, string role, string dependents, Expression<Func<TEntity, string>>? describe = null)
        where TTarget : Entity
    {
        var get = keys.Compile();
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(Guid));
        Add(new Reference<TTarget>(this, role, dependents, describe, e => get(e).Select((id, i) => ($"{field}[{i}]", id)), id => Points(keys, Expression.Call(contains, keys.Body, Id(id)))));
    }

    /// <summary>
    /// The resource is a tree through <paramref name="parent"/> (a reference to the same resource, declared with
    /// <c>RefersTo</c> too): no record is
    /// its own parent, no change closes a cycle, and the export writes parents first. With <paramref name="scope"/>,
    /// a parent is of the same scope (a bureau sits under a bureau of its own department) and a record with children
    /// keeps its scope.
    /// </summary>
    protected void Tree(Expression<Func<TEntity, Guid?>> parent, string field, Expression<Func<TEntity, Guid>>? scope = null, string? scopeName = null)
    {
        _parent = parent;
        var parentOf = parent.Compile();
        var scopeOf = scope?.Compile();
        Rule(async (record, view, errors, _, ct) =>
        {
            if (parentOf(record) is not { } parentId)
            {
                return;
            }

            if (parentId == record.Id)
            {
                errors.Invalid(field, $"A {Singular} cannot be its own parent.");
                return;
            }

            var seen = new HashSet<Guid> { record.Id };
            Guid? current = parentId;
            var first = true;
            while (current is { } id && seen.Add(id))
            {
                var row = await view.FirstOrDefaultAsync<TEntity, TEntity>(e => e.Id == id, e => e, ct);
                if (row is null)
                {
                    // A missing parent is the reference rule's to report; a broken chain above it ends the walk.
                    return;
                }

                if (first && scopeOf is not null && scopeOf(row) != scopeOf(record))
                {
                    errors.Invalid(field, $"The parent {Singular} belongs to another {scopeName}: a {Singular} sits only under a {Singular} of its own {scopeName}.");
                    return;
                }

                first = false;
                current = parentOf(row);
            }

            if (current is { } closing && closing == record.Id)
            {
                errors.Invalid(field, $"That parent would make a cycle: it sits, directly or not, under this {Singular}.");
            }
        });

        if (scope is null)
        {
            return;
        }

        var pointsHere = ParentIs(parent);
        Rule(async (record, view, errors, _, ct) =>
        {
            var scopeValue = scopeOf!(record);
            var child = await view.FirstOrDefaultAsync(
                And(pointsHere(record.Id), Points(scope, Expression.NotEqual(scope.Body, Id(scopeValue)))), Label, ct);
            if (child is not null)
            {
                errors.Invalid(
                    scopeName + "Id",
                    $"A {Singular} with child {Collection} in its {scopeName} (such as '{child}') cannot move to another {scopeName}: move or delete them first.");
            }
        });
    }

    /// <summary>
    /// No two records share a key: <paramref name="sameKey"/> gives, for a record, the test that another has its key
    /// (an expression that runs in SQL and in memory), and <paramref name="key"/> words the key (<c>The slug 'ild'</c>):
    /// a clash reads "The slug 'ild' is already used by 'ild' (/api/v1/departments/…)". Deleted records count too with
    /// <paramref name="includeDeleted"/>; records for which <paramref name="when"/> is false have no key. A clash is a
    /// conflict (409) unless <paramref name="conflict"/> is false.
    /// </summary>
    protected void Unique(
        string field,
        Func<TEntity, Expression<Func<TEntity, bool>>> sameKey,
        Func<TEntity, string> key,
        bool includeDeleted = false,
        Func<TEntity, bool>? when = null,
        bool conflict = true)
    {
        var label = Label;
        var constructor = typeof(ValueTuple<Guid, string>).GetConstructor([typeof(Guid), typeof(string)])!;
        var idAndLabel = Expression.Lambda<Func<TEntity, (Guid, string)>>(
            Expression.New(constructor, Expression.Property(label.Parameters[0], nameof(Entity.Id)), label.Body), label.Parameters);
        Rule(async (record, view, errors, _, ct) =>
        {
            if (when is not null && !when(record))
            {
                return;
            }

            var id = record.Id;
            var others = await view.FindAsync(And(sameKey(record), e => e.Id != id), idAndLabel, 1, includeDeleted, ct);
            if (others is [var (otherId, otherLabel)])
            {
                var message = $"{key(record)} is already used by '{otherLabel}' ({view.Locate<TEntity>(otherId)})" +
                    (includeDeleted ? ", and stays taken while it is deleted so that it can be restored." : ".");
                if (conflict)
                {
                    errors.Conflict(field, message);
                }
                else
                {
                    errors.Invalid(field, message);
                }
            }
        });
    }

    /// <summary>A rule of the resource's own, checked on every write and restore.</summary>
    protected void Rule(Func<TEntity, IRegistryView, RuleErrors, RuleMode, CancellationToken, Task> rule) => _rules.Add(rule);

    /// <summary><c>a AND b</c> over the same record.</summary>
    protected static Expression<Func<TEntity, bool>> And(Expression<Func<TEntity, bool>> a, Expression<Func<TEntity, bool>> b) =>
        Expression.Lambda<Func<TEntity, bool>>(Expression.AndAlso(a.Body, new Rebind(b.Parameters[0], a.Parameters[0]).Visit(b.Body)), a.Parameters);

    private void Add<TTarget>(Reference<TTarget> reference)
        where TTarget : Entity
    {
        _references.Add(reference);
        Rule(reference.CheckAsync);
    }

    // ToRequest as each definition writes it, plus the claims every resource's request carries.
    private static Expression<Func<TEntity, TRequest>> WithClaims(Expression<Func<TEntity, TRequest>> toRequest, System.Reflection.PropertyInfo? claims)
    {
        if (claims is null || toRequest.Body is not MemberInitExpression init || init.Bindings.Any(b => b.Member.Name == claims.Name))
        {
            return toRequest;
        }

        var entity = toRequest.Parameters[0];
        return Expression.Lambda<Func<TEntity, TRequest>>(
            Expression.MemberInit(init.NewExpression, [.. init.Bindings, Expression.Bind(claims, Expression.Property(entity, nameof(Entity.Claims)))]),
            entity);
    }

    private static Func<Guid, Expression<Func<TEntity, bool>>> ParentIs(Expression<Func<TEntity, Guid?>> parent) =>
        id => Points(parent, Expression.Equal(parent.Body, Expression.Convert(Id(id), typeof(Guid?))));

    private static Expression<Func<TEntity, (Guid, Guid?)>> Pair(Expression<Func<TEntity, Guid?>> parent)
    {
        var constructor = typeof(ValueTuple<Guid, Guid?>).GetConstructor([typeof(Guid), typeof(Guid?)])!;
        return Expression.Lambda<Func<TEntity, (Guid, Guid?)>>(
            Expression.New(constructor, Expression.Property(parent.Parameters[0], nameof(Entity.Id)), parent.Body), parent.Parameters);
    }

    private static Expression<Func<TEntity, bool>> Points<TKey>(Expression<Func<TEntity, TKey>> key, Expression body) =>
        Expression.Lambda<Func<TEntity, bool>>(body, key.Parameters);

    // A field of an object rather than a constant, so that EF Core sends the id as a parameter and reuses the plan.
    private static MemberExpression Id(Guid id) => Expression.Field(Expression.Constant(new IdHolder(id)), nameof(IdHolder.Value));

    private sealed record CitingRow(Guid Id, string Label, List<Source> Sources, List<Claim> Claims);

    private sealed class IdHolder(Guid value)
    {
        public readonly Guid Value = value;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>One declared reference: checked on write and restore, and asked for dependents on the target's delete.</summary>
    private sealed class Reference<TTarget>(
        ResourceDefinition<TEntity, TRequest> owner,
        string role,
        string dependents,
        Expression<Func<TEntity, string>>? describe,
        Func<TEntity, IEnumerable<(string Field, Guid Id)>> idsOf,
        Func<Guid, Expression<Func<TEntity, bool>>> pointsTo) : IReference
        where TTarget : Entity
    {
        private const int ShownDependents = 5;

        public Type Target => typeof(TTarget);

        public async Task CheckAsync(TEntity record, IRegistryView view, RuleErrors errors, RuleMode mode, CancellationToken ct)
        {
            var ids = idsOf(record).ToList();
            if (ids.Count == 0)
            {
                return;
            }

            var live = await view.LiveAsync<TTarget>([.. ids.Select(i => i.Id).Distinct()], ct);
            foreach (var (path, id) in ids.Where(i => !live.Contains(i.Id)))
            {
                if (mode == RuleMode.Restore)
                {
                    errors.Conflict(path, $"The {owner.Singular}'s {role} is deleted: restore the {role} first.");
                }
                else
                {
                    errors.Invalid(path, $"No {role} '{id}' exists (or it was deleted).");
                }
            }
        }

        public async Task<string?> DependentsAsync(RegistryDbContext db, Guid targetId, CancellationToken ct)
        {
            var found = await owner.InOrder(db.Set<TEntity>().AsNoTracking().Where(pointsTo(targetId)).Where(e => e.Id != targetId))
                .Select(describe ?? owner.Label).Take(ShownDependents + 1).ToListAsync(ct);
            return found.Count == 0
                ? null
                : $"{dependents}: {string.Join(", ", found.Take(ShownDependents))}{(found.Count > ShownDependents ? ", …" : string.Empty)}";
        }
    }
}

/// <summary>One exported record: its id and its fields in the shape of the resource's request.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Record">Its fields as <c>POST</c>/<c>PUT</c> take them.</param>
public sealed record ExportRecord<TRequest>(Guid Id, TRequest Record);

/// <summary>An order of a tree's records in which each parent comes before its children.</summary>
public static class TreeOrder
{
    /// <summary>
    /// Ids in an order where each record's parent comes before it (roots first, then their children, level by level,
    /// by id within a level). A parent outside <paramref name="nodes"/> counts as none; a cycle, which the API never
    /// lets in, is broken where it is met rather than looping.
    /// </summary>
    public static List<Guid> ParentsFirst(IReadOnlyCollection<(Guid Id, Guid? ParentId)> nodes)
    {
        var parentOf = new Dictionary<Guid, Guid?>(nodes.Count);
        foreach (var (id, parentId) in nodes)
        {
            parentOf[id] = parentId;
        }

        var depth = new Dictionary<Guid, int>(nodes.Count);
        foreach (var (id, _) in nodes)
        {
            var chain = new List<Guid>();
            var inChain = new HashSet<Guid>();
            var current = id;
            var known = -1;
            while (true)
            {
                if (depth.TryGetValue(current, out var d))
                {
                    known = d;
                    break;
                }

                if (!inChain.Add(current))
                {
                    break;
                }

                chain.Add(current);
                if (parentOf[current] is { } parent && parentOf.ContainsKey(parent))
                {
                    current = parent;
                }
                else
                {
                    break;
                }
            }

            for (var i = chain.Count - 1; i >= 0; i--)
            {
                depth[chain[i]] = ++known;
            }
        }

        return [.. nodes.Select(n => n.Id).OrderBy(i => depth[i]).ThenBy(i => i)];
    }
}
