using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using IldRegistry.Api.Common;
using IldRegistry.Api.Features.Bureaus;
using IldRegistry.Api.Features.Departments;
using IldRegistry.Api.Features.Events;
using IldRegistry.Api.Features.Export;
using IldRegistry.Api.Features.Institutions;
using IldRegistry.Api.Features.Leaders;
using IldRegistry.Api.Features.People;
using IldRegistry.Data;
using IldRegistry.Domain.Bureaus;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Departments;
using IldRegistry.Domain.Events;
using IldRegistry.Domain.Institutions;
using IldRegistry.Domain.Leaders;
using IldRegistry.Domain.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Features.Import;

/// <summary>
/// Reads an export document back: every item through its resource's validator, then every reference and uniqueness
/// rule against the registry as it would be after the import; only when nothing is wrong are the records upserted by id,
/// all in one transaction.
/// </summary>
public sealed class ImportService(RegistryDbContext db, IServiceProvider services, IOptions<JsonOptions> jsonOptions)
{
    private const int DepartmentSlot = 0, PersonSlot = 1, LeaderSlot = 2, BureauSlot = 3, InstitutionSlot = 4, EventSlot = 5;

    private static readonly Func<Department, ExportRecord<DepartmentRequest>> DepartmentRecord = RegistryRecords.FromDepartment.Compile();
    private static readonly Func<Person, ExportRecord<PersonRequest>> PersonRecord = RegistryRecords.FromPerson.Compile();
    private static readonly Func<Leader, ExportRecord<LeaderRequest>> LeaderRecord = RegistryRecords.FromLeader.Compile();
    private static readonly Func<Bureau, ExportRecord<BureauRequest>> BureauRecord = RegistryRecords.FromBureau.Compile();
    private static readonly Func<Institution, ExportRecord<InstitutionRequest>> InstitutionRecord = RegistryRecords.FromInstitution.Compile();
    private static readonly Func<HistoricalEvent, ExportRecord<EventRequest>> EventRecord = RegistryRecords.FromEvent.Compile();

    private readonly JsonSerializerOptions _json = jsonOptions.Value.JsonSerializerOptions;

