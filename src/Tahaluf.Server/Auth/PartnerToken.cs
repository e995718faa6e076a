using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tahaluf.Server.Auth;

/// <summary>
/// Bearer tokens: 32 random bytes, base64url, prefixed <c>thl_</c>. Only their SHA-256 is stored, so a copy
/// of the database does not yield usable credentials. Thread-safe (static, pure).
/// </summary>
public static class PartnerToken
{
    private const string Prefix = "thl_";

    /// <summary>Creates a new random token. Shown to its holder once.</summary>
    /// <returns>The token text.</returns>
    public static string Create() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value stored at rest for a token: SHA-256 of its UTF-8 bytes.</summary>
    /// <param name="token">The token text.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    /// <param name="token">The presented token.</param>
    /// <param name="storedHash">The stored SHA-256.</param>
    /// <returns>True when they match.</returns>
    public static bool Matches(string token, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(token), storedHash);
}
