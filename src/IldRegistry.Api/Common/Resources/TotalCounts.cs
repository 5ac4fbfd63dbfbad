using IldRegistry.Api.Common.Settings;
using IldRegistry.Data.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// Remembers a list's <c>totalCount</c> per filter until the next write, so paging through a large result (page 2,
/// 3, … or <c>after=</c>) counts its rows once, not on every page: an exact count costs several times the page
/// itself (bench/README.md). Entries are keyed by the filter and <see cref="RegistryChanges"/>'
/// generation, which every committed write moves on (through this process or, by notification, any other), and
/// expire after <c>TotalCountCache:Seconds</c> (60). <c>TotalCountCache:Enabled=false</c> counts every time, and so
/// does every request while other processes' writes could go unnoticed (<see cref="RegistryChanges.IsCurrent"/>).
/// </summary>
public sealed class TotalCounts(RegistryChanges changes, IOptions<TotalCountCacheSettings> settings, TimeProvider clock) : IDisposable
{
    private readonly bool _enabled = settings.Value.Enabled;

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(settings.Value.Seconds);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = settings.Value.MaxEntries,
    });

    /// <summary>
    /// The count for <paramref name="filter"/> (a value-equal record of everything that selects the rows) as of
    /// today (filters such as <c>current</c> depend on the date); <paramref name="count"/> runs on a miss.
    /// </summary>
    public async Task<int> GetAsync(object filter, Func<CancellationToken, Task<int>> count, CancellationToken ct)
    {
        if (!_enabled || !changes.IsCurrent)
        {
            return await count(ct);
        }

        // The generation is read before the count runs: a write committing meanwhile moves it, and this entry is never read.
        var key = new Key(filter, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), changes.Generation);
        if (_cache.TryGetValue(key, out int total))
        {
            return total;
        }

        total = await count(ct);
        _cache.Set(key, total, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        return total;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Key(object Filter, DateOnly Today, long Generation);
}
