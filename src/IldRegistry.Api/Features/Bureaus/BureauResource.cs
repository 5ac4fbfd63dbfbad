using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;

namespace IldRegistry.Api.Features.Bureaus;

/// <summary>Bureaus: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class BureauResource : ResourceDefinition<Bureau, BureauRequest>
{
    /// <summary>The collection: route segment, table, export section.</summary>
    public const string Name = "bureaus";

    public const string Route = "api/v1/" + Name;

    public BureauResource()
        : base(order: 3, singular: "bureau", collection: Name)
    {
        RefersTo<Department>(b => b.DepartmentId, "departmentId", "department", "bureaus");
        RefersTo<Bureau>(b => b.ParentBureauId, "parentBureauId", "parent bureau", "child bureaus");
        Tree(b => b.ParentBureauId, "parentBureauId", scope: b => b.DepartmentId, scopeName: "department");
        Unique("name", self => b => b.DepartmentId == self.DepartmentId && b.Name == self.Name, self => $"The name '{self.Name}' among the department's bureaus");
        Unique(
            "number",
            self => b => b.DepartmentId == self.DepartmentId && b.Number == self.Number,
            self => $"The number {self.Number} in this department",
            when: b => b.Number is not null,
            conflict: false);
    }

    public override Entity Example => Seeded(IldArticleSeed.BureauId("first-asia-bureau"));

    public override SearchColumns Search => new("Bureau", "name", "alternate_name", "region");

    public override Expression<Func<Bureau, string>> Label => b => b.Name;

    /// <summary>The department's own order of its units.</summary>
    public override IOrderedQueryable<Bureau> InOrder(IQueryable<Bureau> rows) => rows.OrderBy(b => b.SortOrder).ThenBy(b => b.Id);

    public override Expression<Func<Bureau, BureauRequest>> ToRequest => b => new BureauRequest
    {
        DepartmentId = b.DepartmentId,
        Name = b.Name,
        AlternateName = b.AlternateName,
        Kind = b.Kind,
        Number = b.Number,
        Region = b.Region,
        ParentBureauId = b.ParentBureauId,
        SortOrder = b.SortOrder,
        Established = b.Established,
        EstablishedStatus = b.Established == null ? StartStatus.Unknown : StartStatus.Known,
        EstablishedNotBefore = b.EstablishedNotBefore,
        EstablishedNotAfter = b.EstablishedNotAfter,
        Dissolved = b.Dissolved,
        DissolvedStatus = b.DissolvedStatus,
        DissolvedNotBefore = b.DissolvedNotBefore,
        DissolvedNotAfter = b.DissolvedNotAfter,
        Sources = b.Sources,
    };

    public override void Apply(BureauRequest request, Bureau bureau)
    {
        bureau.DepartmentId = request.DepartmentId;
        bureau.Name = request.Name;
        bureau.AlternateName = request.AlternateName;
        bureau.Kind = request.Kind!.Value;
        bureau.Number = request.Number;
        bureau.Region = request.Region;
        bureau.ParentBureauId = request.ParentBureauId;
        bureau.SortOrder = request.SortOrder;
        request.ApplyExistence(bureau);
        bureau.Sources = request.Sources;
    }
}
