using System.Linq.Expressions;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IldRegistry.Api.Features.Events;

public sealed class EventService(RegistryDbContext db, TimeProvider clock, TotalCounts totals)
    : ResourceService<HistoricalEvent, EventRequest, EventResponse>(db, clock, totals)
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

    /// <summary>
    /// Resolves the linked institutions and people of a whole page and reads the page's sources (see
    /// <see cref="JsonColumns"/>) in one round trip, however many events it holds.
    /// Ids of deleted records stay in the id lists but get no reference.
    /// </summary>
    protected override async Task<IReadOnlyList<EventResponse>> CompleteAsync(IReadOnlyList<EventResponse> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return items;
        }

        var institutionIds = items.SelectMany(e => e.InstitutionIds).Distinct().ToArray();
        var personIds = items.SelectMany(e => e.PersonIds).Distinct().ToArray();
        var linked = institutionIds.Length + personIds.Length > 0;
        List<SqlBatch.Statement> statements = [JsonColumns.Statement("events", named: false, [.. items.Select(e => e.Id)])];
        if (linked)
        {
            // Rows by primary key, like the jsonb columns: the generic plan.
            statements.Add(new SqlBatch.Statement(
                LinkedNamesSql, new NpgsqlParameter<Guid[]>("institutions", institutionIds), new NpgsqlParameter<Guid[]>("people", personIds)) { GenericPlan = true });
        }

        var (json, names) = await SqlBatch.ReadAsync(
            Db,
            statements,
            async (reader, token) => (
                await JsonColumns.ReadAsync(reader, token),
                linked ? await SqlBatch.RowsAsync(reader, r => new LinkedName { Person = r.GetBoolean(0), Id = r.GetGuid(1), Name = r.GetString(2) }, token) : []),
            ct);
        var institutions = names.Where(n => !n.Person).ToDictionary(n => n.Id, n => n.Name);
        var people = names.Where(n => n.Person).ToDictionary(n => n.Id, n => n.Name);

        return [.. items.Select(e => e with
        {
            Institutions = Resolve(e.InstitutionIds, institutions),
            People = Resolve(e.PersonIds, people),
            Sources = json[e.Id].ReadSources(),
            Claims = json[e.Id].ReadClaims(),
        })];
    }

    // The live institutions and people a page links to, in one query (two cost a round trip each on every page).
    private const string LinkedNamesSql = """
        SELECT false AS person, i.id, i.name FROM institutions i WHERE i.id = ANY(@institutions) AND i.deleted_at IS NULL
        UNION ALL
        SELECT true AS person, p.id, p.name FROM people p WHERE p.id = ANY(@people) AND p.deleted_at IS NULL
        """;

    /// <summary>One row of <see cref="LinkedNamesSql"/>.</summary>
    internal sealed class LinkedName
    {
        public bool Person { get; init; }

        public Guid Id { get; init; }

        public required string Name { get; init; }
    }

    private static List<EventLinkRef> Resolve(IReadOnlyList<Guid> ids, Dictionary<Guid, string> names) =>
        [.. ids.Where(names.ContainsKey).Select(id => new EventLinkRef(id, names[id]))];

}
