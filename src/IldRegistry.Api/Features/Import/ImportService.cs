using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Export;
using IldRegistry.Data;
using IldRegistry.Data.Resilience;
using IldRegistry.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Features.Import;

/// <summary>
/// Reads an export document back: every item through its resource's validator, then every rule of its resource (the
/// same code as single writes) against the registry as it would be after the import (<see cref="ImportView"/>); only
/// when nothing is wrong are the records upserted by id, all in one transaction.
/// </summary>
public sealed class ImportService(RegistryDbContext db, IServiceProvider services, IOptions<JsonOptions> jsonOptions)
{
    private readonly JsonSerializerOptions _json = jsonOptions.Value.JsonSerializerOptions;

    /// <summary>Either every error, keyed by its path in the document, or what was (or would be) written.</summary>
    /// <param name="document">The export document.</param>
    /// <param name="dryRun">Check and count only.</param>
    /// <param name="onlyMissing">
    /// Add only the records whose id the registry lacks, counting deleted ones as present, and leave every other item
    /// of the file alone (counted unchanged): what loading a seed file at start does, so that it never overwrites or
    /// brings back what an admin changed or deleted.
    /// </param>
    /// <param name="ct">Aborts the import.</param>
    public async Task<(IReadOnlyDictionary<string, List<string>>? Errors, ImportResult? Result)> ImportAsync(ExportDocument document, bool dryRun, CancellationToken ct, bool onlyMissing = false)
    {
        var parseErrors = new ImportErrors();
        var registry = ResourceRegistry.Instance;
        foreach (var name in (document.Sections?.Keys.AsEnumerable() ?? []).Where(n => registry.All.All(r => r.Collection != n)))
        {
            parseErrors.Add(name, $"'{name}' is not a section of an export; the sections are: {string.Join(", ", registry.All.Select(r => r.Collection))}.");
        }

        var sections = registry.All.Select(r => r.Accept(new SectionFactory(services, _json))).ToList();
        foreach (var section in sections)
        {
            await section.ParseAsync(document.Sections?.GetValueOrDefault(section.Name), parseErrors, ct);
        }

        // Replayed from the start on a transient failure, unless the failure was in a COMMIT that did commit.
        var strategy = db.Database.CreateExecutionStrategy();
        string? transactionId = null;
        (IReadOnlyDictionary<string, List<string>>? Errors, ImportResult? Result) outcome = default;
        return await strategy.ExecuteAsync<object?, (IReadOnlyDictionary<string, List<string>>? Errors, ImportResult? Result)>(
            null,
            async (_, _, token) =>
            {
                db.ChangeTracker.Clear();
                var errors = parseErrors.Copy();
                // A POST with an Idempotency-Key runs in a transaction of its own already (IdempotencyKeys).
                await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(token) : null;
                if (onlyMissing)
                {
                    foreach (var section in sections)
                    {
                        await section.SkipPresentAsync(db, token);
                    }
                }

                var view = new ImportView(db, sections);
                foreach (var section in sections)
                {
                    await section.CheckAsync(view, errors, token);
                }

                if (errors.Count > 0)
                {
                    return (errors.ByPath, (ImportResult?)null);
                }

                var tally = new Tally(sections.Select(s => s.Name));
                foreach (var section in sections)
                {
                    await section.PlanAsync(db, tally, dryRun, token);
                }

                outcome = (null, tally.Result(dryRun));
                if (!dryRun)
                {
                    transactionId = await WriteOnce.TransactionIdAsync(db, token);

                    // One SaveChanges: EF orders the inserts so parents come before the records that point at them.
                    await db.SaveChangesAsync(token);
                    if (transaction is not null)
                    {
                        await transaction.CommitAsync(token);
                    }
                }

                return outcome;
            },
            async (_, _, token) => new ExecutionResult<(IReadOnlyDictionary<string, List<string>>? Errors, ImportResult? Result)>(
                await WriteOnce.CommittedAsync(db, transactionId, token), outcome),
            ct);
    }

    /// <summary>
    /// A Popolo document, read back by <see cref="PopoloMapping.FromPopolo"/> into an export document and imported by
    /// <see cref="ImportAsync"/>: the same rules, all or nothing, every error keyed by its path in the Popolo document.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, List<string>>? Errors, ImportResult? Result)> ImportPopoloAsync(ExportDocument popolo, bool dryRun, CancellationToken ct)
    {
        var read = PopoloMapping.FromPopolo(popolo);
        if (read.Errors.Count > 0)
        {
            return (read.Errors, null);
        }

        var (errors, result) = await ImportAsync(read.Document, dryRun, ct);
        return (errors is null ? null : read.Translate(errors), result);
    }

    private static string Join(string path, string field) => field.Length == 0 ? path : field[0] == '[' ? path + field : $"{path}.{field}";

