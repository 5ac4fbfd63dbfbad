using IldRegistry.Api.Common;
using IldRegistry.Api.Features.Search;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Reconcile;

/// <summary>A candidate for a query, scored.</summary>
/// <param name="Entity">The record.</param>
/// <param name="Score">0 to 100 (see <see cref="ReconcileService"/>).</param>
/// <param name="Match">Whether the service vouches that this is the record meant.</param>
/// <param name="Features">The parts of the score: <c>name</c> (0 to 1) and each property's agreement (0, 0.5 or 1).</param>
public sealed record ReconcileCandidate(ReconcileEntity Entity, double Score, bool Match, IReadOnlyList<(string Id, double Value)> Features);

/// <summary>
/// Matches names (with properties) to records, scored on one scale for every type. Candidates come from the registry's
/// search (<see cref="SearchService"/>); each is then scored 0 to 100 as the mean of its name score and one score per
/// property the query gives:
/// <list type="bullet">
/// <item><b>name</b>, 0 to 1: 1 when the query is one of the record's names (ignoring case, tone marks, spaces and
/// hyphens); else the search's similarity (capped at 1) times (1 + c) / 2, where c is the share of the matched name the
/// query covers: <c>Wang</c> covers a third of <c>Wang Jiaxiang</c> and scores 0.67.</item>
/// <item><b>each property</b>: 1 when the record agrees (the post in that department, with that title, known to be held on
/// that date: the three are checked on one and the same post), 0.5 when it only may (a post possibly held then, see
/// <see cref="Tenure"/>), 0 when it does not or the record says nothing of it.</item>
/// </list>
/// <c>match</c> is true only for the best candidate, when it scores at least <see cref="MatchThreshold"/>, every property
/// given agrees fully, and it leads the next candidate by at least <see cref="MatchLead"/>: "Wang" alone (67) never
/// auto-matches; "Wang" + Head + 1960 finds Wang Jiaxiang at 89, 33 ahead of Wang Jiarui.
/// </summary>
public sealed class ReconcileService(RegistryDbContext db, SearchService search, TimeProvider clock)
{
    public const double MatchThreshold = 85;
    public const double MatchLead = 10;

    // Search hands over more candidates than asked for, so that properties can lift one that the name alone ranks low.
    private const int Candidates = 25;

    /// <summary>A reader of candidates' facts for one request (it keeps the departments it read).</summary>
    public ReconcileFacts Facts() => new(db);

    public async Task<Dictionary<string, IReadOnlyList<ReconcileCandidate>>> ReconcileAsync(IReadOnlyDictionary<string, ReconcileQuery> batch, CancellationToken ct)
    {
        var facts = new ReconcileFacts(db);
        var answers = new Dictionary<string, IReadOnlyList<ReconcileCandidate>>(StringComparer.Ordinal);
        foreach (var (key, query) in batch)
        {
            answers[key] = await ReconcileOneAsync(query, facts, ct);
        }

        return answers;
    }

    /// <summary>Entities whose names start like, or resemble, <paramref name="prefix"/> (the suggest service).</summary>
    public async Task<IReadOnlyList<ReconcileEntity>> SuggestAsync(string prefix, ReconcileType? type, int limit, CancellationToken ct)
    {
        var hits = await HitsAsync(prefix, type is null ? [] : [type], limit, ct);
        var entities = await new ReconcileFacts(db).EntitiesAsync(hits.Select(h => (h.Id, ReconcileCatalog.Of(h.Type))), ct);
        return [.. hits.Select(h => entities.GetValueOrDefault(h.Id)).OfType<ReconcileEntity>()];
    }

    private async Task<IReadOnlyList<ReconcileCandidate>> ReconcileOneAsync(ReconcileQuery query, ReconcileFacts facts, CancellationToken ct)
    {
        List<(Guid Id, ReconcileType Type, double Similarity)> found;
        if (query.Text.Length > 0)
        {
            found = [.. (await HitsAsync(query.Text, query.Types, Candidates, ct)).Select(h => (h.Id, ReconcileCatalog.Of(h.Type), Math.Min(h.Score, 1)))];
        }
        else
        {
            // Properties alone: every holder of a matching post is a candidate, with no name evidence.
            found = [.. (await facts.PeopleWithPostsAsync(query.Properties, ct)).Select(id => (id, ReconcileCatalog.Type(ReconcileCatalog.Person)!, 0d))];
        }

        var entities = await facts.EntitiesAsync(found.Select(f => (f.Id, f.Type)), ct);
        var departments = await facts.DepartmentsAsync(ct);
        var today = AsOf.Today(clock);
        var scored = found
            .Where(f => entities.ContainsKey(f.Id))
            .Select(f => Score(entities[f.Id], query, f.Similarity, departments, today))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Entity.Name, StringComparer.Ordinal).ThenBy(c => c.Entity.Id)
            .Take(query.Limit)
            .ToList();
        if (scored.Count > 0)
        {
            var best = scored[0];
            var lead = scored.Count > 1 ? best.Score - scored[1].Score : best.Score;
            var agrees = best.Features.Where(f => f.Id != "name").All(f => f.Value >= 1);
            scored[0] = best with { Match = best.Score >= MatchThreshold && agrees && lead >= MatchLead };
        }

