using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace IldRegistry.Data.Seed;

/// <summary>
/// Deterministic ids for seeded records: RFC 9562 version 5 (name-based, SHA-1) UUIDs of a stable key such as
/// <c>department:ild</c>. The same key gives the same id on every machine and every start, which is what makes the
/// seed idempotent. Keys name the fact (never a list position), and neither they nor <see cref="Namespace"/> may change
/// once released: a changed key is a new record.
/// </summary>
public static class SeedIds
{
    /// <summary>The namespace of the registry's seed keys (chosen once, at random).</summary>
    public static readonly Guid Namespace = new("1f82e7a3-1254-4b13-99f3-4f4fafcac47b");

    /// <summary>The id of the seeded record with this key.</summary>
    public static Guid For(string key) => Create(Namespace, key);

    /// <summary>An RFC 9562 version 5 UUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 9562 version 5 UUIDs are defined over SHA-1; this is an identifier, not a security boundary.")]
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