    // System.Text.Json appends where in the body it stopped; the key already says which field it was.
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>One section of the document, whatever its resource.</summary>
    internal interface ISection
    {
        string Name { get; }

        Type EntityType { get; }

        /// <summary>Every id the section holds, also of items whose fields are wrong, so references to them do not fail too.</summary>
        HashSet<Guid> Ids { get; }

        IEnumerable<Entity> Records { get; }

        /// <summary>The place in the document of the item with this id, or null when the file does not hold it.</summary>
        int? IndexOf(Guid id);

        Task ParseAsync(JsonElement? elements, ImportErrors errors, CancellationToken ct);

        Task CheckAsync(IRegistryView view, ImportErrors errors, CancellationToken ct);

        Task PlanAsync(RegistryDbContext db, Tally tally, bool dryRun, CancellationToken ct);

        /// <summary>Leaves out the items whose id the registry holds (deleted or not): their stored records stand.</summary>
        Task SkipPresentAsync(RegistryDbContext db, CancellationToken ct);
    }

    private sealed class SectionFactory(IServiceProvider services, JsonSerializerOptions json) : IResourceVisitor<ISection>
    {
        public ISection Visit<TEntity, TRequest>(ResourceDefinition<TEntity, TRequest> definition)
            where TEntity : Entity, new() =>
            new Section<TEntity, TRequest>(definition, services.GetRequiredService<IValidator<TRequest>>(), json);
    }

    private sealed class Section<TEntity, TRequest>(ResourceDefinition<TEntity, TRequest> definition, IValidator<TRequest> validator, JsonSerializerOptions json) : ISection
        where TEntity : Entity, new()
    {
        private readonly List<Item> _items = [];
        private int _skipped;

        public string Name => definition.Collection;

        public Type EntityType => typeof(TEntity);

        public HashSet<Guid> Ids { get; } = [];

        public IEnumerable<Entity> Records => _items.Select(i => i.Record);

        public int? IndexOf(Guid id) => _items.Find(i => i.Record.Id == id)?.Index;

        /// <summary>Turns the section's items into records, checking each with the resource's own validator.</summary>
        public async Task ParseAsync(JsonElement? elements, ImportErrors errors, CancellationToken ct)
        {
            if (elements is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } section)
            {
                return;
            }

            if (section.ValueKind != JsonValueKind.Array)
            {
                errors.Add(Name, $"'{Name}' must be an array of records.");
                return;
            }

            var firstAt = new Dictionary<Guid, int>();
            var index = -1;
            foreach (var element in section.EnumerateArray())
            {
                index++;
                var path = $"{Name}[{index}]";
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
                        Ids.Add(parsed);
                    }
                    else
                    {
                        errors.Add($"{path}.id", $"The id '{parsed}' appears more than once in '{Name}' (first at {Name}[{firstAt[parsed]}]).");
                    }
                }
                else
                {
                    errors.Add($"{path}.id", "'id' is required: the record's id, a UUID.");
                }

