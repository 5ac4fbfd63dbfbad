using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.People;

namespace IldRegistry.Api.Features.Events;

/// <summary>Historical events: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class EventResource : ResourceDefinition<HistoricalEvent, EventRequest>
{
    /// <summary>The collection: route segment, table, export section.</summary>
    public const string Name = "events";

    public const string Route = "api/v1/" + Name;

    public EventResource()
        : base(order: 5, singular: "event", collection: Name)
    {
        RefersTo<Department>(e => e.DepartmentId, "departmentId", "department", "events");
        RefersToEach<Institution>(e => e.InstitutionIds, "institutionIds", "institution", "events");
        RefersToEach<Person>(e => e.PersonIds, "personIds", "person", "events");
    }

    public override Entity Example => Seeded(IldArticleSeed.EventId("caiu-1981"));

    public override SearchColumns Search => new("Event", "title", null, "description");

    public override Expression<Func<HistoricalEvent, string>> Label => e => e.Title;

    public override Expression<Func<HistoricalEvent, EventRequest>> ToRequest => e => new EventRequest
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
    };

    public override void Apply(EventRequest request, HistoricalEvent historicalEvent)
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
}
