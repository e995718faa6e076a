namespace Tahaluf.Ledger.Storage;

/// <summary>
/// Holds the hashes of the complete subtrees of an append-only Merkle tree, level by level: level 0 holds
/// the leaf hashes, level L node i is the root of leaves [i·2^L, (i+1)·2^L). Appends are buffered until
/// <see cref="Commit"/> makes them durable (for stores that persist).
/// </summary>
/// <remarks>
/// <para>
/// Nodes arrive in post-order: a leaf, then the parents it completes, lowest first. Stores may rely on
/// that order (the file store lays the nodes out in it) and reject any other.
/// </para>
/// <para>
/// Implementations need not be thread-safe: <see cref="Merkle.MerkleTree"/> serializes access and callers
/// must not share one store between trees. All hashes are 32 bytes.
/// </para>
/// </remarks>
public interface IMerkleNodeStore : IDisposable
{
    /// <summary>The tree size recorded by the last <see cref="Commit"/> (0 when never committed).</summary>
    long CommittedSize { get; }

    /// <summary>The root hash recorded with <see cref="CommittedSize"/> (the empty-tree root when never committed).</summary>
    ReadOnlySpan<byte> CommittedRoot { get; }

    /// <summary>The number of nodes stored at <paramref name="level"/>, committed or not.</summary>
    /// <param name="level">The level, 0 for leaves, at most 63.</param>
    /// <returns>The count; 0 for a level never written.</returns>
    long GetNodeCount(int level);

    /// <summary>Copies node <paramref name="index"/> of <paramref name="level"/> into <paramref name="destination"/>.</summary>
    /// <param name="level">The level.</param>
    /// <param name="index">The node index, in [0, <see cref="GetNodeCount"/>).</param>
    /// <param name="destination">At least 32 bytes.</param>
    void ReadNode(int level, long index, Span<byte> destination);

    /// <summary>Appends a node at the end of <paramref name="level"/>.</summary>
    /// <param name="level">The level.</param>
    /// <param name="hash">The 32-byte hash.</param>
    void AppendNode(int level, ReadOnlySpan<byte> hash);

    /// <summary>Makes every appended node durable and records the tree size and root, atomically.</summary>
    /// <param name="treeSize">The tree size in leaves; equals the level-0 node count.</param>
    /// <param name="root">The 32-byte root hash at that size.</param>
    void Commit(long treeSize, ReadOnlySpan<byte> root);

    /// <summary>
    /// First half of a <see cref="Commit"/> that leaves the slow part to <see cref="CompleteCommit"/>: hands
    /// everything appended so far to the operating system. Called under the tree's lock; cheap.
    /// </summary>
    /// <param name="treeSize">The tree size being committed.</param>
    /// <param name="root">Its 32-byte root.</param>
    void PrepareCommit(long treeSize, ReadOnlySpan<byte> root)
    {
    }

    /// <summary>
    /// Second half: makes what <see cref="PrepareCommit"/> handed over durable and records the size and root. Runs
    /// outside the tree's lock (appends may continue meanwhile); never concurrently with another commit.
    /// </summary>
    /// <param name="treeSize">The size given to <see cref="PrepareCommit"/>.</param>
    /// <param name="root">The root given to <see cref="PrepareCommit"/>.</param>
    void CompleteCommit(long treeSize, ReadOnlySpan<byte> root) => Commit(treeSize, root);
}
