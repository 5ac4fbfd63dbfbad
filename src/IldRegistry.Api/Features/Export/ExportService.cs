using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Features.Export;

/// <summary>
/// Writes the whole registry, a chunk of records at a time, from one consistent snapshot: nothing holds the whole
/// registry, so the memory an export takes does not grow with it (only the ids of each section, in order, are kept
/// whole). <see cref="ExportSnapshots"/> writes it to a file, which is then served with its length and digest.
/// </summary>
public sealed class ExportService(RegistryDbContext pooled, IOptions<JsonOptions> jsonOptions, TimeProvider clock) : IAsyncDisposable
{
    private const int FlushEvery = 200;
    private const int FlushBytes = 64 * 1024;
    private const int ChunkSize = 500;

    // RFC 4180: CRLF, fields quoted only when they hold a comma, a quote or a line break, inner quotes doubled.
    private static readonly CsvWriterOptions CsvFormat = CsvWriterOptions.Default with { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture };

    private readonly JsonSerializerOptions _json = jsonOptions.Value.JsonSerializerOptions;

    // With a retrying execution strategy EF reads each query's whole result into memory so that it can replay it
    // (measured: +520 MB for an export of 310 MB). The export reads through a context of its own without retries, so
    // rows stream from the socket to the response; a database failure before the first byte is still a 503.
    private readonly RegistryDbContext db = new(new DbContextOptionsBuilder<RegistryDbContext>()
        .UseNpgsql(pooled.Database.GetConnectionString())
        .UseSnakeCaseNamingConvention()
        .Options);

    public ValueTask DisposeAsync() => db.DisposeAsync();

    /// <summary>The attachment's file name, dated today (UTC): <c>ildregistry-2026-11-28.json</c>.</summary>
    public string FileName(string extension) =>
        $"ildregistry-{clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>
    /// The sections of the export, in order: each resource's records with a JSON and a CSV writer. One list, so that
    /// a resource is added in one place.
    /// </summary>
    private List<ExportSection> Sections(CancellationToken ct) =>
    [
        Section("departments", () => DepartmentsAsync(ct)),
        Section("people", () => ByIdAsync(db.People, RegistryRecords.FromPerson, ct)),
        Section("leaders", () => ByIdAsync(db.Leaders, RegistryRecords.FromLeader, ct)),
        Section("bureaus", () => BureausAsync(ct)),
        Section("institutions", () => ByIdAsync(db.Institutions, RegistryRecords.FromInstitution, ct)),
        Section("events", () => ByIdAsync(db.Events, RegistryRecords.FromEvent, ct)),
    ];

    private ExportSection Section<TRequest>(string name, Func<IAsyncEnumerable<ExportRecord<TRequest>>> records) => new(
        name,
        (writer, ct) => WriteJsonSectionAsync(writer, name, records(), ct),
        (archive, sink, ct) => WriteCsvEntryAsync(archive, sink, $"{name}.csv", records(), ct));

    /// <summary>Writes the export document (see <see cref="ExportDocument"/>) from one snapshot of the registry.</summary>
    public async Task WriteJsonAsync(Stream target, CancellationToken token)
    {
        await using var snapshot = await BeginSnapshotAsync(token);
        await using var writer = new Utf8JsonWriter(target, new JsonWriterOptions { Encoder = _json.Encoder });
        writer.WriteStartObject();
        writer.WriteString("format", ExportDocument.FormatName);
        writer.WriteNumber("version", ExportDocument.CurrentVersion);
        writer.WriteString("exportedAt", clock.GetUtcNow());
        foreach (var section in Sections(token))
        {
            await section.WriteJsonAsync(writer, token);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(token);
    }

    /// <summary>Writes a zip of six RFC 4180 CSV files, one per resource, columns as in the JSON export.</summary>
    public async Task WriteCsvZipAsync(Stream target, CancellationToken token)
    {
        await using var snapshot = await BeginSnapshotAsync(token);

        // Create mode writes entries one after another with data descriptors, so the target need not be seekable.
        await using var sink = new DrainingStream(target);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, token))
        {
            foreach (var section in Sections(token))
            {
                await section.WriteCsvAsync(archive, sink, token);
            }
        }

