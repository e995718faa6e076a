using System.Numerics;
using System.Security.Cryptography;

namespace Tahaluf.Ledger.Merkle;

/// <summary>
/// Verifies RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2). Pure functions: they
/// check sizes, indices and lengths before any hashing, never allocate on the span overloads, and never
/// throw on malformed input; the outcome is a <see cref="ProofStatus"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Proofs come either as a list of hashes (each element must be 32 bytes) or as one span holding the
/// hashes back to back (its length must be a multiple of 32). Elements are ordered from the leaf (or the
/// old tree) upwards, as RFC 9162 and C2SP tlog-proof list them.
/// </remarks>
public static class MerkleProofVerifier
{
    /// <summary>The longest proof any tree of at most 2^63 - 1 leaves needs.</summary>
    public const int MaxProofLength = 64;

    /// <summary>The number of hashes an inclusion proof for <paramref name="index"/> in a tree of <paramref name="size"/> leaves has.</summary>
    /// <param name="index">Zero-based leaf index, in [0, size).</param>
    /// <param name="size">Tree size in leaves, at least 1.</param>
    /// <returns>The proof length, or -1 when the index is outside [0, size).</returns>
    public static int InclusionProofLength(long index, long size)
    {
        if (index < 0 || size <= 0 || index >= size)
        {
            return -1;
        }

        var (inner, border) = Decompose((ulong)index, (ulong)size);
        return inner + border;
    }

    /// <summary>The number of hashes a consistency proof between two sizes has.</summary>
    /// <param name="size1">The older size, at least 1.</param>
    /// <param name="size2">The newer size, at least <paramref name="size1"/>.</param>
    /// <returns>The proof length (0 when the sizes are equal), or -1 when the sizes admit no proof.</returns>
    public static int ConsistencyProofLength(long size1, long size2)
    {
        if (size1 <= 0 || size2 < size1)
        {
            return -1;
        }

        if (size1 == size2)
        {
            return 0;
        }

        var (inner, border) = Decompose((ulong)size1 - 1, (ulong)size2);
        var shift = BitOperations.TrailingZeroCount((ulong)size1);
        inner -= shift;
        var start = IsPowerOfTwo(size1) ? 0 : 1;
        return start + inner + border;
    }