    /// <summary>Either every error, keyed by its path in the document, or what was (or would be) written.</summary>
    public async Task<(IReadOnlyDictionary<string, List<string>>? Errors, ImportResult? Result)> ImportAsync(ExportDocument document, bool dryRun, CancellationToken ct)
    {
        var parseErrors = new ImportErrors();
        var file = new ImportFile(
            await ParseAsync<DepartmentRequest>(document.Departments, "departments", parseErrors, ct),
            await ParseAsync<PersonRequest>(document.People, "people", parseErrors, ct),
            await ParseAsync<LeaderRequest>(document.Leaders, "leaders", parseErrors, ct),
            await ParseAsync<BureauRequest>(document.Bureaus, "bureaus", parseErrors, ct),
            await ParseAsync<InstitutionRequest>(document.Institutions, "institutions", parseErrors, ct),
            await ParseAsync<EventRequest>(document.Events, "events", parseErrors, ct));

        // The database work runs as one unit the retrying strategy can replay from the start.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            async token =>
            {
                db.ChangeTracker.Clear();
                var errors = parseErrors.Copy();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                await CheckAgainstRegistryAsync(file, errors, token);
                if (errors.Count > 0)
                {
                    return (errors.ByPath, (ImportResult?)null);
                }

                var tally = new Tally();
                await PlanAsync(db.Departments, file.Departments, DepartmentRecord, DepartmentService.Apply, DepartmentSlot, tally, dryRun, token);
                await PlanAsync(db.People, file.People, PersonRecord, PersonService.Apply, PersonSlot, tally, dryRun, token);
                await PlanAsync(db.Leaders, file.Leaders, LeaderRecord, LeaderService.Apply, LeaderSlot, tally, dryRun, token);
                await PlanAsync(db.Bureaus, file.Bureaus, BureauRecord, BureauService.Apply, BureauSlot, tally, dryRun, token);
                await PlanAsync(db.Institutions, file.Institutions, InstitutionRecord, InstitutionService.Apply, InstitutionSlot, tally, dryRun, token);
                await PlanAsync(db.Events, file.Events, EventRecord, EventService.Apply, EventSlot, tally, dryRun, token);
                if (!dryRun)
                {
                    // One SaveChanges: EF orders the inserts so parents come before the records that point at them.
                    await db.SaveChangesAsync(token);
                    await transaction.CommitAsync(token);
                }

                return ((IReadOnlyDictionary<string, List<string>>?)null, tally.Result(dryRun));
            },
            ct);
    }

    /// <summary>Turns one section's items into requests, checking each with the resource's own validator.</summary>
    private async Task<Section<T>> ParseAsync<T>(List<JsonElement>? elements, string name, ImportErrors errors, CancellationToken ct)
    {
        var section = new Section<T>(name);
        var validator = services.GetRequiredService<IValidator<T>>();
        var firstAt = new Dictionary<Guid, int>();
        for (var index = 0; index < (elements?.Count ?? 0); index++)
        {
            var element = elements![index];
            var path = $"{name}[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, "Each item must be a JSON object: the record's fields and its id.");
                continue;
            }

            Guid? id = null;
            if (element.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String && idValue.TryGetGuid(out var parsed) && parsed != Guid.Empty)
            {
                if (firstAt.TryAdd(parsed, index))
                {
                    id = parsed;
                    section.Ids.Add(parsed);
                }
                else
                {
                    errors.Add($"{path}.id", $"The id '{parsed}' appears more than once in '{name}' (first at {name}[{firstAt[parsed]}]).");
                }
            }
            else
            {
                errors.Add($"{path}.id", "'id' is required: the record's id, a UUID.");
            }

            T? request;
            try
            {
                var fields = JsonObject.Create(element)!;
                fields.Remove("id");
                request = fields.Deserialize<T>(_json);
            }
            catch (JsonException e)
            {
                errors.Add(Join(path, JsonPath.FromJsonPath(e.Path ?? "$")), WithoutPosition(e.Message));
                continue;
            }

            if (request is null)
            {
                continue;
            }

            var result = await validator.ValidateAsync(request, ct);
            foreach (var failure in result.Errors)
            {
                errors.Add(Join(path, JsonPath.FromPropertyPath(failure.PropertyName)), failure.ErrorMessage);
            }

            if (id is { } valid)
            {
                section.Items.Add(new Item<T>(index, valid, request));
            }
        }

        return section;
    }

    /// <summary>
    /// The rules only the registry can answer, checked against the registry as it would be after the import: the live
    /// records plus every record of the file (a deleted record in the file comes back, so it counts as live).
    /// </summary>
    private async Task CheckAgainstRegistryAsync(ImportFile file, ImportErrors errors, CancellationToken ct)
    {
        var liveDepartments = await CheckDepartmentsAsync(file, errors, ct);
        var livePeople = await LiveIdsAsync(
            db.People,
            file.People.Ids,
            file.Leaders.Items.Select(l => l.Request.PersonId).Concat(file.Events.Items.SelectMany(e => e.Request.PersonIds ?? [])),
            ct);
        await CheckLeadersAsync(file, liveDepartments, livePeople, errors, ct);
        await CheckBureausAsync(file, liveDepartments, errors, ct);
        var liveInstitutions = await CheckInstitutionsAsync(file, liveDepartments, errors, ct);

        foreach (var item in file.Events.Items)
        {
            var path = file.Events.PathOf(item);
            CheckReference(errors, $"{path}.departmentId", item.Request.DepartmentId, liveDepartments, "department");
            for (var i = 0; i < (item.Request.InstitutionIds?.Count ?? 0); i++)
            {
                CheckReference(errors, $"{path}.institutionIds[{i}]", item.Request.InstitutionIds![i], liveInstitutions, "institution");
            }

            for (var i = 0; i < (item.Request.PersonIds?.Count ?? 0); i++)
            {
                CheckReference(errors, $"{path}.personIds[{i}]", item.Request.PersonIds![i], livePeople, "person");
            }
        }
    }

    private async Task<HashSet<Guid>> CheckDepartmentsAsync(ImportFile file, ImportErrors errors, CancellationToken ct)
    {
        var section = file.Departments;

        // Deleted departments too: their slugs stay taken, so a restore cannot collide.
        var stored = await db.Departments.IgnoreQueryFilters().AsNoTracking()
            .Select(d => new { d.Id, d.Slug, d.Name, d.ParentId, Live = d.DeletedAt == null })
            .ToListAsync(ct);
        var final = stored.ToDictionary(d => d.Id, d => (Row: new Row(d.Id, null, d.Live), d.Slug, d.Name, d.ParentId));
        foreach (var item in section.Items)
        {
            final[item.Id] = (new Row(item.Id, item.Index, true), item.Request.Slug, item.Request.Name, item.Request.ParentId);
        }

        var live = final.Values.Where(d => d.Row.Live).Select(d => d.Row.Id).ToHashSet();
        live.UnionWith(section.Ids);

        foreach (var item in section.Items)
        {
            if (item.Request.ParentId is not { } parentId)
            {
                continue;
            }

            var field = $"{section.PathOf(item)}.parentId";
            if (parentId == item.Id)
            {
                errors.Add(field, "A department cannot be its own parent.");
            }
            else if (CheckReference(errors, field, parentId, live, "department") && ReachesItself(item.Id, parentId, id => final.TryGetValue(id, out var d) ? d.ParentId : null))
            {
                errors.Add(field, "That parent would make a cycle: it reports, directly or not, to this department.");
            }
        }

        Unique(errors, section.Name, "slug", final.Values.Select(d => (d.Row, d.Slug)), slug => $"The slug '{slug}'");
        Unique(errors, section.Name, "name", final.Values.Where(d => d.Row.Live).Select(d => (d.Row, d.Name.ToLowerInvariant())), name => $"The name '{name}' (compared ignoring case)");
        return live;
    }

    private async Task CheckLeadersAsync(ImportFile file, HashSet<Guid> liveDepartments, HashSet<Guid> livePeople, ImportErrors errors, CancellationToken ct)
    {
        var section = file.Leaders;
        foreach (var item in section.Items)
        {
            CheckReference(errors, $"{section.PathOf(item)}.departmentId", item.Request.DepartmentId, liveDepartments, "department");
            CheckReference(errors, $"{section.PathOf(item)}.personId", item.Request.PersonId, livePeople, "person");
        }

        // One person cannot hold the same post in the same department twice at once (as LeaderService checks).
        var personIds = section.Items.Select(l => l.Request.PersonId).Distinct().ToList();
        var stored = await db.Leaders.AsNoTracking()
            .Where(l => personIds.Contains(l.PersonId))
            .Select(l => new { l.Id, l.PersonId, l.DepartmentId, l.Title, Start = l.Start, End = l.End })
            .ToListAsync(ct);
        var tenures = stored.Where(l => !section.Ids.Contains(l.Id))
            .Select(l => new Tenure(new Row(l.Id, null, true), l.PersonId, l.DepartmentId, l.Title, l.Start?.Lower ?? DateOnly.MinValue, l.End?.Upper ?? DateOnly.MaxValue))
            .Concat(section.Items.Select(i => new Tenure(
                new Row(i.Id, i.Index, true), i.Request.PersonId, i.Request.DepartmentId, i.Request.Title, i.Request.Start?.Lower ?? DateOnly.MinValue, i.Request.End?.Upper ?? DateOnly.MaxValue)));
        foreach (var post in tenures.GroupBy(t => (t.PersonId, t.DepartmentId, Title: t.Title.ToUpperInvariant())))
        {
            foreach (var tenure in post.Where(t => t.Row.FileIndex is not null))
            {
                var clash = post.FirstOrDefault(o => o.Row.Id != tenure.Row.Id && tenure.Lower <= o.Upper && o.Lower <= tenure.Upper);
                if (clash is not null)
                {
                    errors.Add(
                        $"{section.Name}[{tenure.Row.FileIndex}]",
                        $"The person already holds the post '{tenure.Title}' in this department in a tenure that overlaps this one ({Describe(section.Name, clash.Row)}).");
                }
            }
        }
    }

    private async Task CheckBureausAsync(ImportFile file, HashSet<Guid> liveDepartments, ImportErrors errors, CancellationToken ct)
    {
        var section = file.Bureaus;
        var stored = await db.Bureaus.AsNoTracking()
            .Select(b => new { b.Id, b.DepartmentId, b.ParentBureauId, b.Name, b.Number })
            .ToListAsync(ct);
        var final = stored.ToDictionary(b => b.Id, b => (Row: new Row(b.Id, null, true), b.DepartmentId, b.ParentBureauId, b.Name, b.Number));
        foreach (var item in section.Items)
        {
            final[item.Id] = (new Row(item.Id, item.Index, true), item.Request.DepartmentId, item.Request.ParentBureauId, item.Request.Name, item.Request.Number);
        }

        var live = final.Keys.ToHashSet();
        live.UnionWith(section.Ids);
        foreach (var item in section.Items)
        {
            var path = section.PathOf(item);
            CheckReference(errors, $"{path}.departmentId", item.Request.DepartmentId, liveDepartments, "department");
            if (item.Request.ParentBureauId is not { } parentId)
            {
                continue;
            }

            var field = $"{path}.parentBureauId";
            if (parentId == item.Id)
            {
                errors.Add(field, "A bureau cannot be its own parent.");
            }
            else if (CheckReference(errors, field, parentId, live, "bureau") && final.TryGetValue(parentId, out var parent))
            {
                if (parent.DepartmentId != item.Request.DepartmentId)
                {
                    errors.Add(field, "The parent bureau belongs to another department: a bureau sits only under a unit of its own department.");
                }
                else if (ReachesItself(item.Id, parentId, id => final.TryGetValue(id, out var b) ? b.ParentBureauId : null))
                {
                    errors.Add(field, "That parent would make a cycle: it already sits, directly or not, under this bureau.");
                }
            }
        }

        // A bureau of the file that moves to another department would leave its stored children behind.
        foreach (var child in stored.Where(b => !section.Ids.Contains(b.Id) && b.ParentBureauId is { } p && section.Ids.Contains(p)))
        {
            var parent = final[child.ParentBureauId!.Value];
            if (parent.Row.FileIndex is { } index && parent.DepartmentId != child.DepartmentId)
            {
                errors.Add($"{section.Name}[{index}].departmentId", $"The bureau has child bureaus in its current department (such as '{child.Name}'): it cannot move to another department.");
            }
        }

        Unique(errors, section.Name, "name", final.Values.Select(b => (b.Row, (b.DepartmentId, b.Name))), key => $"The name '{key.Name}' in this department");
        Unique(
            errors,
            section.Name,
            "number",
            final.Values.Where(b => b.Number is not null).Select(b => (b.Row, (b.DepartmentId, b.Number!.Value))),
            key => $"The number {key.Item2} in this department");
    }

    private async Task<HashSet<Guid>> CheckInstitutionsAsync(ImportFile file, HashSet<Guid> liveDepartments, ImportErrors errors, CancellationToken ct)
    {
        var section = file.Institutions;
        var stored = await db.Institutions.AsNoTracking().Select(i => new { i.Id, i.DepartmentId, i.Name }).ToListAsync(ct);
        var final = stored.ToDictionary(i => i.Id, i => (Row: new Row(i.Id, null, true), i.DepartmentId, i.Name));
        foreach (var item in section.Items)
        {
            final[item.Id] = (new Row(item.Id, item.Index, true), item.Request.DepartmentId ?? Guid.Empty, item.Request.Name);
            CheckReference(errors, $"{section.PathOf(item)}.departmentId", item.Request.DepartmentId ?? Guid.Empty, liveDepartments, "department");
        }

        Unique(errors, section.Name, "name", final.Values.Select(i => (i.Row, (i.DepartmentId, i.Name))), key => $"The name '{key.Name}' in this department");
        var live = final.Keys.ToHashSet();
        live.UnionWith(section.Ids);
        return live;
    }

    /// <summary>The ids that are live after the import: those of the file and the live ones among <paramref name="referenced"/>.</summary>
    private static async Task<HashSet<Guid>> LiveIdsAsync<TEntity>(DbSet<TEntity> set, HashSet<Guid> inFile, IEnumerable<Guid> referenced, CancellationToken ct)
        where TEntity : Entity
    {
        var lookup = referenced.Where(id => id != Guid.Empty && !inFile.Contains(id)).Distinct().ToList();
        var live = lookup.Count == 0 ? [] : (await set.AsNoTracking().Where(e => lookup.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        live.UnionWith(inFile);
        return live;
    }

    /// <summary>Checks one reference; an empty id was already reported by the validator.</summary>
    private static bool CheckReference(ImportErrors errors, string field, Guid id, HashSet<Guid> live, string what)
    {
        if (id == Guid.Empty || live.Contains(id))
        {
            return id != Guid.Empty;
        }

        errors.Add(field, $"No {what} '{id}' exists, in the file or in the registry (or it was deleted).");
        return false;
    }

    private static bool ReachesItself(Guid self, Guid parentId, Func<Guid, Guid?> parentOf)
    {
        var seen = new HashSet<Guid>();
        Guid? current = parentId;
        while (current is { } id && seen.Add(id))
        {
            if (id == self)
            {
                return true;
            }

            current = parentOf(id);
        }

        return false;
    }

    /// <summary>Reports each record of the file that shares <paramref name="field"/>'s value with another record, in the file or stored.</summary>
    private static void Unique<TKey>(ImportErrors errors, string section, string field, IEnumerable<(Row Row, TKey Key)> rows, Func<TKey, string> describe)
    {
        foreach (var group in rows.GroupBy(r => r.Key).Where(g => g.Skip(1).Any()))
        {
            foreach (var (row, key) in group.Where(r => r.Row.FileIndex is not null))
            {
                var other = group.First(r => r.Row.Id != row.Id).Row;
                errors.Add($"{section}[{row.FileIndex}].{field}", $"{describe(key)} is also used by {Describe(section, other)}.");
            }
        }
    }

    private static string Describe(string section, Row row) =>
        row.FileIndex is { } index ? $"{section}[{index}]"
        : row.Live ? $"the record '{row.Id}' in the registry"
        : $"the deleted record '{row.Id}' in the registry";

    /// <summary>Counts each item as created, updated or unchanged and, unless only counting, writes it.</summary>
    private async Task PlanAsync<TEntity, T>(
        DbSet<TEntity> set, Section<T> section, Func<TEntity, ExportRecord<T>> toRecord, Action<T, TEntity> apply, int slot, Tally tally, bool dryRun, CancellationToken ct)
        where TEntity : Entity, new()
    {
        var ids = section.Items.Select(i => i.Id).ToList();
        var existing = ids.Count == 0 ? [] : await set.IgnoreQueryFilters().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        foreach (var item in section.Items)
        {
            if (!existing.TryGetValue(item.Id, out var entity))
            {
                tally.Created[slot]++;
                if (!dryRun)
                {
                    entity = new TEntity { Id = item.Id };
                    apply(item.Request, entity);
                    set.Add(entity);
                }
            }
            else if (entity.DeletedAt is null && Same(toRecord(entity).Record, item.Request))
            {
                // Not touched at all, so not saved and not audited.
                tally.Unchanged[slot]++;
            }
            else
            {
                tally.Updated[slot]++;
                if (!dryRun)
                {
                    apply(item.Request, entity);
                    entity.DeletedAt = null;
                }
            }
        }
    }

    /// <summary>Compares two records as the API writes them, which is what "the same record" means to a client.</summary>
    private bool Same<T>(T stored, T imported) =>
        JsonSerializer.SerializeToUtf8Bytes(stored, _json).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(imported, _json));

    private static string Join(string path, string field) => field.Length == 0 ? path : field[0] == '[' ? path + field : $"{path}.{field}";

    // System.Text.Json appends where in the body it stopped; the key already says which field it was.
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private sealed record Item<T>(int Index, Guid Id, T Request);

    private sealed class Section<T>(string name)
    {
        public string Name { get; } = name;

        public List<Item<T>> Items { get; } = [];

        /// <summary>Every id the section holds, also of items whose fields are wrong, so references to them do not fail too.</summary>
        public HashSet<Guid> Ids { get; } = [];

        public string PathOf(Item<T> item) => $"{Name}[{item.Index}]";
    }

    private sealed record ImportFile(
        Section<DepartmentRequest> Departments,
        Section<PersonRequest> People,
        Section<LeaderRequest> Leaders,
        Section<BureauRequest> Bureaus,
        Section<InstitutionRequest> Institutions,
        Section<EventRequest> Events);

    /// <summary>A record in the registry as it would be after the import: from the file (with its index) or stored.</summary>
    private sealed record Row(Guid Id, int? FileIndex, bool Live);

    private sealed record Tenure(Row Row, Guid PersonId, Guid DepartmentId, string Title, DateOnly Lower, DateOnly Upper);

    private sealed class Tally
    {
        public int[] Created { get; } = new int[6];

        public int[] Updated { get; } = new int[6];

        public int[] Unchanged { get; } = new int[6];

        public ImportResult Result(bool dryRun) => new(dryRun, Counts(Created), Counts(Updated), Counts(Unchanged));

        private static ImportCounts Counts(int[] c) => new(c[DepartmentSlot], c[PersonSlot], c[LeaderSlot], c[BureauSlot], c[InstitutionSlot], c[EventSlot]);
    }

    private sealed class ImportErrors
    {
        private readonly Dictionary<string, List<string>> _byPath = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, List<string>> ByPath => _byPath;

        public int Count => _byPath.Count;

        public void Add(string path, string message)
        {
            if (!_byPath.TryGetValue(path, out var messages))
            {
                _byPath[path] = messages = [];
            }

            messages.Add(message);
        }

        public ImportErrors Copy()
        {
            var copy = new ImportErrors();
            foreach (var (path, messages) in _byPath)
            {
                copy._byPath[path] = [.. messages];
            }

            return copy;
        }
    }
}
