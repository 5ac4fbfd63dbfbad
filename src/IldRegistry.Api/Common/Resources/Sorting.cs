using System.Linq.Expressions;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common.Resources;

/// <summary>The names a list's <c>sort</c> accepts, as the OpenAPI document lists them.</summary>
public interface ISortFields
{
    IEnumerable<string> Fields { get; }
}

/// <summary>
/// The sort fields a list accepts (<c>name</c>, <c>-established</c>), each with a stable tiebreaker on the id so
/// that pages never repeat or skip a record.
/// </summary>
public sealed class SortMap<T> : ISortFields
    where T : Entity
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _fields = new(StringComparer.OrdinalIgnoreCase);

    // The key selectors of the fields that can continue after a record (keyset paging): non-null, comparable keys.
    private readonly Dictionary<string, LambdaExpression[]> _keysets = new(StringComparer.OrdinalIgnoreCase);

    public SortMap(string defaultSort) => Default = defaultSort;

    public string Default { get; }

    public IEnumerable<string> Fields => _fields.Keys;

    /// <param name="keyset">Whether <c>after</c> may continue this sort: only for keys that are never null.</param>
    public SortMap<T> Add<TKey>(string name, Expression<Func<T, TKey>> key, bool keyset = true)
    {
        _fields[name] = (query, descending) => descending ? query.OrderByDescending(key) : query.OrderBy(key);
        if (keyset)
        {
            _keysets[name] = [key];
        }

        return this;
    }

    /// <summary>A field sorted on two keys, both in the requested direction (a date's start, then its end).</summary>
    public SortMap<T> Add<TKey, TThen>(string name, Expression<Func<T, TKey>> key, Expression<Func<T, TThen>> then, bool keyset = true)
    {
        _fields[name] = (query, descending) => descending
            ? query.OrderByDescending(key).ThenByDescending(then)
            : query.OrderBy(key).ThenBy(then);
        if (keyset)
        {
            _keysets[name] = [key, then];
        }

        return this;
    }

    /// <summary>
    /// Keyset paging: the records that come after <paramref name="afterId"/> in this sort, whatever their number —
    /// a WHERE on the sort keys and the id that an index serves directly, so a deep page costs what the first does.
    /// 400 on <c>after</c> when the record is unknown or the sort cannot continue after a record.
    /// </summary>
    public async Task<IOrderedQueryable<T>> AfterAsync(IQueryable<T> filtered, string? sort, Guid afterId, IQueryable<T> all, CancellationToken ct)
    {
        var (name, descending) = Parse(sort);
        if (!_keysets.TryGetValue(name, out var keys))
        {
            throw new FieldValidationException("after", $"'after' cannot continue the sort '{name}'; use page instead, or one of {string.Join(", ", _keysets.Keys)}.");
        }

        var row = Expression.Parameter(typeof(T), "e");
        var values = Expression.NewArrayInit(typeof(object), keys.Select(k => Expression.Convert(Rebind(k, row), typeof(object))));
        var anchor = await all.IgnoreQueryFilters()
            .Where(e => e.Id == afterId)
            .Select(Expression.Lambda<Func<T, object?[]>>(values, row))
            .FirstOrDefaultAsync(ct)
            ?? throw new FieldValidationException("after", $"No record '{afterId}' to continue after.");

        // (k1, ..., id) > (v1, ..., afterId) in the sort's direction, spelled out so each comparison keeps its type.
        Expression condition = Compare(Expression.Property(row, nameof(Entity.Id)), afterId, descending);
        for (var i = keys.Length - 1; i >= 0; i--)
        {
            var key = Rebind(keys[i], row);
            var value = Expression.Constant(anchor[i], key.Type);
            condition = Expression.OrElse(
                Compare(key, anchor[i]!, descending),
                Expression.AndAlso(Expression.Equal(key, value), condition));
        }

        // A plain range on the first key as well, which the planner can turn into an index range scan.
        condition = Expression.AndAlso(Compare(Rebind(keys[0], row), anchor[0]!, descending, orEqual: true), condition);
        return Apply(filtered.Where(Expression.Lambda<Func<T, bool>>(condition, row)), sort);
    }

    private static BinaryExpression Compare(Expression key, object value, bool descending, bool orEqual = false)
    {
        var constant = Expression.Constant(value, key.Type);
        Expression left = key;
        Expression right = constant;
        if (key.Type == typeof(string))
        {
            // EF translates string.Compare(a, b) > 0 to a > b in SQL, the same collation ORDER BY uses.
            left = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, key, constant);
            right = Expression.Constant(0);
        }

        return (descending, orEqual) switch
        {
            (true, false) => Expression.LessThan(left, right),
            (true, true) => Expression.LessThanOrEqual(left, right),
            (false, false) => Expression.GreaterThan(left, right),
            (false, true) => Expression.GreaterThanOrEqual(left, right),
        };
    }

    private static Expression Rebind(LambdaExpression key, ParameterExpression row) =>
        new Rebinder(key.Parameters[0], row).Visit(key.Body);

    private sealed class Rebinder(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>
    /// One page, ordered. The ids of the page are found first (an OFFSET over index entries only), then only those
    /// rows are read from <paramref name="rows"/>, so page 200 costs about what page 1 does.
    /// </summary>
    public IOrderedQueryable<T> Page(IQueryable<T> filtered, string? sort, PageQuery paging, IQueryable<T> rows)
    {
        var ids = Apply(filtered, sort).Skip(paging.Skip).Take(paging.PageSize).Select(e => e.Id);
        return Apply(rows.Where(e => ids.Contains(e.Id)), sort);
    }

    /// <summary>Orders by <paramref name="sort"/> (or the default); 400 on <c>sort</c> for a field not listed.</summary>
    public IOrderedQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        var (name, descending) = Parse(sort);
        var order = _fields[name];

        // The tiebreaker runs the same way as the sort, so one index (key, id) serves both directions.
        var ordered = order(query, descending);
        return descending ? ordered.ThenByDescending(e => e.Id) : ordered.ThenBy(e => e.Id);
    }

    private (string Name, bool Descending) Parse(string? sort)
    {
        var text = string.IsNullOrWhiteSpace(sort) ? Default : sort.Trim();
        var descending = text.StartsWith('-');
        var name = descending ? text[1..] : text;
        return _fields.ContainsKey(name)
            ? (name, descending)
            : throw new FieldValidationException("sort", $"Unknown sort '{sort}'. Use one of {string.Join(", ", _fields.Keys)}, with a leading - for descending.");
    }
}
