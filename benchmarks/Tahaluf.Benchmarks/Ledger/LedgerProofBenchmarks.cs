using BenchmarkDotNet.Attributes;
using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Benchmarks.Ledger;

/// <summary>
/// Proof generation from the file store (warm OS page cache, levels ≥ 6 in memory) and proof
/// verification, at 1M and 10M entries. The store is built once per size into a temp directory and
/// reused by later runs. Targets: generation &lt; 50 µs, verification &lt; 20 µs.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class LedgerProofBenchmarks
{
    private const int Samples = 1024;
    private readonly byte[] _proof = new byte[MerkleProofVerifier.MaxProofLength * MerkleHash.Size];
    private MerkleTree _tree = null!;
    private long[] _indices = [];
    private byte[][] _leafHashes = [];
    private byte[][] _inclusionProofs = [];
    private byte[][] _consistencyProofs = [];
    private byte[][] _oldRoots = [];
    private byte[] _root = [];
    private int _next;

    [Params(1_000_000, 10_000_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"tahaluf-ledger-proofs-{Size}");
        _tree = new MerkleTree(FileNodeStore.Open(directory));
        if (_tree.Size != Size)
        {
            _tree.Dispose();
            Directory.Delete(directory, recursive: true);
            _tree = new MerkleTree(FileNodeStore.Open(directory));
            var leaf = new byte[8];
            for (long i = 0; i < Size; i++)
            {
                BitConverter.TryWriteBytes(leaf, i);
                _tree.Append(leaf);
                if (i % 100_000 == 99_999)
                {
                    _tree.Commit();
                }
            }

            _tree.Commit();
        }

        var random = new Random(42);
        _root = _tree.RootHash(Size);
        _indices = Enumerable.Range(0, Samples).Select(_ => random.NextInt64(1, Size)).ToArray();
        _leafHashes = _indices.Select(_tree.LeafHash).ToArray();
        _inclusionProofs = _indices.Select(i => Flatten(_tree.InclusionProof(i, Size))).ToArray();
        _consistencyProofs = _indices.Select(i => Flatten(_tree.ConsistencyProof(i, Size))).ToArray();
        _oldRoots = _indices.Select(_tree.RootHash).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _tree.Dispose();

    // Baseline: the bare SHA-256 node hashes a verification of this size performs (log2(size) of them),
    // so the verify figures can be read against the machine's hashing speed in the same run.
    [Benchmark(Baseline = true)]
    public byte Sha256_NodeHashes_Baseline()
    {
        Span<byte> node = stackalloc byte[MerkleHash.Size];
        var count = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Size);
        for (var i = 0; i < count; i++)
        {
            MerkleHash.HashChildren(_root, node, node);
        }

        return node[0];
    }

    [Benchmark]
    public int InclusionProof_Generate() => _tree.WriteInclusionProof(_indices[Next()], Size, _proof);

    [Benchmark]
    public ProofStatus InclusionProof_Verify()
    {
        var i = Next();
        return MerkleProofVerifier.VerifyInclusion(_indices[i], Size, _leafHashes[i], _inclusionProofs[i], _root);
    }

    [Benchmark]
    public int ConsistencyProof_Generate() => _tree.WriteConsistencyProof(_indices[Next()], Size, _proof);

    [Benchmark]
    public ProofStatus ConsistencyProof_Verify()
    {
        var i = Next();
        return MerkleProofVerifier.VerifyConsistency(_indices[i], Size, _oldRoots[i], _root, _consistencyProofs[i]);
    }

    private static byte[] Flatten(byte[][] proof) => proof.SelectMany(h => h).ToArray();

    private int Next() => _next = (_next + 1) & (Samples - 1);
}
