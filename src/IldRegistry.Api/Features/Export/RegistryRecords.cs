using System.Linq.Expressions;
using IldRegistry.Api.Features.Bureaus;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Api.Features.Events;
using IldRegistry.Api.Features.Institutions;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.People;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;

namespace IldRegistry.Api.Features.Export;

/// <summary>
/// Records in the shape of their resources' requests: the projections the export streams and the import compares
/// with (compiled). The import writes them with the services' own Apply methods.
/// </summary>
internal static class RegistryRecords
{
    public static readonly Expression<Func<Department, ExportRecord<DepartmentRequest>>> FromDepartment = d => new ExportRecord<DepartmentRequest>(d.Id, new DepartmentRequest
    {
        Slug = d.Slug,
        Name = d.Name,
        ShortName = d.ShortName,
        NativeName = d.NativeName,
        RomanizedName = d.RomanizedName,
        OtherNames = d.OtherNames,
        Identifiers = d.Identifiers,
        Jurisdiction = d.Jurisdiction,
        AgencyType = d.AgencyType,
        Headquarters = d.Headquarters,
        ParentId = d.ParentId,
        Established = d.Established,
        Dissolved = d.Dissolved,
        Summary = d.Summary,
        Functions = d.Functions,
        Logo = d.Logo,
        LogoCaption = d.LogoCaption,
        Sources = d.Sources,
    });

    public static readonly Expression<Func<Person, ExportRecord<PersonRequest>>> FromPerson = p => new ExportRecord<PersonRequest>(p.Id, new PersonRequest
    {
        Name = p.Name,
        NativeName = p.NativeName,
        RomanizedName = p.RomanizedName,
        OtherNames = p.OtherNames,
        Identifiers = p.Identifiers,
        Notes = p.Notes,
        Sources = p.Sources,
    });

    public static readonly Expression<Func<Leader, ExportRecord<LeaderRequest>>> FromLeader = l => new ExportRecord<LeaderRequest>(l.Id, new LeaderRequest
    {
        DepartmentId = l.DepartmentId,
        PersonId = l.PersonId,
        Title = l.Title,
        Rank = l.Rank,
        Start = l.Start,
        End = l.End,
        Sources = l.Sources,
    });

    public static readonly Expression<Func<Bureau, ExportRecord<BureauRequest>>> FromBureau = b => new ExportRecord<BureauRequest>(b.Id, new BureauRequest
    {
        DepartmentId = b.DepartmentId,
        Name = b.Name,
        AlternateName = b.AlternateName,
        Kind = b.Kind,
        Number = b.Number,
        Region = b.Region,
        ParentBureauId = b.ParentBureauId,
        SortOrder = b.SortOrder,
        Sources = b.Sources,
    });

    public static readonly Expression<Func<Institution, ExportRecord<InstitutionRequest>>> FromInstitution = i => new ExportRecord<InstitutionRequest>(i.Id, new InstitutionRequest
    {
        DepartmentId = i.DepartmentId,
        Name = i.Name,
        NativeName = i.NativeName,
        OtherNames = i.OtherNames,
        Identifiers = i.Identifiers,
        Kind = i.Kind,
        Established = i.Established,
        Location = i.Location,
        Summary = i.Summary,
        Website = i.Website,
        Sources = i.Sources,
    });

    public static readonly Expression<Func<HistoricalEvent, ExportRecord<EventRequest>>> FromEvent = e => new ExportRecord<EventRequest>(e.Id, new EventRequest
    {
        DepartmentId = e.DepartmentId,
        Date = e.Date,
        EndDate = e.EndDate,
        Title = e.Title,
        Description = e.Description,
        Kind = e.Kind,
        InstitutionIds = e.InstitutionIds,
        PersonIds = e.PersonIds,
        Sources = e.Sources,
    });

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
