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
/// Records in the shape of their resources' requests, both ways: the projections the export streams (and the import
/// compares with, compiled), and the writes the import applies. They mirror the services' own Apply methods.
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

    public static void Apply(DepartmentRequest request, Department department)
    {
        department.Slug = request.Slug;
        department.Name = request.Name;
        department.ShortName = request.ShortName;
        department.NativeName = request.NativeName;
        department.RomanizedName = request.RomanizedName;
        department.OtherNames = request.OtherNames;
        department.Identifiers = request.Identifiers;
        department.Jurisdiction = request.Jurisdiction;
        department.AgencyType = request.AgencyType;
        department.Headquarters = request.Headquarters;
        department.ParentId = request.ParentId;
        department.Established = request.Established;
        department.Dissolved = request.Dissolved;
        department.Summary = request.Summary;
        department.Functions = request.Functions;
        department.Logo = request.Logo;
        department.LogoCaption = request.LogoCaption;
        department.Sources = request.Sources;
    }

    public static void Apply(PersonRequest request, Person person)
    {
        person.Name = request.Name;
        person.NativeName = request.NativeName;
        person.RomanizedName = request.RomanizedName;
        person.OtherNames = request.OtherNames;
        person.Identifiers = request.Identifiers;
        person.Notes = request.Notes;
        person.Sources = request.Sources;
    }

    public static void Apply(LeaderRequest request, Leader leader)
    {
        leader.DepartmentId = request.DepartmentId;
        leader.PersonId = request.PersonId;
        leader.Title = request.Title;
        leader.Rank = request.Rank;
        leader.Start = request.Start;
        leader.End = request.End;
        leader.Sources = request.Sources;
    }

    public static void Apply(BureauRequest request, Bureau bureau)
    {
        bureau.DepartmentId = request.DepartmentId;
        bureau.Name = request.Name;
        bureau.AlternateName = request.AlternateName;
        bureau.Kind = request.Kind!.Value;
        bureau.Number = request.Number;
        bureau.Region = request.Region;
        bureau.ParentBureauId = request.ParentBureauId;
        bureau.SortOrder = request.SortOrder;
        bureau.Sources = request.Sources;
    }

    public static void Apply(InstitutionRequest request, Institution institution)
    {
        institution.DepartmentId = request.DepartmentId!.Value;
        institution.Name = request.Name;
        institution.NativeName = request.NativeName;
        institution.OtherNames = request.OtherNames;
        institution.Identifiers = request.Identifiers;
        institution.Kind = request.Kind!.Value;
        institution.Established = request.Established;
        institution.Location = request.Location;
        institution.Summary = request.Summary;
        institution.Website = request.Website;
        institution.Sources = request.Sources;
    }

    public static void Apply(EventRequest request, HistoricalEvent historicalEvent)
    {
        historicalEvent.DepartmentId = request.DepartmentId;
        historicalEvent.Date = request.Date!;
        historicalEvent.EndDate = request.EndDate;
        historicalEvent.Title = request.Title;
        historicalEvent.Description = request.Description;
        historicalEvent.Kind = request.Kind!.Value;
        historicalEvent.InstitutionIds = request.InstitutionIds;
        historicalEvent.PersonIds = request.PersonIds;
        historicalEvent.Sources = request.Sources;
    }

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
