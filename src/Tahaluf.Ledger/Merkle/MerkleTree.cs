using System.Numerics;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Ledger.Merkle;

/// <summary>
/// An append-only RFC 9162 Merkle tree over an <see cref="IMerkleNodeStore"/>: appends, roots at any size
/// 0..<see cref="Size"/>, inclusion proofs and consistency proofs. Each proof or root reads at most about
/// two nodes per level, so its cost grows with log2(size) and not with the size itself.
/// </summary>
/// <remarks>
/// Thread-safe: every member takes one internal lock, so appends and proof reads may come from several
/// threads (they run one at a time). The tree owns the store and disposes it.
/// </remarks>
public sealed class MerkleTree : IDisposable
{
    private const int MaxLevels = 64;
    private readonly IMerkleNodeStore _store;
    private readonly Lock _lock = new();
    private readonly Lock _commitLock = new();

    // Per level, the latest node with an even index: the left sibling a right sibling will need, so
    // appends never read back from the store.
    private readonly byte[] _lastNode = new byte[MaxLevels * MerkleHash.Size];

    /// <summary>Opens a tree over <paramref name="store"/>, checking that its levels agree with each other and with the committed root.</summary>
    /// <param name="store">The node store; the tree takes ownership.</param>
    /// <exception cref="InvalidDataException">The store's levels or committed root are inconsistent.</exception>
    public MerkleTree(IMerkleNodeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        try
        {
            Open();
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The number of leaves appended, committed or not.</summary>
    public long Size { get; private set; }


    /// <summary>The tree size made durable by the last <see cref="Commit"/>.</summary>
    public long CommittedSize
    {
        get
        {
            lock (_lock)
            {
                return _store.CommittedSize;
            }
        }
    }

    /// <summary>Appends a leaf: hashes <paramref name="leafData"/> as SHA-256(0x00 ‖ data) and adds it.</summary>
    /// <param name="leafData">The leaf's bytes, any length.</param>
    /// <returns>The leaf's zero-based index.</returns>
    public long Append(ReadOnlySpan<byte> leafData)
    {
        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        MerkleHash.HashLeaf(leafData, hash);
        return AppendLeafHash(hash);
    }

    /// <summary>Appends a leaf given its RFC 9162 leaf hash.</summary>
    /// <param name="leafHash">The 32-byte leaf hash.</param>
    /// <returns>The leaf's zero-based index.</returns>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        lock (_lock)
        {
            var index = Size;
            Span<byte> node = stackalloc byte[MerkleHash.Size];
            leafHash.CopyTo(node);
            _store.AppendNode(0, node);

            // A node with an odd index completes its parent; carry upwards like a binary counter.
            var position = index;
            var level = 0;
            while ((position & 1) == 1)
            {
                MerkleHash.HashChildren(LastNode(level), node, node);
                level++;
                position >>= 1;
                _store.AppendNode(level, node);
            }

            node.CopyTo(LastNode(level));

            Size = index + 1;
            return index;
        }
    }

    /// <summary>
    /// Makes every appended leaf durable (one fsync per touched file for the file store) and records the current size
    /// and root. The fsyncs run outside the tree's lock, so appends from another thread wait only for the hand-over;
    /// commits are serialized among themselves.
    /// </summary>
    /// <returns>The committed size.</returns>
    public long Commit()
    {
        lock (_commitLock)
        {
            long size;
            var root = new byte[MerkleHash.Size];
            lock (_lock)
            {
                size = Size;
                WriteRootCore(size, root);
                _store.PrepareCommit(size, root);
            }

            _store.CompleteCommit(size, root);
            return size;
        }
    }

    /// <summary>The root hash of the first <paramref name="size"/> leaves.</summary>
    /// <param name="size">A size in [0, <see cref="Size"/>].</param>
    /// <returns>A new 32-byte array.</returns>
    public byte[] RootHash(long size)
    {
        var root = new byte[MerkleHash.Size];
        WriteRootHash(size, root);
        return root;
    }

    /// <summary>Writes the root hash of the first <paramref name="size"/> leaves into <paramref name="destination"/>.</summary>
    /// <param name="size">A size in [0, <see cref="Size"/>].</param>
    /// <param name="destination">At least 32 bytes.</param>
    public void WriteRootHash(long size, Span<byte> destination)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(size);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
            WriteRootCore(size, destination);
        }
    }

    /// <summary>The leaf hash at <paramref name="index"/>.</summary>
    /// <param name="index">A leaf index in [0, <see cref="Size"/>).</param>
    /// <returns>A new 32-byte array.</returns>
    public byte[] LeafHash(long index)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
            var hash = new byte[MerkleHash.Size];
            _store.ReadNode(0, index, hash);
            return hash;
        }
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, leaf side first.</summary>
    /// <param name="index">A leaf index in [0, size).</param>
    /// <param name="size">A tree size in [1, <see cref="Size"/>].</param>
    /// <returns>The proof hashes, each a new 32-byte array.</returns>
    public byte[][] InclusionProof(long index, long size)
    {
        Span<byte> flat = stackalloc byte[MerkleProofVerifier.MaxProofLength * MerkleHash.Size];
        var count = WriteInclusionProof(index, size, flat);
        return Split(flat[..(count * MerkleHash.Size)]);
    }

    /// <summary>Writes the inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, hashes back to back, leaf side first.</summary>
    /// <param name="index">A leaf index in [0, size).</param>
    /// <param name="size">A tree size in [1, <see cref="Size"/>].</param>
    /// <param name="destination">Room for the proof: <see cref="MerkleProofVerifier.InclusionProofLength"/> × 32 bytes (2,048 always suffice).</param>
    /// <returns>The number of hashes written.</returns>
    public int WriteInclusionProof(long index, long size, Span<byte> destination)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
            var length = MerkleProofVerifier.InclusionProofLength(index, size);
            if (destination.Length < length * MerkleHash.Size)
            {
                throw new ArgumentException("The destination is too small for the proof.", nameof(destination));
            }

            // Walk from the root down; the sibling met first is the proof's last element.
            long start = 0, end = size;
            var position = length;
            while (end - start > 1)
            {
                var mid = start + LargestPowerOfTwoBelow(end - start);
                position--;
                var slot = destination.Slice(position * MerkleHash.Size, MerkleHash.Size);
                if (index < mid)
                {
                    RangeHash(mid, end, slot);
                    end = mid;
                }
                else
                {
                    RangeHash(start, mid, slot);
                    start = mid;
                }
            }

            return length;
        }
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> leaves to the one of <paramref name="newSize"/> leaves (RFC 9162 section 2.1.4.1).</summary>
    /// <param name="oldSize">The older size, in [1, newSize].</param>
    /// <param name="newSize">The newer size, at most <see cref="Size"/>.</param>
    /// <returns>The proof hashes (empty when the sizes are equal).</returns>
    public byte[][] ConsistencyProof(long oldSize, long newSize)
    {
        Span<byte> flat = stackalloc byte[MerkleProofVerifier.MaxProofLength * MerkleHash.Size];
        var count = WriteConsistencyProof(oldSize, newSize, flat);
        return Split(flat[..(count * MerkleHash.Size)]);
    }

    /// <summary>Writes the consistency proof between two sizes, hashes back to back.</summary>
    /// <param name="oldSize">The older size, in [1, newSize].</param>
    /// <param name="newSize">The newer size, at most <see cref="Size"/>.</param>
    /// <param name="destination">Room for the proof (2,048 bytes always suffice).</param>
    /// <returns>The number of hashes written.</returns>
    public int WriteConsistencyProof(long oldSize, long newSize, Span<byte> destination)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(newSize, oldSize);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(newSize, Size);
            var length = MerkleProofVerifier.ConsistencyProofLength(oldSize, newSize);
            if (destination.Length < length * MerkleHash.Size)
            {
                throw new ArgumentException("The destination is too small for the proof.", nameof(destination));
            }

            // RFC 9162 SUBPROOF, unrolled from the root down; deeper recursion levels come first in the proof.
            // The known proof length ends the walk, which also covers SUBPROOF's empty case (m = n, b = true).
            long start = 0, end = newSize, m = oldSize;
            var position = length;
            while (position > 0)
            {
                var width = end - start;
                if (m == width)
                {
                    position--;
                    RangeHash(start, end, destination.Slice(position * MerkleHash.Size, MerkleHash.Size));
                    break;
                }

                var k = LargestPowerOfTwoBelow(width);
                position--;
                var slot = destination.Slice(position * MerkleHash.Size, MerkleHash.Size);
                if (m <= k)
                {
                    RangeHash(start + k, end, slot);
                    end = start + k;
                }
                else
                {
                    RangeHash(start, start + k, slot);
                    m -= k;
                    start += k;
                }
            }

            return length;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _store.Dispose();

    private static long LargestPowerOfTwoBelow(long value) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(value - 1)));

    private static byte[][] Split(ReadOnlySpan<byte> flat)
    {
        var result = new byte[flat.Length / MerkleHash.Size][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = flat.Slice(i * MerkleHash.Size, MerkleHash.Size).ToArray();
        }

        return result;
    }

    private void Open()
    {
        var store = _store;
        Size = store.GetNodeCount(0);
        for (var level = 1; level < MaxLevels; level++)
        {
            var expected = Size >> level;
            var actual = store.GetNodeCount(level);
            if (actual != expected)
            {
                throw new InvalidDataException($"Level {level} holds {actual} nodes; a tree of {Size} leaves needs {expected}.");
            }
        }

        for (var level = 0; level < MaxLevels && (Size >> level) > 0; level++)
        {
            store.ReadNode(level, (Size >> level) - 1, LastNode(level));
        }

        var committed = store.CommittedSize;
        if (committed > Size)
        {
            throw new InvalidDataException($"The store records a committed size of {committed} but holds only {Size} leaves.");
        }

        Span<byte> root = stackalloc byte[MerkleHash.Size];
        WriteRootCore(committed, root);
        if (!root.SequenceEqual(store.CommittedRoot))
        {
            throw new InvalidDataException($"The root recomputed at the committed size {committed} differs from the recorded root.");
        }
    }

    private Span<byte> LastNode(int level) => _lastNode.AsSpan(level * MerkleHash.Size, MerkleHash.Size);

    private void WriteRootCore(long size, Span<byte> destination)
    {
        if (size == 0)
        {
            System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty, destination);
            return;
        }

        RangeHash(0, size, destination);
    }

    // The hash of leaves [start, end), a subtree of the RFC 9162 shape: a right fold over the complete
    // subtrees named by the set bits of its width, the smallest (rightmost) first.
    private void RangeHash(long start, long end, Span<byte> destination)
    {
        var width = (ulong)(end - start);
        var position = end;
        var first = true;
        Span<byte> piece = stackalloc byte[MerkleHash.Size];
        while (width != 0)
        {
            var level = BitOperations.TrailingZeroCount(width);
            width &= width - 1;
            position -= 1L << level;
            if (first)
            {
                _store.ReadNode(level, position >> level, destination);
                first = false;
            }
            else
            {
                _store.ReadNode(level, position >> level, piece);
                MerkleHash.HashChildren(piece, destination[..MerkleHash.Size], destination);
            }
        }
    }
}
