using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Tahaluf.Ledger.Merkle;

namespace Tahaluf.Ledger.Storage;

/// <summary>
/// A durable node store in one directory: <c>nodes.bin</c>, an append-only file of 32-byte hashes in
/// post-order (a leaf, then the parents it completes), and <c>commit.state</c>, two checksummed slots
/// recording the last committed size and root. About 64 bytes of disk per leaf (640 MB for 10 million).
/// </summary>
/// <remarks>
/// <para>
/// Durability: <see cref="Commit"/> writes the buffered nodes, fsyncs <c>nodes.bin</c>, then writes the
/// next state slot and fsyncs it; a crash at any point leaves the previous commit intact. On open, nodes
/// past the committed size (a torn tail, or nodes appended but never committed) are truncated away, and
/// <see cref="MerkleTree"/> then checks the recomputed root against the recorded one.
/// </para>
/// <para>
/// Speed: levels at or above <c>memoryLevel</c> (default 6, i.e. 1/32 of the nodes) are also kept in
/// memory, so a proof reads at most a handful of nodes from the file (served by the OS page cache when
/// warm). The directory entry of a newly created file is not fsynced; the first commit after creation
/// relies on the file system's ordering for it.
/// </para>
/// <para>Not thread-safe; <see cref="MerkleTree"/> serializes access.</para>
/// </remarks>
public sealed class FileNodeStore : IMerkleNodeStore
{
    /// <summary>The name of the node file inside the store's directory.</summary>
    public const string NodeFileName = "nodes.bin";

    /// <summary>The name of the commit record inside the store's directory.</summary>
    public const string StateFileName = "commit.state";

    private const int MaxLevels = 64;
    private const int SlotSize = 128;
    private const int SlotPayload = 8 + 8 + 8 + MerkleHash.Size;
    private const int PendingFlushBytes = 4 << 20;
    private static readonly byte[] SlotMagic = "TLGSTAT1"u8.ToArray();

    private readonly SafeFileHandle _nodes;
    private readonly SafeFileHandle _state;
    private readonly int _memoryLevel;
    private readonly long[] _levelCounts = new long[MaxLevels];
    private readonly List<byte[]>?[] _memoryLevels = new List<byte[]>?[MaxLevels];
    private readonly byte[] _committedRoot;
    private byte[] _pending = new byte[64 * 1024];
    private int _pendingBytes;
    private long _writtenNodes;
    private long _sequence;
    private bool _disposed;

    private FileNodeStore(SafeFileHandle nodes, SafeFileHandle state, int memoryLevel, long committedSize, byte[] committedRoot, long sequence)
    {
        _nodes = nodes;
        _state = state;
        _memoryLevel = memoryLevel;
        CommittedSize = committedSize;
        _committedRoot = committedRoot;
        _sequence = sequence;
    }

    /// <inheritdoc />
    public long CommittedSize { get; private set; }

    /// <inheritdoc />
    public ReadOnlySpan<byte> CommittedRoot => _committedRoot;

    /// <summary>
    /// Opens (or creates) the store in <paramref name="directory"/>, discarding anything past the last
    /// commit: a torn last write or appends that were never committed.
    /// </summary>
    /// <param name="directory">The store's directory; created when missing.</param>
    /// <param name="memoryLevel">The lowest level also held in memory, in [1, 64]; 64 keeps nothing in memory.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="InvalidDataException">The commit record is corrupt or the node file is shorter than the committed size needs.</exception>
    public static FileNodeStore Open(string directory, int memoryLevel = 6)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(memoryLevel, MaxLevels);
        Directory.CreateDirectory(directory);

