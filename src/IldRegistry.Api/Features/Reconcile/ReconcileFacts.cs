using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Leaders;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Reconcile;

/// <summary>A record as the reconciliation service sees it: its names, department, posts and sources.</summary>
public sealed record ReconcileEntity(
    Guid Id,
    ReconcileType Type,
    string Name,
    string? NativeName,
    IReadOnlyList<OtherName> OtherNames,
    IReadOnlySet<string> Names,
    Guid? DepartmentId,
    IReadOnlyList<ReconcilePost> Posts,
    IReadOnlyList<Source> Sources,
    string? Kind = null,
    Guid? ParentId = null,
    string? Established = null,
    string? ParentName = null)
{
    /// <summary>A line that tells namesakes apart: a person's posts, a unit's department.</summary>
    public string Description(IReadOnlyDictionary<Guid, ReconcileDepartment> departments)
    {
        var department = DepartmentId is { } id && departments.TryGetValue(id, out var d) ? d.Name : null;
        return Type.Id switch
        {
            ReconcileCatalog.Person when Posts.Count > 0 => string.Join("; ", Posts.Take(3).Select(p => p.Describe(departments))),
            ReconcileCatalog.Department => string.Join(", ", new[] { NativeName, department is null ? null : $"under {department}" }.OfType<string>()),
            _ => string.Join(", ", new[] { Kind, NativeName, department }.OfType<string>()),
        };
    }
}

/// <summary>A post a person held, with what is known of when.</summary>
public sealed record ReconcilePost(Guid DepartmentId, string Title, PartialDate? Start, PartialDate? End, EndStatus EndStatus, Tenure Tenure)
{
    public string StartText => Start?.Text ?? "unknown";

    public string EndText => EndStatus switch
    {
        EndStatus.Known when End is not null => End.Text,
        EndStatus.Ongoing => "ongoing",
        _ => "unknown",
    };

    public string Describe(IReadOnlyDictionary<Guid, ReconcileDepartment> departments) =>
        $"{Title}, {(departments.TryGetValue(DepartmentId, out var d) ? d.Name : "?")}, {StartText} – {EndText}";
}

/// <summary>A department and the names a query may give it by.</summary>
public sealed record ReconcileDepartment(Guid Id, string Name, IReadOnlySet<string> Names);

/// <summary>Reads what the scoring, the extension and the preview need about candidates, a few queries per batch.</summary>
public sealed class ReconcileFacts(RegistryDbContext db)
{
    private IReadOnlyDictionary<Guid, ReconcileDepartment>? _departments;

    /// <summary>Every live department with its names (few: a registry has a department per party, not millions).</summary>
    public async Task<IReadOnlyDictionary<Guid, ReconcileDepartment>> DepartmentsAsync(CancellationToken ct)
    {
        if (_departments is null)
        {
            var rows = await db.Departments.AsNoTracking()
                .Select(d => new { d.Id, d.Slug, d.Name, d.ShortName, d.NativeName, d.RomanizedName, d.OtherNames })
                .ToListAsync(ct);
            _departments = rows.ToDictionary(
                d => d.Id,
                d => new ReconcileDepartment(d.Id, d.Name, NamesOf([d.Slug, d.Name, d.ShortName, d.NativeName, d.RomanizedName, d.Id.ToString()], d.OtherNames)));
        }

        return _departments;
    }

