using System.Buffers;
using System.Security.Cryptography;
using Microsoft.IO;

namespace IldRegistry.Api.Common;

/// <summary>
/// Pooled buffers for response bodies held back before they are sent (the ETag hashes the body; an idempotent
/// write keeps its answer). A <see cref="MemoryStream"/> grew by doubling for each response, 128 KB of garbage for
/// a 36 KB page of events and large-object-heap arrays for bigger ones, which made garbage collections most of a
/// list's allocations (bench/README.md). Microsoft.IO.RecyclableMemoryStream chains blocks from a bounded pool.
/// </summary>
internal static class ResponseBuffers
{
    private static readonly RecyclableMemoryStreamManager Manager = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 16 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,

        // What the pool keeps when no request holds it; past that, returned blocks are left to the GC.
        MaximumSmallPoolFreeBytes = 4 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
    });

    public static RecyclableMemoryStream Rent(string tag) => Manager.GetStream(tag);

    /// <summary>SHA-256 of the stream's contents, read block by block (no copy into one array).</summary>
    public static byte[] Sha256(RecyclableMemoryStream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in stream.GetReadOnlySequence())
        {
            hash.AppendData(segment.Span);
        }

        return hash.GetHashAndReset();
    }
}
