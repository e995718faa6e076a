using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tahaluf.Ledger.Notes;

/// <summary>C2SP key ids and key names. Pure and thread-safe.</summary>
public static class NoteKeyId
{
    /// <summary>Computes the key id: the first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ type ‖ public key).</summary>
    /// <param name="name">The key name; must satisfy <see cref="IsValidName"/>.</param>
    /// <param name="type">The signature type byte.</param>
    /// <param name="publicKey">The encoded public key (32 bytes for Ed25519).</param>
    /// <returns>The 32-bit key id.</returns>
    public static uint Compute(string name, NoteKeyType type, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = 0x0A;
        buffer[nameBytes.Length + 1] = (byte)type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a valid key name: non-empty, at most 1,024 UTF-16 code units, no
    /// Unicode white space, no plus sign, no control characters, well-formed UTF-16.
    /// </summary>
    /// <param name="name">The candidate name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 1024)
        {
            return false;
        }

        var position = 0;
        while (position < name.Length)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(position), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || rune.Value == '+')
            {
                return false;
            }

            position += consumed;
        }

        return true;
    }
}
