using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.People;

namespace IldRegistry.Api.Features.People;

/// <summary>People: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class PersonResource : ResourceDefinition<Person, PersonRequest>
{
    /// <summary>The collection: route segment, table, export section.</summary>
    public const string Name = "people";

    public const string Route = "api/v1/" + Name;

    public PersonResource()
        : base(order: 1, singular: "person", collection: Name)
    {
    }

    public override Entity Example => Seeded(IldArticleSeed.PersonId("lu-kang"));

    public override SearchColumns Search => new("Person", "name", "native_name", "notes");

    public override Expression<Func<Person, string>> Label => p => p.Name;

    public override Expression<Func<Person, PersonRequest>> ToRequest => p => new PersonRequest
    {
        Name = p.Name,
        NativeName = p.NativeName,
        RomanizedName = p.RomanizedName,
        OtherNames = p.OtherNames,
        Identifiers = p.Identifiers,
        Notes = p.Notes,
        Born = p.Born,
        BornStatus = p.Born == null ? StartStatus.Unknown : StartStatus.Known,
        DiedStatus = p.Died == null ? StartStatus.Unknown : StartStatus.Known,
        BornNotBefore = p.BornNotBefore,
        BornNotAfter = p.BornNotAfter,
        Died = p.Died,
        DiedNotBefore = p.DiedNotBefore,
        DiedNotAfter = p.DiedNotAfter,
        Sources = p.Sources,
    };

    public override void Apply(PersonRequest request, Person person)
    {
        person.Name = request.Name;
        person.NativeName = request.NativeName;
        person.RomanizedName = request.RomanizedName;
        person.OtherNames = request.OtherNames;
        person.Identifiers = request.Identifiers;
        person.Notes = request.Notes;
        person.Born = request.Born;
        person.BornNotBefore = request.BornNotBefore;
        person.BornNotAfter = request.BornNotAfter;
        person.Died = request.Died;
        person.DiedNotBefore = request.DiedNotBefore;
        person.DiedNotAfter = request.DiedNotAfter;
        person.Sources = request.Sources;
    }
}