        var nodes = File.OpenHandle(Path.Combine(directory, NodeFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        SafeFileHandle? state = null;
        try
        {
            state = File.OpenHandle(Path.Combine(directory, StateFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var (sequence, size, root) = ReadState(state);
            var committedNodes = NodeCountForSize(size);
            var length = RandomAccess.GetLength(nodes);
            if (length < committedNodes * MerkleHash.Size)
            {
                throw new InvalidDataException($"{NodeFileName} holds {length} bytes; the committed size {size} needs {committedNodes * MerkleHash.Size}.");
            }

            if (length != committedNodes * MerkleHash.Size)
            {
                RandomAccess.SetLength(nodes, committedNodes * MerkleHash.Size);
                RandomAccess.FlushToDisk(nodes);
            }

            var store = new FileNodeStore(nodes, state, memoryLevel, size, root, sequence);
            store.LoadCounts(size);
            return store;
        }
        catch
        {
            nodes.Dispose();
            state?.Dispose();
            throw;
        }
    }

    /// <summary>The position of node <paramref name="index"/> of <paramref name="level"/> in the post-order node file.</summary>
    /// <param name="level">The level, 0 for leaves.</param>
    /// <param name="index">The node index within its level.</param>
    /// <returns>The zero-based node position (multiply by 32 for the byte offset).</returns>
    public static long PostOrderPosition(int level, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfNegative(index);

        // Leaf i follows the 2i - popcount(i) nodes of the first i leaves; a level-L node follows the last
        // leaf under it and that leaf's L - 1 lower completed parents.
        var lastLeaf = ((index + 1) << level) - 1;
        return NodeCountForSize(lastLeaf) + level;
    }

    /// <inheritdoc />
    public long GetNodeCount(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        return level < MaxLevels ? _levelCounts[level] : 0;
    }

    /// <inheritdoc />
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, GetNodeCount(level));
        if (destination.Length < MerkleHash.Size)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        var memory = _memoryLevels[level];
        if (memory is not null)
        {
            ReadChunk(memory, index, destination);
            return;
        }

        ReadAt(PostOrderPosition(level, index), destination[..MerkleHash.Size]);
    }

    /// <inheritdoc />
    public void AppendNode(int level, ReadOnlySpan<byte> hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, MaxLevels);
        if (hash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A node is a 32-byte hash.", nameof(hash));
        }

        var position = PostOrderPosition(level, _levelCounts[level]);
        if (position != _writtenNodes + (_pendingBytes / MerkleHash.Size))
        {
            throw new InvalidOperationException($"Node {_levelCounts[level]} of level {level} is out of post-order.");
        }

        if (_pendingBytes + MerkleHash.Size > _pending.Length)
        {
            Array.Resize(ref _pending, _pending.Length * 2);
        }

        hash.CopyTo(_pending.AsSpan(_pendingBytes, MerkleHash.Size));
        _pendingBytes += MerkleHash.Size;
        if (level >= _memoryLevel)
        {
            AppendChunk(_memoryLevels[level] ??= [], _levelCounts[level], hash);
        }

        _levelCounts[level]++;
        if (_pendingBytes >= PendingFlushBytes)
        {
            WritePending();
        }
    }

    /// <inheritdoc />
    public void Commit(long treeSize, ReadOnlySpan<byte> root)
    {
        PrepareCommit(treeSize, root);
        CompleteCommit(treeSize, root);
    }

    /// <inheritdoc />
    public void PrepareCommit(long treeSize, ReadOnlySpan<byte> root)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNotEqual(treeSize, _levelCounts[0]);
        if (root.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A root is a 32-byte hash.", nameof(root));
        }

        WritePending();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Appends may run meanwhile: they write beyond what <see cref="PrepareCommit"/> wrote, and the fsync of the
    /// node file covers at least everything written before it started, which includes the committed size.
    /// </remarks>
    public void CompleteCommit(long treeSize, ReadOnlySpan<byte> root)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (root.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A root is a 32-byte hash.", nameof(root));
        }

        RandomAccess.FlushToDisk(_nodes);

        _sequence++;
        Span<byte> slot = stackalloc byte[SlotSize];
        slot.Clear();
        SlotMagic.CopyTo(slot);
        BinaryPrimitives.WriteInt64BigEndian(slot[8..], _sequence);
        BinaryPrimitives.WriteInt64BigEndian(slot[16..], treeSize);
        root.CopyTo(slot[24..]);
        SHA256.HashData(slot[..SlotPayload], slot.Slice(SlotPayload, MerkleHash.Size));
        RandomAccess.Write(_state, slot, (_sequence % 2) * SlotSize);
        RandomAccess.FlushToDisk(_state);

