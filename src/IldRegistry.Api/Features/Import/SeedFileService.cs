using System.Text.Json;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Features.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Features.Import;

/// <summary>
/// Loads the data files under <c>data/seed/</c> (embedded in the API at build time, in the export format) through the
/// import, in the mode that only adds the records the registry lacks: idempotent, and never overwriting or bringing
/// back what an admin changed or deleted. Researchers propose data as a change to such a file.
/// </summary>
public sealed partial class SeedFileService(ImportService imports, IOptions<JsonOptions> jsonOptions, ILogger<SeedFileService> logger)
{
    /// <summary>
    /// The names of the embedded seed files, in the order they load (by name: <c>seed/ild-article.json</c> first, whose
    /// source records the later files cite too).
    /// </summary>
    public static IReadOnlyList<string> Files => EmbeddedSeed.Files;

    /// <summary>Loads every seed file, or only <paramref name="only"/>; returns each file's result, or its errors when it could not be loaded.</summary>
    public async Task<IReadOnlyDictionary<string, (IReadOnlyDictionary<string, List<string>>? Errors, ImportResult? Result)>> LoadAsync(IReadOnlyCollection<string>? only = null, CancellationToken ct = default)
    {
        var results = new Dictionary<string, (IReadOnlyDictionary<string, List<string>>?, ImportResult?)>(StringComparer.Ordinal);
        foreach (var file in Files.Where(f => only is null || only.Contains(f)))
        {
            await using var stream = typeof(SeedFileService).Assembly.GetManifestResourceStream(file)!;
            var document = await JsonSerializer.DeserializeAsync<ExportDocument>(stream, jsonOptions.Value.JsonSerializerOptions, ct)
                ?? throw new InvalidDataException($"The seed file {file} is empty.");
            var (errors, result) = await imports.ImportAsync(document, dryRun: false, ct, onlyMissing: true);
            if (errors is not null)
            {
                // A record an admin entered may clash with the file's (a name, an overlapping post): the registry as
                // the admin left it wins, and the file waits for someone to reconcile them.
                LogSkipped(logger, file, errors);
            }
            else
            {
                LogLoaded(logger, file, result!.Created, result.Unchanged);
            }

            results[file] = (errors, result);
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed file {File}: added {Created} record(s), left {Present} already present alone")]
    private static partial void LogLoaded(ILogger logger, string file, IReadOnlyDictionary<string, int> created, IReadOnlyDictionary<string, int> present);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed file {File} not loaded: {Errors}")]
    private static partial void LogSkipped(ILogger logger, string file, IReadOnlyDictionary<string, List<string>> errors);
}
