using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data;
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

    // RFC 4180: CRLF, fields quoted only when they hold a comma, a quote or a line break, inner quotes doubled.
    private static readonly CsvWriterOptions CsvFormat = CsvWriterOptions.Default with { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture };

    private readonly JsonSerializerOptions _json = jsonOptions.Value.JsonSerializerOptions;

    // With a retrying execution strategy EF reads each query's whole result into memory so that it can replay it
    // (bench/README.md has the figures). The export reads through a context of its own without retries, so
    // rows stream from the socket to the response; a database failure before the first byte is still a 503.
    private readonly RegistryDbContext db = new(new DbContextOptionsBuilder<RegistryDbContext>()
        .UseNpgsql(pooled.Database.GetConnectionString())
        .UseSnakeCaseNamingConvention()
        .Options);

    public ValueTask DisposeAsync() => db.DisposeAsync();

    /// <summary>The attachment's file name, dated today (UTC): <c>ildregistry-2026-11-28.json</c>.</summary>
    public string FileName(string extension) =>
        $"ildregistry-{clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>Writes the export document (see <see cref="ExportDocument"/>) from one snapshot of the registry.</summary>
    public async Task WriteJsonAsync(Stream target, CancellationToken token)
    {
        await using var snapshot = await BeginSnapshotAsync(token);
        await using var writer = new Utf8JsonWriter(target, new JsonWriterOptions { Encoder = _json.Encoder });
        writer.WriteStartObject();
        writer.WriteString("format", ExportDocument.FormatName);
        writer.WriteNumber("version", ExportDocument.CurrentVersion);
        writer.WriteString("exportedAt", clock.GetUtcNow());
        foreach (var resource in ResourceRegistry.Instance.All)
        {
            await WriteJsonSectionAsync(writer, resource.Collection, resource.ExportAsync(db, token), token);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(token);
    }

    /// <summary>
    /// Writes the registry as one Popolo JSON document, <c>{ "persons", "organizations", "posts", "memberships" }</c> and the links between organisations in an extension section
    /// (see <see cref="PopoloMapping"/>), from one snapshot, streaming each resource through its definition.
    /// </summary>
    public async Task WritePopoloAsync(Stream target, CancellationToken token)
    {
        await using var snapshot = await BeginSnapshotAsync(token);
        // Popolo's sources are links with a note: the citations' source records give them.
        var cited = await Citations.SourcesAsync(db, token);
        var sections = PopoloMapping.Sections;
        var posts = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        await using var writer = new Utf8JsonWriter(target, new JsonWriterOptions { Encoder = _json.Encoder });
        writer.WriteStartObject();
        writer.WriteString("format", "popolo");
        writer.WriteString("exportedAt", clock.GetUtcNow());
        foreach (var section in sections)
        {
            writer.WriteStartArray(section);
            // Each resource is read once, for its own section (not started for the others just to learn where it goes).
            foreach (var resource in ResourceRegistry.Instance.All.Where(r => PopoloMapping.SectionOf(r.RequestType) == section))
            {
                var count = 0;
                await foreach (var record in resource.ExportAsync(db, token))
                {
                    if (PopoloMapping.Map(record.Id, Citations.WithCitedSources(record.Record, cited)) is not { } item)
                    {
                        break;
                    }

                    if (record.Record is Leaders.LeaderRequest leader)
                    {
                        var (postId, post) = PopoloMapping.PostOf(leader);
                        posts.TryAdd(postId, post);
                    }

                    item.WriteTo(writer);
                    if (++count % FlushEvery == 0 || writer.BytesPending > FlushBytes)
                    {
                        await writer.FlushAsync(token);
                    }
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteStartArray("posts");
        foreach (var post in posts.Values)
        {
            post.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(token);
    }

    /// <summary>Writes a zip of RFC 4180 CSV files for spreadsheets: one per resource and one per list field (see <see cref="CsvLayout"/>).</summary>
    public async Task WriteCsvZipAsync(Stream target, CancellationToken token)
    {
        await using var snapshot = await BeginSnapshotAsync(token);

        // Create mode writes entries one after another with data descriptors, so the target need not be seekable.
        await using var sink = new DrainingStream(target);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, token))
        {
            foreach (var resource in ResourceRegistry.Instance.All)
            {
                await WriteCsvEntriesAsync(archive, sink, resource, token);
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

    private async Task WriteJsonSectionAsync(Utf8JsonWriter writer, string name, IAsyncEnumerable<ExportRecord<object>> records, CancellationToken ct)
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

    private async Task WriteCsvEntriesAsync(ZipArchive archive, DrainingStream sink, IResourceDefinition resource, CancellationToken ct)
    {
        var layout = CsvLayout.Of(resource.RequestType, _json);
        await WriteCsvEntryAsync(archive, sink, $"{resource.Collection}.csv", ["id", .. layout.Columns], resource.ExportAsync(db, ct), (record, fields, write) =>
        {
            fields[0] = record.Id.ToString();
            for (var i = 0; i < layout.Columns.Count; i++)
            {
                fields[i + 1] = fields.Root.TryGetProperty(layout.Columns[i], out var value) ? CsvLayout.Cell(value) : null;
            }

            return write(fields);
        }, ct);

        // Each list in a file of its own: another pass over the same snapshot, as a zip writes one entry at a time.
        foreach (var list in layout.Lists)
        {
            var itemColumns = list.ItemColumns.Count == 0 ? ["value"] : list.ItemColumns;
            await WriteCsvEntryAsync(archive, sink, $"{resource.Collection}.{list.Field}.csv", ["recordId", "position", .. itemColumns], resource.ExportAsync(db, ct), async (record, fields, write) =>
            {
                if (!fields.Root.TryGetProperty(list.Field, out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    return;
                }

                var position = 0;
                foreach (var item in items.EnumerateArray())
                {
                    fields[0] = record.Id.ToString();
                    fields[1] = (++position).ToString(CultureInfo.InvariantCulture);
                    for (var i = 0; i < itemColumns.Count; i++)
                    {
                        fields[i + 2] = list.ItemColumns.Count == 0
                            ? CsvLayout.Cell(item)
                            : item.TryGetProperty(itemColumns[i], out var value) ? CsvLayout.Cell(value) : null;
                    }

                    await write(fields);
                }
            }, ct);

            foreach (var nested in list.Nested)
            {
                await WriteCsvEntryAsync(archive, sink, $"{resource.Collection}.{list.Field}.{nested.Field}.csv", ["recordId", "position", "itemPosition", .. nested.ItemColumns], resource.ExportAsync(db, ct), async (record, fields, write) =>
                {
                    if (!fields.Root.TryGetProperty(list.Field, out var items) || items.ValueKind != JsonValueKind.Array)
                    {
                        return;
                    }

                    var position = 0;
                    foreach (var item in items.EnumerateArray())
                    {
                        position++;
                        if (!item.TryGetProperty(nested.Field, out var inner) || inner.ValueKind != JsonValueKind.Array)
                        {
                            continue;
                        }

                        var itemPosition = 0;
                        foreach (var element in inner.EnumerateArray())
                        {
                            fields[0] = record.Id.ToString();
                            fields[1] = position.ToString(CultureInfo.InvariantCulture);
                            fields[2] = (++itemPosition).ToString(CultureInfo.InvariantCulture);
                            for (var i = 0; i < nested.ItemColumns.Count; i++)
                            {
                                fields[i + 3] = element.TryGetProperty(nested.ItemColumns[i], out var value) ? CsvLayout.Cell(value) : null;
                            }

                            await write(fields);
                        }
                    }
                }, ct);
            }
        }
    }

    /// <summary>One CSV file of the zip: a UTF-8 byte-order mark (so that Excel reads UTF-8), a header row, then the rows <paramref name="rows"/> writes per record.</summary>
    private async Task WriteCsvEntryAsync(
        ZipArchive archive,
        DrainingStream sink,
        string fileName,
        IReadOnlyList<string> header,
        IAsyncEnumerable<ExportRecord<object>> records,
        Func<ExportRecord<object>, CsvRow, Func<CsvRow, Task>, Task> rows,
        CancellationToken ct)
    {
        var entry = archive.CreateEntry(fileName, CompressionLevel.Optimal);
        await using (var stream = await entry.OpenAsync(ct))
        {
            await stream.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
            await using var csv = CsvWriter.Create(stream, CsvFormat, leaveOpen: true);
            await csv.WriteRecordAsync([.. header], ct);
            var count = 0;
            await foreach (var record in records.WithCancellation(ct))
            {
                using var document = JsonSerializer.SerializeToDocument(record.Record, _json);
                var fields = new CsvRow(document.RootElement, header.Count);
                await rows(record, fields, async r => await csv.WriteRecordAsync(r.Fields!, ct));
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

    /// <summary>The fields of one CSV row being written, and the record it is written from.</summary>
    private sealed class CsvRow(JsonElement root, int width)
    {
        public JsonElement Root { get; } = root;

        public string?[] Fields { get; } = new string?[width];

        public string? this[int index]
        {
            get => Fields[index];
            set => Fields[index] = value;
        }
    }
}
