using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
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

    /// <summary>Writes a zip of RFC 4180 CSV files, one per resource, columns as in the JSON export.</summary>
    public async Task WriteCsvZipAsync(Stream target, CancellationToken token)
    {
        await using var snapshot = await BeginSnapshotAsync(token);

        // Create mode writes entries one after another with data descriptors, so the target need not be seekable.
        await using var sink = new DrainingStream(target);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, token))
        {
            foreach (var resource in ResourceRegistry.Instance.All)
            {
                await WriteCsvEntryAsync(archive, sink, $"{resource.Collection}.csv", resource.RequestType, resource.ExportAsync(db, token), token);
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

    private async Task WriteCsvEntryAsync(
        ZipArchive archive, DrainingStream sink, string fileName, Type requestType, IAsyncEnumerable<ExportRecord<object>> records, CancellationToken ct)
    {
        var columns = _json.GetTypeInfo(requestType).Properties.Select(p => p.Name).ToList();
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