        return scored;
    }

    private async Task<IReadOnlyList<SearchHit>> HitsAsync(string text, IReadOnlyList<ReconcileType> types, int limit, CancellationToken ct)
    {
        var wanted = types.Count == 0 ? ReconcileCatalog.Types : types;
        var one = wanted.Count == 1 ? wanted[0].Search : (SearchType?)null;
        var result = await search.SearchAsync(new SearchQuery { Q = text, Type = one, Limit = Math.Min(SearchQuery.MaxLimit, limit * (one is null ? 2 : 1)) }, ct);
        return [.. result.Items.Where(h => wanted.Any(t => t.Search == h.Type)).Take(limit)];
    }

    private static ReconcileCandidate Score(ReconcileEntity entity, ReconcileQuery query, double similarity, IReadOnlyDictionary<Guid, ReconcileDepartment> departments, DateOnly today)
    {
        var name = NameScore(query.Text, entity, similarity);
        var features = new List<(string, double)> { ("name", Math.Round(name, 3)) };
        var conditions = query.Properties;
        var post = conditions.Any(c => c.Property.Id is "title" or "heldOn")
            || (conditions.Any(c => c.Property.Id == "department") && entity.Type.Id == ReconcileCatalog.Person);
        if (post)
        {
            // The conditions on posts are met by one post: the best of the person's.
            var best = entity.Posts
                .Select(p => conditions.Select(c => (c.Property.Id, Value: PostAgreement(p, c, departments, today))).ToList())
                .OrderByDescending(a => a.Sum(x => x.Value))
                .FirstOrDefault() ?? [.. conditions.Select(c => (c.Property.Id, Value: 0d))];
            features.AddRange(best);
        }
        else
        {
            features.AddRange(conditions.Select(c => (c.Property.Id, c.Values.Any(v => IsDepartment(entity.DepartmentId, v, departments)) ? 1d : 0d)));
        }

        var score = Math.Round(100 * features.Average(f => f.Item2), 1);
        return new ReconcileCandidate(entity, score, false, features);
    }

    private static double PostAgreement(ReconcilePost post, PropertyCondition condition, IReadOnlyDictionary<Guid, ReconcileDepartment> departments, DateOnly today) =>
        condition.Property.Id switch
        {
            "department" => condition.Values.Any(v => IsDepartment(post.DepartmentId, v, departments)) ? 1 : 0,
            "title" => condition.Values.Any(v => string.Equals(ReconcileCatalog.Normalize(v.Text), ReconcileCatalog.Normalize(post.Title), StringComparison.Ordinal)) ? 1 : 0,
            "heldOn" => condition.Values.Max(v => post.Tenure.On(v.Date!.Lower, v.Date.Upper, today) switch
            {
                { Known: true } => 1,
                { Possible: true } => 0.5,
                _ => 0,
            }),
            _ => 0,
        };

    private static bool IsDepartment(Guid? id, ConditionValue value, IReadOnlyDictionary<Guid, ReconcileDepartment> departments)
    {
        if (id is not { } departmentId || !departments.TryGetValue(departmentId, out var department))
        {
            return false;
        }

        if (value.Id is { } wanted)
        {
            return wanted == departmentId;
        }

        var text = ReconcileCatalog.Normalize(value.Text);
        return department.Names.Contains(text);
    }

    private static double NameScore(string query, ReconcileEntity entity, double similarity)
    {
        var wanted = ReconcileCatalog.Normalize(query);
        if (wanted.Length == 0)
        {
            return 0;
        }

        if (entity.Names.Contains(wanted))
        {
            return 1;
        }

        // The share of the name the query covers: of the shortest name containing it, else of the closest in length.
        var containing = entity.Names.Where(n => n.Contains(wanted, StringComparison.Ordinal)).ToList();
        var covered = containing.Count > 0
            ? (double)wanted.Length / containing.Min(n => n.Length)
            : entity.Names.Select(n => (double)Math.Min(n.Length, wanted.Length) / Math.Max(n.Length, wanted.Length)).DefaultIfEmpty(0).Max();
        return similarity * (1 + covered) / 2;
    }
}
