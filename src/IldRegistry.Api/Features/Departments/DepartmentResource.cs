using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;

namespace IldRegistry.Api.Features.Departments;

/// <summary>Departments: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class DepartmentResource : ResourceDefinition<Department, DepartmentRequest>
{
    /// <summary>The collection: route segment, table, export section.</summary>
    public const string Name = "departments";

    public const string Route = "api/v1/" + Name;

    public DepartmentResource()
        : base(order: 0, singular: "department", collection: Name)
    {
        RefersTo<Department>(d => d.ParentId, "parentId", "parent", "child departments");
        Tree(d => d.ParentId, "parentId");

        // Deleted records keep their slug: a restore must not collide.
        Unique("slug", self => d => d.Slug == self.Slug, self => $"The slug '{self.Slug}'", includeDeleted: true);
        // Compared as the unique index on lower(name) compares; a deleted department frees its name.
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); the same comparison runs in memory during an import.
        Unique("name", self => d => d.Name.ToLower() == self.Name.ToLower(), self => $"The name '{self.Name}' (compared ignoring case)");
#pragma warning restore CA1304, CA1311, CA1862
    }

    public override Entity Example => Seeded(IldArticleSeed.IldId);

    public override SearchColumns Search => new("Department", "name", "short_name", "summary");

    public override Expression<Func<Department, string>> Label => d => d.Slug;

    public override Expression<Func<Department, DepartmentRequest>> ToRequest => d => new DepartmentRequest
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
        EstablishedStatus = d.Established == null ? StartStatus.Unknown : StartStatus.Known,
        EstablishedNotBefore = d.EstablishedNotBefore,
        EstablishedNotAfter = d.EstablishedNotAfter,
        Dissolved = d.Dissolved,
        DissolvedStatus = d.DissolvedStatus,
        DissolvedNotBefore = d.DissolvedNotBefore,
        DissolvedNotAfter = d.DissolvedNotAfter,
        Summary = d.Summary,
        OfficeCount = d.OfficeCount,
        Functions = d.Functions,
        Logo = d.Logo,
        LogoCaption = d.LogoCaption,
        Sources = d.Sources,
    };

    public override void Apply(DepartmentRequest request, Department department)
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
        request.ApplyExistence(department);
        department.Summary = request.Summary;
        department.OfficeCount = request.OfficeCount;
        department.Functions = request.Functions;
        department.Logo = request.Logo;
        department.LogoCaption = request.LogoCaption;
        department.Sources = request.Sources;
    }
}
