using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Receipts;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Hub.Ledger;

/// <summary>
/// The hub's Merkle log: the tree over every committed leaf, the latest checkpoint signed with the hub's
/// Ed25519 key (C2SP signed note), proofs and receipts. Leaves are appended only after the store commit
/// that holds them, so the tree never runs ahead of the store; on start it catches up from the store.
/// The store is the durable copy of every leaf, so the node file is made durable at most once a second, in the
/// background (and on dispose): after a crash it is truncated to its last durable size and re-filled from the store.
/// Thread-safe: one writer appends, any thread reads.
/// </summary>
public sealed class HubLedger : IDisposable
{
    private readonly MerkleTree _tree;
    private readonly NoteSigner _signer;
    private static readonly TimeSpan DurableEvery = TimeSpan.FromSeconds(1);
    private readonly Lock _signing = new();
    private SignedCheckpoint _latest;
    private long _appended;
    private long _lastDurable = System.Diagnostics.Stopwatch.GetTimestamp();
    private int _committing;
    private Task _commit = Task.CompletedTask;

    /// <summary>Creates a ledger over a node store.</summary>
    /// <param name="nodes">Where tree nodes live (owned by the ledger from now on).</param>
    /// <param name="signer">The hub's checkpoint signing key (owned by the ledger).</param>
    /// <param name="origin">The checkpoint origin line.</param>
    public HubLedger(IMerkleNodeStore nodes, NoteSigner signer, string origin)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        _tree = new MerkleTree(nodes);
        _signer = signer;
        Origin = origin;
        _latest = Sign(_tree.Size);
        _appended = _tree.Size;
    }

    /// <summary>An in-memory ledger with a fresh random key (tests, throwaway hubs).</summary>
    /// <param name="origin">Origin line.</param>
    /// <returns>The ledger.</returns>
    public static HubLedger InMemory(string origin) => new(new InMemoryNodeStore(), NoteSigner.Generate(origin), origin);

    /// <summary>The checkpoint origin line.</summary>
    public string Origin { get; }

    /// <summary>The hub's verifier key (C2SP signed-note vkey), which partners pin.</summary>
    public string VerifierKey => _signer.Verifier.VerifierKey;

    /// <summary>Number of leaves in the tree.</summary>
    public long Size => _tree.Size;

    /// <summary>
    /// The latest signed checkpoint, over every committed leaf. Signed when first asked for after an append, not
    /// on every commit: the writer appends hundreds of times a second and checkpoints are read far less often.
    /// Ed25519 is deterministic, so the note is the same whichever thread signs it.
    /// </summary>
    public SignedCheckpoint Latest
    {
        get
        {
            var latest = Volatile.Read(ref _latest);
            var size = Volatile.Read(ref _appended);
            if (latest.Checkpoint.Size >= size)
            {
                return latest;
            }

            lock (_signing)
            {
                latest = _latest;
                if (latest.Checkpoint.Size < size)
                {
                    latest = Sign(size);
                    Volatile.Write(ref _latest, latest);
                }

                return latest;
            }
        }
    }

    /// <summary>Appends committed leaves (in index order, continuing <see cref="Size"/>); <see cref="Latest"/> then covers them.</summary>
    /// <param name="leaves">(index, leaf bytes) pairs.</param>
    public void AppendCommitted(IReadOnlyList<(long Index, byte[] Leaf)> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0)
        {
            return;
        }

        foreach (var (index, leaf) in leaves)
        {
            if (index != _tree.Size)
            {
                throw new InvalidOperationException($"Ledger leaf {index} does not continue the tree of size {_tree.Size}.");
            }

            _tree.Append(leaf);
        }

        if (System.Diagnostics.Stopwatch.GetElapsedTime(_lastDurable) >= DurableEvery && Interlocked.CompareExchange(ref _committing, 1, 0) == 0)
        {
            // The fsyncs run on the thread pool: the writer that appends must not wait for the disk here (the
            // store already holds every leaf durably; this file only spares a rebuild after a crash).
            _lastDurable = System.Diagnostics.Stopwatch.GetTimestamp();
            _commit = Task.Run(() =>
            {
                try
                {
                    _tree.Commit();
                }
                finally
                {
                    Volatile.Write(ref _committing, 0);
                }
            });
        }

        Volatile.Write(ref _appended, _tree.Size);
    }

    /// <summary>The leaf hash at an index.</summary>
    /// <param name="index">Leaf index, below <see cref="Size"/>.</param>
    /// <returns>32 bytes.</returns>
    public byte[] LeafHash(long index) => _tree.LeafHash(index);

    /// <summary>Inclusion proof of a leaf in the tree of a given size.</summary>
    /// <param name="index">Leaf index.</param>
    /// <param name="size">Tree size (index &lt; size ≤ <see cref="Size"/>).</param>
    /// <returns>The proof hashes.</returns>
    public byte[][] InclusionProof(long index, long size) => _tree.InclusionProof(index, size);

    /// <summary>Consistency proof between two sizes.</summary>
    /// <param name="oldSize">Older size.</param>
    /// <param name="newSize">Newer size (≤ <see cref="Size"/>).</param>
    /// <returns>The proof hashes.</returns>
    public byte[][] ConsistencyProof(long oldSize, long newSize) => _tree.ConsistencyProof(oldSize, newSize);

    /// <summary>Root hash at a size.</summary>
    /// <param name="size">Tree size.</param>
    /// <returns>32 bytes.</returns>
    public byte[] RootHash(long size) => _tree.RootHash(size);

    /// <summary>
    /// A C2SP tlog-proof receipt for an entry under the latest checkpoint, with the leaf bytes as its
    /// extra data so it verifies offline on its own.
    /// </summary>
    /// <param name="index">Entry index.</param>
    /// <param name="leaf">The entry's leaf bytes.</param>
    /// <returns>The receipt text, or null when the entry is not yet under the latest checkpoint.</returns>
    public string? Receipt(long index, byte[] leaf)
    {
        var (checkpoint, note) = Latest;
        if (index < 0 || index >= checkpoint.Size)
        {
            return null;
        }

        return new Receipt(index, _tree.InclusionProof(index, checkpoint.Size), note, leaf).ToText();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _commit.GetAwaiter().GetResult();
        }
        catch (IOException)
        {
            // The final commit below tries again.
        }

        _tree.Commit();
        _tree.Dispose();
        _signer.Dispose();
    }

    private SignedCheckpoint Sign(long size)
    {
        var checkpoint = new Checkpoint(Origin, size, _tree.RootHash(size));
        return new SignedCheckpoint(checkpoint, checkpoint.Sign(_signer));
    }
}
