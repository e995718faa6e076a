using System.Buffers.Text;
using System.Security.Cryptography;

namespace Tahaluf.Server.Auth;

/// <summary>
/// Bearer tokens: 32 random bytes, base64url, prefixed <c>thl_</c>. Only their SHA-256 is stored (by the hub),
/// so a copy of the database does not yield usable credentials.
/// </summary>
public static class PartnerToken
{
    /// <summary>Creates a new random token. Shown to its holder once.</summary>
    /// <returns>The token text.</returns>
    public static string Create() => "thl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
