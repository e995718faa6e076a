using System.Security.Cryptography;

namespace Tahaluf.Ledger.Merkle;

/// <summary>
/// RFC 9162 (section 2.1.1) tree hashing with SHA-256: leaves are hashed as SHA-256(0x00 ‖ data), interior
/// nodes as SHA-256(0x01 ‖ left ‖ right). Pure and thread-safe.
/// </summary>
public static class MerkleHash
{
    /// <summary>The size of every hash, in bytes (32).</summary>
    public const int Size = 32;

    private const int StackLeafLimit = 1024;

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>Hashes a leaf's data: SHA-256(0x00 ‖ data).</summary>
    /// <param name="data">The leaf data, any length.</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        HashLeaf(data, hash);
        return hash;
    }

    /// <summary>Hashes a leaf's data into <paramref name="destination"/>: SHA-256(0x00 ‖ data).</summary>
    /// <param name="data">The leaf data, any length.</param>
    /// <param name="destination">At least 32 bytes.</param>
    public static void HashLeaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        if (data.Length < StackLeafLimit)
        {
            Span<byte> buffer = stackalloc byte[data.Length + 1];
            buffer[0] = 0x00;
            data.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }

    /// <summary>Hashes two children into their parent: SHA-256(0x01 ‖ left ‖ right).</summary>
    /// <param name="left">The left child, 32 bytes.</param>
    /// <param name="right">The right child, 32 bytes.</param>
    /// <param name="destination">At least 32 bytes; may overlap either input.</param>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException("Children must be 32-byte hashes.", left.Length != Size ? nameof(left) : nameof(right));
        }

        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer.Slice(1, Size));
        right.CopyTo(buffer.Slice(1 + Size, Size));
        SHA256.HashData(buffer, destination);
    }

    /// <summary>Hashes two children into a new parent array.</summary>
    /// <param name="left">The left child, 32 bytes.</param>
    /// <param name="right">The right child, 32 bytes.</param>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        HashChildren(left, right, hash);
        return hash;
    }
}
