using System.Security.Cryptography;
using System.Text;

namespace IldRegistry.Api.Common.Auth;

/// <summary>
/// Keys are 256 random bits, so one SHA-256 is enough to store them safely (no password-style stretching is
/// needed for secrets that cannot be guessed); only the hash is kept.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "ild_";

    public static string Generate() =>
        Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
