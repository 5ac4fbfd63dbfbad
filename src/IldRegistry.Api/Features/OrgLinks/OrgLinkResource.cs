using System.Globalization;
using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.OrgLinks;

namespace IldRegistry.Api.Features.OrgLinks;

/// <summary>Links between organisations: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class OrgLinkResource : ResourceDefinition<OrgLink, OrgLinkRequest>
{
    /// <summary>The collection: export section and CSV file.</summary>
    public const string Name = "orgLinks";

    public const string Segment = "org-links";

    public const string Route = "api/v1/" + Segment;

    // Enough for any real hierarchy; a walk that needs more is cut off rather than left to run.
    private const int MaxSteps = 10_000;
    private const int MaxParents = 1_000;

    // After every resource an end can be: the import checks the ends against records it has already read.
    public OrgLinkResource()
        : base(order: 6, singular: "organisation link", collection: Name, segment: Segment, table: "org_links")
    {
        // Each end is one of three resources, named by its type: one declared reference per resource and end, so that
        // a delete of any of them is refused while a link names it, and a restore of the link while an end is deleted.
        RefersTo<Department>(l => l.FromType == OrgType.Department ? l.FromId : (Guid?)null, "fromId", "'from' department", "organisation links from it");
        RefersTo<Bureau>(l => l.FromType == OrgType.Bureau ? l.FromId : (Guid?)null, "fromId", "'from' unit", "organisation links from it");
        RefersTo<Institution>(l => l.FromType == OrgType.Institution ? l.FromId : (Guid?)null, "fromId", "'from' institution", "organisation links from it");
        RefersTo<Department>(l => l.ToType == OrgType.Department ? l.ToId : (Guid?)null, "toId", "'to' department", "organisation links to it");
        RefersTo<Bureau>(l => l.ToType == OrgType.Bureau ? l.ToId : (Guid?)null, "toId", "'to' unit", "organisation links to it");
        RefersTo<Institution>(l => l.ToType == OrgType.Institution ? l.ToId : (Guid?)null, "toId", "'to' institution", "organisation links to it");
        Rule(NoPartOfCycleAsync);
    }

    public override Entity Example => Seeded(IldArticleSeed.OrgLinkId("caiu:established-by:ild"));

    public override Expression<Func<OrgLink, string>> Label => l => l.Kind.ToString() + " link " + l.Id.ToString();

    /// <summary>Links in date order, an unknown start last.</summary>
    public override IOrderedQueryable<OrgLink> InOrder(IQueryable<OrgLink> rows) => rows.OrderBy(l => l.Start == null).ThenBy(l => l.Start!.Lower).ThenBy(l => l.Id);

    public override Expression<Func<OrgLink, OrgLinkRequest>> ToRequest => l => new OrgLinkRequest
    {
        FromType = l.FromType,
        FromId = l.FromId,
        Kind = l.Kind,
        ToType = l.ToType,
        ToId = l.ToId,
        Start = l.Start,
        StartStatus = l.Start == null ? StartStatus.Unknown : StartStatus.Known,
        StartNotBefore = l.StartNotBefore,
        StartNotAfter = l.StartNotAfter,
        End = l.End,
        EndStatus = l.EndStatus,
        EndNotBefore = l.EndNotBefore,
        EndNotAfter = l.EndNotAfter,
        Note = l.Note,
        Sources = l.Sources,
    };

    public override void Apply(OrgLinkRequest request, OrgLink link)
    {
        link.FromType = request.FromType ?? default;
        link.FromId = request.FromId;
        link.Kind = request.Kind ?? default;
        link.ToType = request.ToType ?? default;
        link.ToId = request.ToId;
        link.Start = request.Start;
        link.StartNotBefore = request.StartNotBefore;
        link.StartNotAfter = request.StartNotAfter;
        link.End = request.End;
        link.EndStatus = request.EndStatus ?? (request.End is null ? EndStatus.Ongoing : EndStatus.Known);
        link.EndNotBefore = request.EndNotBefore;
        link.EndNotAfter = request.EndNotAfter;
        link.Note = request.Note;
        link.Sources = request.Sources;
    }

    /// <summary>
    /// The days on which a link may hold, whatever its sources attest: from the first day its start can be (the
    /// beginning of time when unknown) to the last its end can be (the end of time when unknown or ongoing).
    /// </summary>
    public static (DateOnly From, DateOnly To) Possible(OrgLink link)
    {
        var tenure = Tenure.Of(link.Span(), []);
        return (tenure.PossibleFrom, tenure.PossibleTo);
    }

    /// <summary>
    /// No organisation is part of itself, directly or not, on any date: following the PartOf links up from the new
    /// link's <c>to</c> end, over the days all of them may hold together, never reaches its <c>from</c> end. Dates are
    /// taken at their widest (an unknown start from the beginning, an unknown end to the present), so links that only
    /// may overlap count as overlapping.
    /// </summary>
    private async Task NoPartOfCycleAsync(OrgLink link, IRegistryView view, RuleErrors errors, RuleMode mode, CancellationToken ct)
    {
        if (link.Kind != OrgLinkKind.PartOf || link.FromId == link.ToId)
        {
            return;
        }

        var self = link.Id;
        var (from, to) = Possible(link);
        var walked = new Dictionary<Guid, List<(DateOnly From, DateOnly To)>>();
        var queue = new Queue<(Guid Id, DateOnly From, DateOnly To, Guid FirstLink)>();
        queue.Enqueue((link.ToId, from, to, Guid.Empty));
        for (var steps = 0; queue.Count > 0 && steps < MaxSteps; steps++)
        {
            var (id, lower, upper, first) = queue.Dequeue();
            var above = await view.FindAsync<OrgLink, OrgLink>(
                l => l.Kind == OrgLinkKind.PartOf && l.FromId == id && l.Id != self, l => l, MaxParents, includeDeleted: false, ct);
            foreach (var parent in above)
            {
                var (parentFrom, parentTo) = Possible(parent);
                var (together, until) = (Max(lower, parentFrom), Min(upper, parentTo));
                if (together > until)
                {
                    continue;
                }

                var via = first == Guid.Empty ? parent.Id : first;
                if (parent.ToId == link.FromId)
                {
                    var name = await NameAsync(view, link.ToType, link.ToId, ct);
                    errors.Invalid(
                        "toId",
                        $"That PartOf link would make a cycle: '{name}' is itself, directly or not, part of this link's 'from' end on dates from {Day(together)} to {Day(until)} " +
                        $"(through {view.Locate<OrgLink>(via)}), which this link's dates may cover. No organisation is part of itself on any date: change the dates or end the other link first.");
                    return;
                }

                var seen = walked.TryGetValue(parent.ToId, out var spans) ? spans : walked[parent.ToId] = [];
                if (!seen.Any(s => s.From <= together && s.To >= until))
                {
                    seen.Add((together, until));
                    queue.Enqueue((parent.ToId, together, until, via));
                }
            }
        }
    }

    /// <summary>The name of an end, for messages.</summary>
    internal static async Task<string> NameAsync(IRegistryView view, OrgType type, Guid id, CancellationToken ct) => type switch
    {
        OrgType.Department => await view.FirstOrDefaultAsync<Department, string>(d => d.Id == id, d => d.Name, ct),
        OrgType.Bureau => await view.FirstOrDefaultAsync<Bureau, string>(b => b.Id == id, b => b.Name, ct),
        _ => await view.FirstOrDefaultAsync<Institution, string>(i => i.Id == id, i => i.Name, ct),
    } ?? id.ToString();

    private static string Day(DateOnly day) =>
        day == DateOnly.MinValue ? "an unknown start" : day == DateOnly.MaxValue ? "the present" : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