        await sink.DrainAsync(token);
    }

    /// <summary>
    /// One REPEATABLE READ, read-only transaction for the whole export, so that every chunk reads the same committed
    /// state: a write landing during the export is in none of it, and no leader is exported without its person.
    /// </summary>
    private async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
        return transaction;
    }

    /// <summary>
    /// Records by id, read a chunk at a time: every query stays small (well under the statement timeout, whatever the
    /// registry's size), where one query over a whole table outgrew it (issue 17).
    /// </summary>
    private static async IAsyncEnumerable<ExportRecord<TRequest>> ByIdAsync<TEntity, TRequest>(
        DbSet<TEntity> set, Expression<Func<TEntity, ExportRecord<TRequest>>> map, [EnumeratorCancellation] CancellationToken ct)
        where TEntity : Entity
    {
        var order = await set.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        await foreach (var record in InOrderAsync(set, map, order, ct))
        {
            yield return record;
        }
    }

    private async IAsyncEnumerable<ExportRecord<Bureaus.BureauRequest>> BureausAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var graph = await db.Bureaus.AsNoTracking().Select(b => new { b.Id, b.ParentBureauId }).ToListAsync(ct);
        var order = RegistryRecords.ParentsFirst([.. graph.Select(g => (g.Id, g.ParentBureauId))]);
        await foreach (var record in InOrderAsync(db.Bureaus, RegistryRecords.FromBureau, order, ct))
        {
            yield return record;
        }
    }

    private async IAsyncEnumerable<ExportRecord<Departments.DepartmentRequest>> DepartmentsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var graph = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
        var order = RegistryRecords.ParentsFirst([.. graph.Select(g => (g.Id, g.ParentId))]);
        await foreach (var record in InOrderAsync(db.Departments, RegistryRecords.FromDepartment, order, ct))
        {
            yield return record;
        }
    }

    /// <summary>Records in the given order, read a chunk of ids at a time.</summary>
    private static async IAsyncEnumerable<ExportRecord<TRequest>> InOrderAsync<TEntity, TRequest>(
        DbSet<TEntity> set, Expression<Func<TEntity, ExportRecord<TRequest>>> map, List<Guid> order, [EnumeratorCancellation] CancellationToken ct)
        where TEntity : Entity
    {
        foreach (var chunk in order.Chunk(ChunkSize))
        {
            var records = await set.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(map).ToDictionaryAsync(r => r.Id, ct);
            foreach (var id in chunk)
            {
                // Deleted between reading the graph and now: left out, like any deleted record.
                if (records.TryGetValue(id, out var record))
                {
                    yield return record;
                }
            }
        }
    }

    private async Task WriteJsonSectionAsync<TRequest>(Utf8JsonWriter writer, string name, IAsyncEnumerable<ExportRecord<TRequest>> records, CancellationToken ct)
    {
        writer.WriteStartArray(name);
        var count = 0;
        await foreach (var record in records.WithCancellation(ct))
        {
            writer.WriteStartObject();
            writer.WriteString("id", record.Id);
            using (var fields = JsonSerializer.SerializeToDocument(record.Record, _json))
            {
                foreach (var field in fields.RootElement.EnumerateObject())
                {
                    field.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
            if (++count % FlushEvery == 0 || writer.BytesPending > FlushBytes)
            {
                await writer.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
    }

    private async Task WriteCsvEntryAsync<TRequest>(
        ZipArchive archive, DrainingStream sink, string fileName, IAsyncEnumerable<ExportRecord<TRequest>> records, CancellationToken ct)
    {
        var columns = _json.GetTypeInfo(typeof(TRequest)).Properties.Select(p => p.Name).ToList();
        var entry = archive.CreateEntry(fileName, CompressionLevel.Optimal);
        await using (var stream = await entry.OpenAsync(ct))
        {
            await using var csv = CsvWriter.Create(stream, CsvFormat, leaveOpen: true);
            await csv.WriteRecordAsync(["id", .. columns], ct);
            var fields = new string?[columns.Count + 1];
            var count = 0;
            await foreach (var record in records.WithCancellation(ct))
            {
                fields[0] = record.Id.ToString();
                using (var document = JsonSerializer.SerializeToDocument(record.Record, _json))
                {
                    for (var i = 0; i < columns.Count; i++)
                    {
                        fields[i + 1] = document.RootElement.TryGetProperty(columns[i], out var value) ? CsvText(value) : null;
                    }
                }

                await csv.WriteRecordAsync(fields!, ct);
                if (++count % FlushEvery == 0)
                {
                    await sink.DrainAsync(ct);
                }
            }

            await csv.FlushAsync(ct);
        }

        // Closing the entry wrote its last compressed bytes and its data descriptor.
        await sink.DrainAsync(ct);
    }

    /// <summary>A field as CSV text: strings (and so partial dates and enums) as they are, lists and objects as JSON.</summary>
    private static string? CsvText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}

/// <summary>One section of the export: its name and how it writes itself as JSON and as a CSV file of the zip.</summary>
internal sealed record ExportSection(
    string Name,
    Func<Utf8JsonWriter, CancellationToken, Task> WriteJsonAsync,
    Func<ZipArchive, DrainingStream, CancellationToken, Task> WriteCsvAsync);
