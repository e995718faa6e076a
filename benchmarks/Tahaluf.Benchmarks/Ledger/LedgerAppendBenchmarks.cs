using BenchmarkDotNet.Attributes;
using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Benchmarks.Ledger;

/// <summary>
/// Batched appends: 1,000 leaves then one durable commit (fsync of the node file and the commit record).
/// Reported per append. Baseline: the same batch into the in-memory store, which has no durability.
/// Target ≥ 10,000 appends/s batched; anchor: Tessera about 10,000 writes/s on NVMe.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class LedgerAppendBenchmarks
{
    private const int BatchSize = 1_000;
    private readonly byte[] _leaf = new byte[120];
    private string _directory = string.Empty;
    private MerkleTree _fileTree = null!;
    private MerkleTree _memoryTree = null!;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "tahaluf-ledger-append-" + Guid.NewGuid().ToString("N"));
        _fileTree = new MerkleTree(FileNodeStore.Open(_directory));
        _memoryTree = new MerkleTree(new InMemoryNodeStore());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fileTree.Dispose();
        _memoryTree.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public long AppendBatch_InMemory_NoCommit() => AppendBatch(_memoryTree, commit: false);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long AppendBatch_FileStore_DurableCommit() => AppendBatch(_fileTree, commit: true);

    private long AppendBatch(MerkleTree tree, bool commit)
    {
        for (var i = 0; i < BatchSize; i++)
        {
            BitConverter.TryWriteBytes(_leaf, ++_counter);
            tree.Append(_leaf);
        }

        return commit ? tree.Commit() : tree.Size;
    }
}
