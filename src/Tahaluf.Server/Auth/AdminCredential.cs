using System.Security.Cryptography;
using System.Text;

namespace Tahaluf.Server.Auth;

/// <summary>The admin credential, compared in constant time.</summary>
/// <param name="token">The admin token.</param>
public sealed class AdminCredential(string token)
{
    /// <summary>The principal name of the admin.</summary>
    public const string Name = "admin";

    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether a presented token is the admin token.</summary>
    /// <param name="presented">The presented token.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
