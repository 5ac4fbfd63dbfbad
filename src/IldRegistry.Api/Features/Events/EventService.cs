using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Features.Events;

public sealed class EventService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<HistoricalEvent, EventResponse>(db, clock, totals)
{
    // A date sorts by its interval: start, then end, so "1981" comes before "1981-06".
    private static readonly SortMap<HistoricalEvent> Sorts = new SortMap<HistoricalEvent>("date")
        .Add("date", e => e.Date.Lower, e => e.Date.Upper)
        .Add("title", e => e.Title)
        .Add("kind", e => e.Kind, keyset: false)
        .Add("createdAt", e => e.CreatedAt)
        .Add("updatedAt", e => e.UpdatedAt);

    // Scalars only (see JsonColumns): the links and sources are filled in afterwards for the whole page at once
    // (see CompleteAsync).
    private static readonly Expression<Func<HistoricalEvent, EventResponse>> ToResponse = e => new EventResponse
    {
        Id = e.Id,
        Department = new DepartmentRef(e.Department!.Id, e.Department.Slug, e.Department.Name),
        Date = PartialDate.FromStored(e.Date.Text)!,
        EndDate = PartialDate.FromStored(e.EndDate!.Text),
        Title = e.Title,
        Description = e.Description,
        Kind = e.Kind,
        InstitutionIds = e.InstitutionIds,
        Institutions = Array.Empty<EventLinkRef>(),
        PersonIds = e.PersonIds,
        People = Array.Empty<EventLinkRef>(),
        Sources = Array.Empty<Source>(),
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
        Version = e.Version,
    };

    protected override string ResourceName => "event";

    protected override string CollectionPath => "/api/v1/events";

    public async Task<PagedResult<EventResponse>> ListAsync(EventListQuery query, PageQuery paging, CancellationToken ct)
    {
        var events = Db.Events.AsNoTracking();
        events = events.InDepartment(query.DepartmentId, query.Department);

        if (query.Kind is { } kind)
        {
            events = events.Where(e => e.Kind == kind);
        }

        if (query.InstitutionId is { } institutionId)
        {
            events = events.Where(e => e.InstitutionIds.Contains(institutionId));
        }

        if (query.PersonId is { } personId)
        {
            events = events.Where(e => e.PersonIds.Contains(personId));
        }

        // The validator has checked both parse. An event matches when its interval overlaps [from, to].
        if (PartialDate.TryParse(query.From, out var from))
        {
            var lower = from.Lower;
            events = events.Where(e => (e.EndDate == null ? e.Date.Upper : e.EndDate.Upper) >= lower);
        }

        if (PartialDate.TryParse(query.To, out var to))
        {
            var upper = to.Upper;
            events = events.Where(e => e.Date.Lower <= upper);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            events = events.Where(e =>
                EF.Functions.ILike(e.Title, pattern)
                || (e.Description != null && EF.Functions.ILike(e.Description, pattern)));
        }

        var page = await PageAsync(events, query with { Sort = null }, Sorts, query.Sort, paging, ToResponse, ct);
        return page with { Items = await CompleteAsync(page.Items, ct) };
    }

    public override Task<EventResponse> GetAsync(Guid id, CancellationToken ct) => GetOneAsync(ToResponse, id, ct);

    public async Task<EventResponse> CreateAsync(EventRequest request, CancellationToken ct)
    {
        await EnsureReferencesAsync(request, ct);
        var historicalEvent = new HistoricalEvent();
        Apply(request, historicalEvent);
        Db.Events.Add(historicalEvent);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(historicalEvent.Id, ct);
    }

    /// <summary>Full replace. <paramref name="ifMatch"/> is the version the client last read, when it sent one.</summary>
    public async Task<EventResponse> ReplaceAsync(Guid id, EventRequest request, uint? ifMatch, CancellationToken ct)
    {
        var historicalEvent = await LoadForWriteAsync(id, ifMatch, ct);
        await EnsureReferencesAsync(request, ct);
        Apply(request, historicalEvent);
        await Db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    protected override async Task EnsureRestorableAsync(HistoricalEvent entity, CancellationToken ct)
    {
        if (!await Db.Departments.AnyAsync(d => d.Id == entity.DepartmentId, ct))
        {
            throw new ConflictException("The event's department is deleted: restore the department first.", "departmentId");
        }
    }

    /// <summary>
    /// Resolves the linked institutions and people of a whole page with one query each, however many events it holds,
    /// and reads the page's sources with one more (see <see cref="JsonColumns"/>).
    /// Ids of deleted records stay in the id lists but get no reference.
    /// </summary>
    protected override async Task<IReadOnlyList<EventResponse>> CompleteAsync(IReadOnlyList<EventResponse> items, CancellationToken ct)
    {
        var institutionIds = items.SelectMany(e => e.InstitutionIds).Distinct().ToList();
        var personIds = items.SelectMany(e => e.PersonIds).Distinct().ToList();
        var institutions = institutionIds.Count == 0
            ? []
            : await Db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).Select(i => new { i.Id, i.Name }).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var people = personIds.Count == 0
            ? []
            : await Db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var json = await JsonColumns.LoadAsync(Db, "events", named: false, [.. items.Select(e => e.Id)], ct);

        return [.. items.Select(e => e with
        {
            Institutions = Resolve(e.InstitutionIds, institutions),
            People = Resolve(e.PersonIds, people),
            Sources = json[e.Id].ReadSources(),
        })];
    }

    private static List<EventLinkRef> Resolve(IReadOnlyList<Guid> ids, Dictionary<Guid, string> names) =>
        [.. ids.Where(names.ContainsKey).Select(id => new EventLinkRef(id, names[id]))];

    private async Task EnsureReferencesAsync(EventRequest request, CancellationToken ct)
    {
        await EnsureExistsAsync<Domain.Departments.Department>(request.DepartmentId, "departmentId", "department", ct);
        await EnsureAllExistAsync(Db.Institutions, request.InstitutionIds, "institutionIds", "institution", ct);
        await EnsureAllExistAsync(Db.People, request.PersonIds, "personIds", "person", ct);
    }

    /// <summary>One query for the whole list; 400 on the first id that is missing or deleted, keyed by its index.</summary>
    private static async Task EnsureAllExistAsync<TOther>(IQueryable<TOther> live, List<Guid> ids, string field, string what, CancellationToken ct)
        where TOther : Entity
    {
        if (ids.Count == 0)
        {
            return;
        }

        var found = (await live.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var missing = ids.FindIndex(id => !found.Contains(id));
        if (missing >= 0)
        {
            throw new FieldValidationException($"{field}[{missing}]", $"No {what} '{ids[missing]}' exists (or it was deleted).");
        }
    }

    /// <summary>Copies a request onto the record: the one mapping that create, replace and import share.</summary>
    internal static void Apply(EventRequest request, HistoricalEvent historicalEvent)
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