    /// <summary>The people holding a post that matches the query's post conditions (department, title), for a query without a name.</summary>
    public async Task<List<Guid>> PeopleWithPostsAsync(IReadOnlyList<PropertyCondition> conditions, CancellationToken ct)
    {
        var departments = await DepartmentsAsync(ct);
        var posts = db.Leaders.AsNoTracking();
        if (conditions.FirstOrDefault(c => c.Property.Id == "department") is { } department)
        {
            var ids = departments.Values
                .Where(d => department.Values.Any(v => v.Id == d.Id || d.Names.Contains(ReconcileCatalog.Normalize(v.Text))))
                .Select(d => d.Id).ToList();
            posts = posts.Where(l => ids.Contains(l.DepartmentId));
        }

        if (conditions.FirstOrDefault(c => c.Property.Id == "title") is { } title)
        {
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper().
            var titles = title.Values.Select(v => v.Text.ToUpperInvariant()).ToList();
            posts = posts.Where(l => titles.Contains(l.Title.ToUpper()));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return await posts.Select(l => l.PersonId).Distinct().Take(100).ToListAsync(ct);
    }

    /// <summary>The live records among <paramref name="ids"/>, by id.</summary>
    public async Task<Dictionary<Guid, ReconcileEntity>> EntitiesAsync(IEnumerable<(Guid Id, ReconcileType Type)> ids, CancellationToken ct)
    {
        var byType = ids.GroupBy(i => i.Type.Id).ToDictionary(g => g.Key, g => g.Select(i => i.Id).Distinct().ToList());
        var found = new Dictionary<Guid, ReconcileEntity>();
        if (byType.TryGetValue(ReconcileCatalog.Person, out var people))
        {
            var posts = (await db.Leaders.AsNoTracking().Where(l => people.Contains(l.PersonId)).ToListAsync(ct))
                .OrderBy(l => l.Start?.Lower ?? DateOnly.MaxValue).ThenBy(l => l.Rank)
                .ToLookup(l => l.PersonId, Post);
            foreach (var p in await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToListAsync(ct))
            {
                found[p.Id] = new ReconcileEntity(
                    p.Id, Type(ReconcileCatalog.Person), p.Name, p.NativeName, p.OtherNames, NamesOf([p.Name, p.NativeName, p.RomanizedName], p.OtherNames),
                    posts[p.Id].FirstOrDefault()?.DepartmentId, [.. posts[p.Id]], p.Sources);
            }
        }

        if (byType.TryGetValue(ReconcileCatalog.Department, out var departments))
        {
            foreach (var d in await db.Departments.AsNoTracking().Where(d => departments.Contains(d.Id)).ToListAsync(ct))
            {
                found[d.Id] = new ReconcileEntity(
                    d.Id, Type(ReconcileCatalog.Department), d.Name, d.NativeName, d.OtherNames, NamesOf([d.Name, d.ShortName, d.NativeName, d.RomanizedName, d.Slug], d.OtherNames),
                    d.ParentId, [], d.Sources, d.AgencyType, Established: d.Established?.Text);
            }
        }

        if (byType.TryGetValue(ReconcileCatalog.Bureau, out var bureaus))
        {
            var parents = await db.Bureaus.AsNoTracking().Where(b => bureaus.Contains(b.Id) && b.ParentBureauId != null)
                .Select(b => new { b.Id, b.ParentBureau!.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
            foreach (var b in await db.Bureaus.AsNoTracking().Where(b => bureaus.Contains(b.Id)).ToListAsync(ct))
            {
                found[b.Id] = new ReconcileEntity(
                    b.Id, Type(ReconcileCatalog.Bureau), b.Name, null, [], NamesOf([b.Name, b.AlternateName], []),
                    b.DepartmentId, [], b.Sources, b.Kind.ToString(), b.ParentBureauId, ParentName: parents.GetValueOrDefault(b.Id));
            }
        }

        if (byType.TryGetValue(ReconcileCatalog.Institution, out var institutions))
        {
            foreach (var i in await db.Institutions.AsNoTracking().Where(i => institutions.Contains(i.Id)).ToListAsync(ct))
            {
                found[i.Id] = new ReconcileEntity(
                    i.Id, Type(ReconcileCatalog.Institution), i.Name, i.NativeName, i.OtherNames, NamesOf([i.Name, i.NativeName], i.OtherNames),
                    i.DepartmentId, [], i.Sources, i.Kind.ToString(), Established: i.Established?.Text);
            }
        }

        // Citations as reads show them: with their source records' titles and addresses.
        var sources = await Api.Common.Resources.Citations.SourcesAsync(db, ct);
        foreach (var (id, entity) in found.ToList())
        {
            found[id] = entity with { Sources = Api.Common.Resources.Citations.Cited(entity.Sources, sources) };
        }

        return found;
    }

    /// <summary>The live records with these ids, whatever their type (the extension and the preview get bare ids).</summary>
    public async Task<Dictionary<Guid, ReconcileEntity>> EntitiesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var typed = new List<(Guid, ReconcileType)>();
        typed.AddRange((await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).Select(id => (id, Type(ReconcileCatalog.Person))));
        typed.AddRange((await db.Departments.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).Select(id => (id, Type(ReconcileCatalog.Department))));
        typed.AddRange((await db.Bureaus.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).Select(id => (id, Type(ReconcileCatalog.Bureau))));
        typed.AddRange((await db.Institutions.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).Select(id => (id, Type(ReconcileCatalog.Institution))));
        return await EntitiesAsync(typed, ct);
    }

    private static ReconcilePost Post(Leader l) => new(
        l.DepartmentId, l.Title, l.Start, l.End, l.EndStatus,
        Tenure.Of(l.Start, l.StartNotBefore, l.StartNotAfter, l.End, l.EndStatus, l.EndNotBefore, l.EndNotAfter, l.Sources));

    private static ReconcileType Type(string id) => ReconcileCatalog.Type(id)!;

    private static HashSet<string> NamesOf(IEnumerable<string?> names, IEnumerable<OtherName> others) =>
        [.. names.Concat(others.Select(o => o.Name)).Select(ReconcileCatalog.Normalize).Where(n => n.Length > 0)];
}