                TRequest? request;
                try
                {
                    var fields = JsonObject.Create(element)!;
                    fields.Remove("id");
                    request = fields.Deserialize<TRequest>(json);
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

                // Only a valid request becomes a record whose rules can be checked.
                if (id is { } valid && result.IsValid)
                {
                    var record = new TEntity { Id = valid };
                    definition.ApplyRequest(request, record);
                    _items.Add(new Item(index, request, record));
                }
            }
        }

        public async Task CheckAsync(IRegistryView view, ImportErrors errors, CancellationToken ct)
        {
            foreach (var item in _items)
            {
                var broken = new RuleErrors();
                await definition.CheckAsync(item.Record, view, broken, RuleMode.Write, ct);
                foreach (var error in broken.All)
                {
                    errors.Add(Join($"{Name}[{item.Index}]", error.Field), error.Message);
                }
            }
        }

        public async Task SkipPresentAsync(RegistryDbContext db, CancellationToken ct)
        {
            var ids = _items.Select(i => i.Record.Id).ToList();
            var present = ids.Count == 0
                ? []
                : (await db.Set<TEntity>().IgnoreQueryFilters().Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            _skipped += _items.RemoveAll(i => present.Contains(i.Record.Id));
            Ids.ExceptWith(present);
        }

        /// <summary>Counts each item as created, updated or unchanged and, unless only counting, writes it.</summary>
        public async Task PlanAsync(RegistryDbContext db, Tally tally, bool dryRun, CancellationToken ct)
        {
            for (var i = 0; i < _skipped; i++)
            {
                Tally.Count(tally.Unchanged, Name);
            }

            var set = db.Set<TEntity>();
            var ids = _items.Select(i => i.Record.Id).ToList();
            var existing = ids.Count == 0 ? [] : await set.IgnoreQueryFilters().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
            foreach (var item in _items)
            {
                if (!existing.TryGetValue(item.Record.Id, out var entity))
                {
                    Tally.Count(tally.Created, Name);
                    if (!dryRun)
                    {
                        set.Add(item.Record);
                    }
                }
                // Compared as written: a field the file leaves to its default (an end status) is the default stored.
                else if (entity.DeletedAt is null && Same(definition.RequestOf(entity), definition.RequestOf(item.Record)))
                {
                    // Not touched at all, so not saved and not audited.
                    Tally.Count(tally.Unchanged, Name);
                }
                else
                {
                    Tally.Count(tally.Updated, Name);
                    if (!dryRun)
                    {
                        definition.ApplyRequest(item.Request, entity);
                        entity.DeletedAt = null;
                    }
                }
            }
        }

        /// <summary>Compares two records as the API writes them, which is what "the same record" means to a client.</summary>
        private bool Same(TRequest stored, TRequest imported) =>
            JsonSerializer.SerializeToUtf8Bytes(stored, json).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(imported, json));

        private sealed record Item(int Index, TRequest Request, TEntity Record);
    }

    /// <summary>
    /// The registry as it would be after the import: the stored records that the file does not hold (read once per
    /// resource, when a rule first asks about it) and every record of the file, all live (a deleted record in the
    /// file comes back). Rules' expressions run here in memory.
    /// </summary>
    private sealed class ImportView(RegistryDbContext db, IReadOnlyList<ISection> sections) : IRegistryView
    {
        private readonly Dictionary<Type, List<Entity>> _rows = [];
        private readonly Dictionary<Type, HashSet<Guid>> _live = [];

        public async Task<List<TResult>> FindAsync<TEntity, TResult>(
            System.Linq.Expressions.Expression<Func<TEntity, bool>> where,
            System.Linq.Expressions.Expression<Func<TEntity, TResult>> projection,
            int take,
            bool includeDeleted,
            CancellationToken ct)
            where TEntity : Entity
        {
            var test = where.Compile();
            var project = projection.Compile();
            return [.. (await RowsAsync<TEntity>(ct)).Where(e => (includeDeleted || e.DeletedAt is null) && test(e)).Take(take).Select(project)];
        }

        public async Task<HashSet<Guid>> LiveAsync<TEntity>(IReadOnlyCollection<Guid> ids, CancellationToken ct)
            where TEntity : Entity
        {
            var inFile = SectionOf<TEntity>().Ids;
            if (!_live.TryGetValue(typeof(TEntity), out var live))
            {
                // Built once per resource: a reference check per record must not rescan every row.
                _live[typeof(TEntity)] = live = (await RowsAsync<TEntity>(ct)).Where(e => e.DeletedAt is null).Select(e => e.Id).ToHashSet();
            }

            return [.. ids.Where(id => inFile.Contains(id) || live.Contains(id))];
        }

        public string Locate<TEntity>(Guid id)
            where TEntity : Entity
        {
            var section = SectionOf<TEntity>();
            if (section.IndexOf(id) is { } index)
            {
                return $"{section.Name}[{index}]";
            }

            var deleted = _rows.TryGetValue(typeof(TEntity), out var rows) && rows.Any(r => r.Id == id && r.DeletedAt is not null);
            return $"the {(deleted ? "deleted " : string.Empty)}record '{id}' in the registry";
        }

        private ISection SectionOf<TEntity>() => sections.Single(s => s.EntityType == typeof(TEntity));

        private async Task<IEnumerable<TEntity>> RowsAsync<TEntity>(CancellationToken ct)
            where TEntity : Entity
        {
            if (!_rows.TryGetValue(typeof(TEntity), out var rows))
            {
                var section = SectionOf<TEntity>();
                var inFile = section.Ids.ToList();
                var stored = await db.Set<TEntity>().IgnoreQueryFilters().AsNoTracking().Where(e => !inFile.Contains(e.Id)).ToListAsync(ct);
                _rows[typeof(TEntity)] = rows = [.. stored, .. section.Records];
            }

            return rows.Cast<TEntity>();
        }
    }

    internal sealed class Tally(IEnumerable<string> sections)
    {
        private readonly string[] _sections = [.. sections];

        public Dictionary<string, int> Created { get; } = [];

        public Dictionary<string, int> Updated { get; } = [];

        public Dictionary<string, int> Unchanged { get; } = [];

        public static void Count(Dictionary<string, int> counts, string section) => counts[section] = counts.GetValueOrDefault(section) + 1;

        public ImportResult Result(bool dryRun) => new(dryRun, All(Created), All(Updated), All(Unchanged));

        private Dictionary<string, int> All(Dictionary<string, int> counts) => _sections.ToDictionary(s => s, counts.GetValueOrDefault);
    }

    internal sealed class ImportErrors
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
