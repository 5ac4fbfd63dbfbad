using System.Linq.Expressions;
using IldRegistry.Domain.Common;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// The sort fields a list accepts (<c>name</c>, <c>-established</c>), each with a stable tiebreaker on the id so
/// that pages never repeat or skip a record.
/// </summary>
public sealed class SortMap<T>
    where T : Entity
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _fields = new(StringComparer.OrdinalIgnoreCase);

    public SortMap(string defaultSort) => Default = defaultSort;

    public string Default { get; }

    public IEnumerable<string> Fields => _fields.Keys;

    public SortMap<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _fields[name] = (query, descending) => descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return this;
    }

    /// <summary>A field sorted on two keys, both in the requested direction (a date's start, then its end).</summary>
    public SortMap<T> Add<TKey, TThen>(string name, Expression<Func<T, TKey>> key, Expression<Func<T, TThen>> then)
    {
        _fields[name] = (query, descending) => descending
            ? query.OrderByDescending(key).ThenByDescending(then)
            : query.OrderBy(key).ThenBy(then);
        return this;
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
        var text = string.IsNullOrWhiteSpace(sort) ? Default : sort.Trim();
        var descending = text.StartsWith('-');
        var name = descending ? text[1..] : text;
        if (!_fields.TryGetValue(name, out var order))
        {
            throw new FieldValidationException("sort", $"Unknown sort '{sort}'. Use one of {string.Join(", ", _fields.Keys)}, with a leading - for descending.");
        }

        // The tiebreaker runs the same way as the sort, so one index (key, id) serves both directions.
        var ordered = order(query, descending);
        return descending ? ordered.ThenByDescending(e => e.Id) : ordered.ThenBy(e => e.Id);
    }
}