        CommittedSize = treeSize;
        root.CopyTo(_committedRoot);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _nodes.Dispose();
        _state.Dispose();
    }

    // Nodes in a tree of n leaves: every leaf plus one parent per completed pair, i.e. 2n - popcount(n).
    private static long NodeCountForSize(long size) => (2 * size) - BitOperations.PopCount((ulong)size);

    private static (long Sequence, long Size, byte[] Root) ReadState(SafeFileHandle state)
    {
        var best = (Sequence: 0L, Size: 0L, Root: MerkleHash.EmptyRoot());
        Span<byte> slot = stackalloc byte[SlotSize];
        Span<byte> check = stackalloc byte[MerkleHash.Size];
        var length = RandomAccess.GetLength(state);
        for (var i = 0; i < 2; i++)
        {
            if (length < (i + 1) * SlotSize)
            {
                break;
            }

            RandomAccess.Read(state, slot, i * SlotSize);
            SHA256.HashData(slot[..SlotPayload], check);

            // A slot torn by a crash fails its checksum; the other slot still holds the previous commit.
            if (!slot[..8].SequenceEqual(SlotMagic) || !check.SequenceEqual(slot.Slice(SlotPayload, MerkleHash.Size)))
            {
                continue;
            }

            var sequence = BinaryPrimitives.ReadInt64BigEndian(slot[8..]);
            var size = BinaryPrimitives.ReadInt64BigEndian(slot[16..]);
            if (sequence > best.Sequence && size >= 0)
            {
                best = (sequence, size, slot.Slice(24, MerkleHash.Size).ToArray());
            }
        }

        return best;
    }

    private static void AppendChunk(List<byte[]> chunks, long index, ReadOnlySpan<byte> hash)
    {
        const int chunkNodes = 1 << 12;
        var offset = (int)(index % chunkNodes);
        if (offset == 0)
        {
            chunks.Add(new byte[chunkNodes * MerkleHash.Size]);
        }

        hash.CopyTo(chunks[^1].AsSpan(offset * MerkleHash.Size, MerkleHash.Size));
    }

    private static void ReadChunk(List<byte[]> chunks, long index, Span<byte> destination)
    {
        const int chunkNodes = 1 << 12;
        chunks[(int)(index / chunkNodes)].AsSpan((int)(index % chunkNodes) * MerkleHash.Size, MerkleHash.Size).CopyTo(destination);
    }

    private void LoadCounts(long size)
    {
        _writtenNodes = NodeCountForSize(size);
        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        for (var level = 0; level < MaxLevels; level++)
        {
            _levelCounts[level] = size >> level;
            if (level < _memoryLevel)
            {
                continue;
            }

            var chunks = _memoryLevels[level] = [];
            for (long i = 0; i < _levelCounts[level]; i++)
            {
                ReadAt(PostOrderPosition(level, i), hash);
                AppendChunk(chunks, i, hash);
            }
        }
    }

    private void ReadAt(long position, Span<byte> destination)
    {
        if (position >= _writtenNodes)
        {
            _pending.AsSpan((int)(position - _writtenNodes) * MerkleHash.Size, MerkleHash.Size).CopyTo(destination);
            return;
        }

        var offset = position * MerkleHash.Size;
        var read = 0;
        while (read < MerkleHash.Size)
        {
            var n = RandomAccess.Read(_nodes, destination[read..MerkleHash.Size], offset + read);
            if (n == 0)
            {
                throw new InvalidDataException($"{NodeFileName} ended before node {position}.");
            }

            read += n;
        }
    }

    private void WritePending()
    {
        if (_pendingBytes == 0)
        {
            return;
        }

        RandomAccess.Write(_nodes, _pending.AsSpan(0, _pendingBytes), _writtenNodes * MerkleHash.Size);
        _writtenNodes += _pendingBytes / MerkleHash.Size;
        _pendingBytes = 0;
    }
}