    /// <summary>Verifies that the leaf with hash <paramref name="leafHash"/> is at <paramref name="index"/> in the tree of <paramref name="size"/> leaves whose root is <paramref name="root"/>.</summary>
    /// <param name="index">Zero-based leaf index.</param>
    /// <param name="size">Tree size in leaves.</param>
    /// <param name="leafHash">The RFC 9162 leaf hash (32 bytes), not the leaf data.</param>
    /// <param name="proof">The proof hashes back to back, leaf side first.</param>
    /// <param name="root">The expected root hash (32 bytes).</param>
    /// <returns><see cref="ProofStatus.Verified"/> or the reason the proof fails.</returns>
    public static ProofStatus VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> proof, ReadOnlySpan<byte> root)
    {
        Span<byte> computed = stackalloc byte[MerkleHash.Size];
        var status = RootFromInclusionProof(index, size, leafHash, proof, computed);
        if (status != ProofStatus.Verified)
        {
            return status;
        }

        if (root.Length != MerkleHash.Size)
        {
            return ProofStatus.MalformedHash;
        }

        return CryptographicOperations.FixedTimeEquals(computed, root) ? ProofStatus.Verified : ProofStatus.RootMismatch;
    }

    /// <summary>Verifies an inclusion proof given as a list of hashes.</summary>
    /// <param name="index">Zero-based leaf index.</param>
    /// <param name="size">Tree size in leaves.</param>
    /// <param name="leafHash">The RFC 9162 leaf hash (32 bytes).</param>
    /// <param name="proof">The proof hashes, leaf side first; each 32 bytes.</param>
    /// <param name="root">The expected root hash (32 bytes).</param>
    /// <returns><see cref="ProofStatus.Verified"/> or the reason the proof fails.</returns>
    public static ProofStatus VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var expected = InclusionProofLength(index, size);
        if (expected < 0)
        {
            return ProofStatus.IndexOutOfRange;
        }

        if (proof.Count != expected)
        {
            return ProofStatus.WrongProofLength;
        }

        Span<byte> flat = stackalloc byte[MaxProofLength * MerkleHash.Size];
        var status = Flatten(proof, flat);
        return status != ProofStatus.Verified
            ? status
            : VerifyInclusion(index, size, leafHash, flat[..(proof.Count * MerkleHash.Size)], root);
    }

    /// <summary>Computes the root an inclusion proof implies, without comparing it to anything.</summary>
    /// <param name="index">Zero-based leaf index.</param>
    /// <param name="size">Tree size in leaves.</param>
    /// <param name="leafHash">The RFC 9162 leaf hash (32 bytes).</param>
    /// <param name="proof">The proof hashes back to back, leaf side first.</param>
    /// <param name="destination">Receives the 32-byte root when the result is <see cref="ProofStatus.Verified"/>.</param>
    /// <returns><see cref="ProofStatus.Verified"/> when the inputs are well-formed, or the reason they are not.</returns>
    public static ProofStatus RootFromInclusionProof(long index, long size, ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> proof, Span<byte> destination)
    {
        if (destination.Length < MerkleHash.Size)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        if (index < 0 || size <= 0 || index >= size)
        {
            return ProofStatus.IndexOutOfRange;
        }

        if (leafHash.Length != MerkleHash.Size || proof.Length % MerkleHash.Size != 0)
        {
            return ProofStatus.MalformedHash;
        }

        var (inner, border) = Decompose((ulong)index, (ulong)size);
        if (proof.Length / MerkleHash.Size != inner + border)
        {
            return ProofStatus.WrongProofLength;
        }

        Span<byte> seed = destination[..MerkleHash.Size];
        leafHash.CopyTo(seed);
        ChainInner(seed, proof[..(inner * MerkleHash.Size)], (ulong)index);
        ChainBorderRight(seed, proof[(inner * MerkleHash.Size)..]);
        return ProofStatus.Verified;
    }

    /// <summary>
    /// Verifies that the tree of <paramref name="size2"/> leaves with root <paramref name="root2"/> extends
    /// the tree of <paramref name="size1"/> leaves with root <paramref name="root1"/>.
    /// </summary>
    /// <remarks>
    /// As in RFC 9162 and the transparency-dev reference, equal sizes need an empty proof and byte-equal
    /// roots, and a proof from the empty tree (size1 = 0) is refused because it proves nothing; a witness
    /// that starts from nothing should use <c>CheckpointConsistency</c>, which handles that case.
    /// </remarks>
    /// <param name="size1">The older tree size.</param>
    /// <param name="size2">The newer tree size.</param>
    /// <param name="root1">The older root (32 bytes).</param>
    /// <param name="root2">The newer root (32 bytes).</param>
    /// <param name="proof">The proof hashes back to back.</param>
    /// <returns><see cref="ProofStatus.Verified"/> or the reason the proof fails.</returns>
    public static ProofStatus VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, ReadOnlySpan<byte> proof)
    {
        if (size1 < 0 || size2 < size1)
        {
            return ProofStatus.TreeShrank;
        }

        if (size1 == 0)
        {
            return ProofStatus.EmptyTreeConsistency;
        }

        if (size1 == size2)
        {
            if (!proof.IsEmpty)
            {
                return ProofStatus.WrongProofLength;
            }

            return root1.SequenceEqual(root2) ? ProofStatus.Verified : ProofStatus.RootMismatch;
        }

        if (root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size || proof.Length % MerkleHash.Size != 0)
        {
            return ProofStatus.MalformedHash;
        }

        if (proof.Length / MerkleHash.Size != ConsistencyProofLength(size1, size2))
        {
            return ProofStatus.WrongProofLength;
        }

        var (inner, border) = Decompose((ulong)size1 - 1, (ulong)size2);
        var shift = BitOperations.TrailingZeroCount((ulong)size1);
        inner -= shift;

        Span<byte> seed = stackalloc byte[MerkleHash.Size];
        if (IsPowerOfTwo(size1))
        {
            root1.CopyTo(seed);
        }
        else
        {
            proof[..MerkleHash.Size].CopyTo(seed);
            proof = proof[MerkleHash.Size..];
        }

        var mask = ((ulong)size1 - 1) >> shift;
        var innerPart = proof[..(inner * MerkleHash.Size)];
        var borderPart = proof[(inner * MerkleHash.Size)..];

        Span<byte> hash1 = stackalloc byte[MerkleHash.Size];
        seed.CopyTo(hash1);
        ChainInnerRight(hash1, innerPart, mask);
        ChainBorderRight(hash1, borderPart);
        if (!CryptographicOperations.FixedTimeEquals(hash1, root1))
        {
            return ProofStatus.RootMismatch;
        }

        ChainInner(seed, innerPart, mask);
        ChainBorderRight(seed, borderPart);
        return CryptographicOperations.FixedTimeEquals(seed, root2) ? ProofStatus.Verified : ProofStatus.RootMismatch;
    }

    /// <summary>Verifies a consistency proof given as a list of hashes.</summary>
    /// <param name="size1">The older tree size.</param>
    /// <param name="size2">The newer tree size.</param>
    /// <param name="root1">The older root.</param>
    /// <param name="root2">The newer root.</param>
    /// <param name="proof">The proof hashes; each 32 bytes.</param>
    /// <returns><see cref="ProofStatus.Verified"/> or the reason the proof fails.</returns>
    public static ProofStatus VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 < 0 || size2 < size1)
        {
            return ProofStatus.TreeShrank;
        }

        if (size1 == 0)
        {
            return ProofStatus.EmptyTreeConsistency;
        }

        if (proof.Count != ConsistencyProofLength(size1, size2))
        {
            return ProofStatus.WrongProofLength;
        }

        Span<byte> flat = stackalloc byte[MaxProofLength * MerkleHash.Size];
        var status = Flatten(proof, flat);
        return status != ProofStatus.Verified
            ? status
            : VerifyConsistency(size1, size2, root1, root2, flat[..(proof.Count * MerkleHash.Size)]);
    }

    internal static bool IsPowerOfTwo(long value) => value > 0 && (value & (value - 1)) == 0;

    private static ProofStatus Flatten(IReadOnlyList<byte[]> proof, Span<byte> flat)
    {
        if (proof.Count > MaxProofLength)
        {
            return ProofStatus.WrongProofLength;
        }

        for (var i = 0; i < proof.Count; i++)
        {
            var element = proof[i];
            if (element is null || element.Length != MerkleHash.Size)
            {
                return ProofStatus.MalformedHash;
            }

            element.CopyTo(flat.Slice(i * MerkleHash.Size, MerkleHash.Size));
        }

        return ProofStatus.Verified;
    }

    // Splits a proof where the paths to leaves index and size-1 diverge: below it the proof is an ordinary
    // path, above it every sibling sits to the left on the right border.
    private static (int Inner, int Border) Decompose(ulong index, ulong size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount(index ^ (size - 1));
        var border = BitOperations.PopCount(index >> inner);
        return (inner, border);
    }

    private static void ChainInner(Span<byte> seed, ReadOnlySpan<byte> proof, ulong index)
    {
        for (var i = 0; i < proof.Length / MerkleHash.Size; i++)
        {
            var sibling = proof.Slice(i * MerkleHash.Size, MerkleHash.Size);
            if (((index >> i) & 1) == 0)
            {
                MerkleHash.HashChildren(seed, sibling, seed);
            }
            else
            {
                MerkleHash.HashChildren(sibling, seed, seed);
            }
        }
    }

    // Like ChainInner but skips right siblings, which yields the hash of the older version of the subtree.
    private static void ChainInnerRight(Span<byte> seed, ReadOnlySpan<byte> proof, ulong index)
    {
        for (var i = 0; i < proof.Length / MerkleHash.Size; i++)
        {
            if (((index >> i) & 1) == 1)
            {
                MerkleHash.HashChildren(proof.Slice(i * MerkleHash.Size, MerkleHash.Size), seed, seed);
            }
        }
    }

    private static void ChainBorderRight(Span<byte> seed, ReadOnlySpan<byte> proof)
    {
        for (var i = 0; i < proof.Length / MerkleHash.Size; i++)
        {
            MerkleHash.HashChildren(proof.Slice(i * MerkleHash.Size, MerkleHash.Size), seed, seed);
        }
    }
}
