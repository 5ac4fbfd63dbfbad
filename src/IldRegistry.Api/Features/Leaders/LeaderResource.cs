using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;

namespace IldRegistry.Api.Features.Leaders;

/// <summary>Leader posts: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class LeaderResource : ResourceDefinition<Leader, LeaderRequest>
{
    /// <summary>The collection: route segment, table, export section.</summary>
    public const string Name = "leaders";

    public const string Route = "api/v1/" + Name;

    public LeaderResource()
        : base(order: 2, singular: "leader post", collection: Name)
    {
        // A department's posts are named by who holds them, a person's by where.
        RefersTo<Department>(l => l.DepartmentId, "departmentId", "department", "leader posts");
        RefersTo<Person>(l => l.PersonId, "personId", "person", "leader posts", describe: l => l.Title + " of " + l.Department!.Name);
        Rule(NoOverlapAsync);
    }

    public override Entity Example => Seeded(IldArticleSeed.LeaderId("lu-kang", "deputy-head"));

    public override Expression<Func<Leader, string>> Label => l => l.Title + " " + l.Person!.Name;

    /// <summary>Posts in order of precedence.</summary>
    public override IOrderedQueryable<Leader> InOrder(IQueryable<Leader> rows) => rows.OrderBy(l => l.Rank).ThenBy(l => l.Id);

    public override Expression<Func<Leader, LeaderRequest>> ToRequest => l => new LeaderRequest
    {
        DepartmentId = l.DepartmentId,
        PersonId = l.PersonId,
        Title = l.Title,
        Rank = l.Rank,
        Start = l.Start,
        StartStatus = l.Start == null ? StartStatus.Unknown : StartStatus.Known,
        StartNotBefore = l.StartNotBefore,
        StartNotAfter = l.StartNotAfter,
        End = l.End,
        EndStatus = l.EndStatus,
        EndNotBefore = l.EndNotBefore,
        EndNotAfter = l.EndNotAfter,
        Sources = l.Sources,
    };

    public override void Apply(LeaderRequest request, Leader leader)
    {
        leader.DepartmentId = request.DepartmentId;
        leader.PersonId = request.PersonId;
        leader.Title = request.Title;
        leader.Rank = request.Rank;
        leader.Start = request.Start;
        leader.StartNotBefore = request.StartNotBefore;
        leader.StartNotAfter = request.StartNotAfter;
        leader.End = request.End;
        // Before end statuses, a missing end meant "still serving": a client that sends none keeps meaning that.
        leader.EndStatus = request.EndStatus ?? (request.End is null ? EndStatus.Ongoing : EndStatus.Known);
        leader.EndNotBefore = request.EndNotBefore;
        leader.EndNotAfter = request.EndNotAfter;
        leader.Sources = request.Sources;
    }

    /// <summary>
    /// One person cannot hold the same post (titles compared without case) in the same department twice at once.
    /// Partial dates count as their whole interval, an unknown start as the beginning of time and an open end as the
    /// end of time.
    /// </summary>
    private async Task NoOverlapAsync(Leader post, IRegistryView view, RuleErrors errors, RuleMode mode, CancellationToken ct)
    {
        var (id, personId, departmentId) = (post.Id, post.PersonId, post.DepartmentId);
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(); the same comparison runs in memory during an import.
        var title = post.Title.ToUpper();
        var lower = post.Start?.Lower ?? DateOnly.MinValue;
        var upper = post.End?.Upper ?? DateOnly.MaxValue;
        var clash = await view.FirstOrDefaultAsync<Leader, Leader>(
            l => l.PersonId == personId && l.DepartmentId == departmentId && l.Id != id && l.Title.ToUpper() == title
                 && (l.Start == null || l.Start.Lower <= upper) && (l.End == null || l.End.Upper >= lower),
            l => l,
            ct);
#pragma warning restore CA1304, CA1311, CA1862
        if (clash is null)
        {
            return;
        }

        var person = await view.FirstOrDefaultAsync<Person, string>(p => p.Id == personId, p => p.Name, ct) ?? "The person";
        errors.Conflict(
            string.Empty,
            $"{person} already holds the post '{clash.Title}' in this department from {clash.Start?.Text ?? "an unknown date"} " +
            $"to {clash.End?.Text ?? "the present"} ({Path}/{clash.Id}), which overlaps this tenure. Change that post's dates or this one's.");
    }
}
