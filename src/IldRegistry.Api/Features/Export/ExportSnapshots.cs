using System.Globalization;
using System.Security.Cryptography;
using IldRegistry.Api.Common.Settings;
using IldRegistry.Data.Caching;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Features.Export;

/// <summary>One export, written whole to a file: what a download can be checked against and resumed from.</summary>
public sealed record ExportSnapshot(
    string Path, string Format, string FileName, string ContentType, long Length, string ETag, string ReprDigest, DateTimeOffset CreatedAt, long Generation);

/// <summary>
/// The export as a dated snapshot file: written once from one consistent read of the registry, then served with
/// <c>Content-Length</c>, a strong <c>ETag</c> and <c>Repr-Digest</c> (RFC 9530), so a client can tell a whole
/// download from a broken one and resume it with <c>Range</c>. Nothing is sent before the file is complete, so a
/// database failure is a clean 503, never a 200 that breaks off. A snapshot is served until the next write (the
/// <see cref="RegistryChanges"/> generation) or its maximum age.
/// </summary>
public sealed class ExportSnapshots(IServiceScopeFactory scopes, RegistryChanges changes, IOptions<ExportSettings> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly Dictionary<string, ExportSnapshot> _current = new(StringComparer.Ordinal);

    public void Dispose() => _building.Dispose();

    /// <summary>The current snapshot of <paramref name="format"/> (json or csv), opened for reading.</summary>
    public async Task<(ExportSnapshot Snapshot, FileStream Content)> OpenAsync(string format, CancellationToken ct)
    {
        if (TryOpenCurrent(format) is { } current)
        {
            return current;
        }

        await _building.WaitAsync(ct);
        try
        {
            if (TryOpenCurrent(format) is { } built)
            {
                return built;
            }

            var snapshot = await BuildAsync(format, ct);
            lock (_current)
            {
                if (_current.TryGetValue(format, out var previous))
                {
                    // Readers that opened it keep reading: an unlinked file lives until its last handle closes.
                    File.Delete(previous.Path);
                }

                _current[format] = snapshot;
            }

            return (snapshot, Open(snapshot.Path));
        }
        finally
        {
            _building.Release();
        }
    }

    private (ExportSnapshot, FileStream)? TryOpenCurrent(string format)
    {
        lock (_current)
        {
            if (!_current.TryGetValue(format, out var snapshot)
                || snapshot.Generation != changes.Generation
                || clock.GetUtcNow() - snapshot.CreatedAt > TimeSpan.FromSeconds(options.Value.SnapshotMaxAgeSeconds))
            {
                return null;
            }

            try
            {
                return (snapshot, Open(snapshot.Path));
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }
    }

    private async Task<ExportSnapshot> BuildAsync(string format, CancellationToken ct)
    {
        // Read before the data, so a write committing during the export makes the next request build anew.
        var generation = changes.Generation;
        var createdAt = clock.GetUtcNow();
        var directory = Directory.CreateDirectory(options.Value.SnapshotDirectory).FullName;
        var csv = format == ExportFormats.Csv;
        var extension = csv ? "zip" : format == ExportFormats.Popolo ? "popolo.json" : "json";
        var partial = Path.Combine(directory, $"{format}-{Guid.NewGuid():N}.part");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
            byte[] digest;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous))
            {
                await (format switch
                {
                    ExportFormats.Csv => exports.WriteCsvZipAsync(file, ct),
                    ExportFormats.Popolo => exports.WritePopoloAsync(file, ct),
                    _ => exports.WriteJsonAsync(file, ct),
                });
                await file.FlushAsync(ct);
                file.Position = 0;
                digest = await SHA256.HashDataAsync(file, ct);
            }

            var hex = Convert.ToHexStringLower(digest);
            var path = Path.Combine(directory, $"ildregistry-{createdAt:yyyyMMddTHHmmssZ}-{hex[..16]}.{extension}");
            File.Move(partial, path, overwrite: true);
            return new ExportSnapshot(
                path,
                format,
                $"ildregistry-{createdAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}",
                csv ? "application/zip" : "application/json; charset=utf-8",
                new FileInfo(path).Length,
                $"\"sha256-{hex[..32]}\"",
                $"sha-256=:{Convert.ToBase64String(digest)}:",
                createdAt,
                generation);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
}

internal static class ExportSetup
{
    public static IServiceCollection AddExportSnapshots(this IServiceCollection services)
    {
        services.AddSingleton<ExportSnapshots>();
        return services;
    }
}
