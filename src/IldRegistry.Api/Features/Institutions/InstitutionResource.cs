using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Institutions;

namespace IldRegistry.Api.Features.Institutions;

/// <summary>Institutions: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class InstitutionResource : ResourceDefinition<Institution, InstitutionRequest>
{
    /// <summary>The collection: route segment, table, export section.</summary>
    public const string Name = "institutions";

    public const string Route = "api/v1/" + Name;

    public InstitutionResource()
        : base(order: 4, singular: "institution", collection: Name)
    {
        RefersTo<Department>(i => i.DepartmentId, "departmentId", "department", "institutions");
        Unique("name", self => i => i.DepartmentId == self.DepartmentId && i.Name == self.Name, self => $"The name '{self.Name}' among the department's institutions");
    }

    public override Entity Example => Seeded(IldArticleSeed.InstitutionId("caiu"));

    public override SearchColumns Search => new("Institution", "name", null, "summary");

    public override Expression<Func<Institution, string>> Label => i => i.Name;

    public override Expression<Func<Institution, InstitutionRequest>> ToRequest => i => new InstitutionRequest
    {
        DepartmentId = i.DepartmentId,
        Name = i.Name,
        NativeName = i.NativeName,
        OtherNames = i.OtherNames,
        Identifiers = i.Identifiers,
        Kind = i.Kind,
        Established = i.Established,
        EstablishedStatus = i.Established == null ? StartStatus.Unknown : StartStatus.Known,
        EstablishedNotBefore = i.EstablishedNotBefore,
        EstablishedNotAfter = i.EstablishedNotAfter,
        Dissolved = i.Dissolved,
        DissolvedStatus = i.DissolvedStatus,
        DissolvedNotBefore = i.DissolvedNotBefore,
        DissolvedNotAfter = i.DissolvedNotAfter,
        Location = i.Location,
        Summary = i.Summary,
        Website = i.Website,
        Sources = i.Sources,
    };

    public override void Apply(InstitutionRequest request, Institution institution)
    {
        institution.DepartmentId = request.DepartmentId!.Value;
        institution.Name = request.Name;
        institution.NativeName = request.NativeName;
        institution.OtherNames = request.OtherNames;
        institution.Identifiers = request.Identifiers;
        institution.Kind = request.Kind!.Value;
        request.ApplyExistence(institution);
        institution.Location = request.Location;
        institution.Summary = request.Summary;
        institution.Website = request.Website;
        institution.Sources = request.Sources;
    }
}
