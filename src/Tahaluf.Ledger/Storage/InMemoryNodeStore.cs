using Tahaluf.Ledger.Merkle;

namespace Tahaluf.Ledger.Storage;

/// <summary>
/// A node store in memory: 32 bytes per node, about 64 bytes per leaf in all. For tests, verifiers and
/// small logs; nothing survives the process. Not thread-safe.
/// </summary>
public sealed class InMemoryNodeStore : IMerkleNodeStore
{
    private readonly List<Level> _levels = [];
    private readonly byte[] _committedRoot = MerkleHash.EmptyRoot();

    /// <inheritdoc />
    public long CommittedSize { get; private set; }

    /// <inheritdoc />
    public ReadOnlySpan<byte> CommittedRoot => _committedRoot;

    /// <inheritdoc />
    public long GetNodeCount(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        return level < _levels.Count ? _levels[level].Count : 0;
    }

    /// <inheritdoc />
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        var count = GetNodeCount(level);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        _levels[level].Read(index, destination);
    }

    /// <inheritdoc />
    public void AppendNode(int level, ReadOnlySpan<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 63);
        if (hash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A node is a 32-byte hash.", nameof(hash));
        }

        while (_levels.Count <= level)
        {
            _levels.Add(new Level());
        }

        _levels[level].Append(hash);
    }

    /// <inheritdoc />
    /// <remarks>Nothing to make durable: the whole commit happens here, under the tree's lock.</remarks>
    public void PrepareCommit(long treeSize, ReadOnlySpan<byte> root) => Commit(treeSize, root);

    /// <inheritdoc />
    public void CompleteCommit(long treeSize, ReadOnlySpan<byte> root)
    {
    }

    /// <inheritdoc />
    public void Commit(long treeSize, ReadOnlySpan<byte> root)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(treeSize, GetNodeCount(0));
        if (root.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A root is a 32-byte hash.", nameof(root));
        }

        CommittedSize = treeSize;
        root.CopyTo(_committedRoot);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // Chunked so that 10 million leaves never need one contiguous 320 MB array.
    private sealed class Level
    {
        private const int ChunkNodes = 1 << 16;
        private readonly List<byte[]> _chunks = [];

        public long Count { get; private set; }

        public void Append(ReadOnlySpan<byte> hash)
        {
            var offset = (int)(Count % ChunkNodes);
            if (offset == 0)
            {
                _chunks.Add(new byte[ChunkNodes * MerkleHash.Size]);
            }

            hash.CopyTo(_chunks[^1].AsSpan(offset * MerkleHash.Size, MerkleHash.Size));
            Count++;
        }

        public void Read(long index, Span<byte> destination)
        {
            var chunk = _chunks[(int)(index / ChunkNodes)];
            chunk.AsSpan((int)(index % ChunkNodes) * MerkleHash.Size, MerkleHash.Size).CopyTo(destination);
        }
    }
}
