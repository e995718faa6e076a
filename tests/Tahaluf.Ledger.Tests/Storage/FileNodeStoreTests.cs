using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Ledger.Tests.Storage;

public sealed class FileNodeStoreTests
{
    private static byte[] Leaf(int i) => BitConverter.GetBytes((i * 2654435761L) ^ 0x5bd1e995);

    private static MerkleTree Open(string directory, int memoryLevel = 2) => new(FileNodeStore.Open(directory, memoryLevel));

    private static MerkleTree Reference(int size)
    {
        var tree = new MerkleTree(new InMemoryNodeStore());
        for (var i = 0; i < size; i++)
        {
            tree.Append(Leaf(i));
        }

        return tree;
    }

    [Fact]
    public void Proofs_FileStoreWithCommitsAndPendingNodes_EqualInMemoryProofs()
    {
        using var directory = new TempDirectory();
        const int size = 150;
        using var reference = Reference(size);
        using var tree = Open(directory.Path);
        for (var i = 0; i < size; i++)
        {
            tree.Append(Leaf(i));
            if (i % 37 == 0)
            {
                tree.Commit();
            }
        }

        for (var n = 1; n <= size; n += 7)
        {
            Assert.Equal(reference.RootHash(n), tree.RootHash(n));
            for (var i = 0; i < n; i += 3)
            {
                Assert.Equal(reference.InclusionProof(i, n), tree.InclusionProof(i, n));
            }

            for (var m = 1; m <= n; m += 5)
            {
                Assert.Equal(reference.ConsistencyProof(m, n), tree.ConsistencyProof(m, n));
            }
        }
    }

    [Fact]
    public async Task Commit_WhileAnotherThreadAppends_RecordsSizesAndRootsOfTheSameTree()
    {
        using var directory = new TempDirectory();
        const int size = 20_000;
        using var reference = Reference(size);
        var committed = new List<long>();
        using (var tree = Open(directory.Path))
        {
            var appender = Task.Run(() =>
            {
                for (var i = 0; i < size; i++)
                {
                    tree.Append(Leaf(i));
                }
            });
            while (!appender.IsCompleted)
            {
                committed.Add(tree.Commit());
            }

            await appender;
            Assert.True(committed.Count > 1, "commits should have overlapped the appends");
            Assert.Equal(size, tree.Commit());
        }

        // Each commit recorded a prefix of the same log; reopening finds the last one whole.
        Assert.Equal(committed.Order(), committed);
        using var reopened = Open(directory.Path);
        Assert.Equal(size, reopened.Size);
        Assert.Equal(reference.RootHash(size), reopened.RootHash(size));
    }

    [Fact]
    public void Open_AfterCommitAndRestart_ContinuesSameTree()
    {
        using var directory = new TempDirectory();
        using (var tree = Open(directory.Path))
        {
            for (var i = 0; i < 100; i++)
            {
                tree.Append(Leaf(i));
            }

            Assert.Equal(100, tree.Commit());
        }

        using var reference = Reference(160);
        using (var reopened = Open(directory.Path))
        {
            Assert.Equal(100, reopened.Size);
            Assert.Equal(100, reopened.CommittedSize);
            Assert.Equal(reference.RootHash(100), reopened.RootHash(100));
            for (var i = 100; i < 160; i++)
            {
                reopened.Append(Leaf(i));
            }

            reopened.Commit();
        }

        using var third = Open(directory.Path, memoryLevel: 64);
        Assert.Equal(reference.RootHash(160), third.RootHash(160));
        Assert.Equal(reference.InclusionProof(99, 160), third.InclusionProof(99, 160));
        Assert.Equal(reference.ConsistencyProof(100, 160), third.ConsistencyProof(100, 160));
    }

    [Fact]
    public void Open_UncommittedAppends_AreDiscarded()
    {
        using var directory = new TempDirectory();
        using (var tree = Open(directory.Path))
        {
            for (var i = 0; i < 40; i++)
            {
                tree.Append(Leaf(i));
            }

            tree.Commit();
            for (var i = 40; i < 50; i++)
            {
                tree.Append(Leaf(i));
            }
        }

        using var reopened = Open(directory.Path);
        Assert.Equal(40, reopened.Size);
    }

    [Fact]
    public void Open_TornLastWrite_TruncatesAndTreeContinuesConsistently()
    {
        using var directory = new TempDirectory();
        byte[] committedRoot;
        using (var tree = Open(directory.Path))
        {
            for (var i = 0; i < 100; i++)
            {
                tree.Append(Leaf(i));
            }

            tree.Commit();
            committedRoot = tree.RootHash(100);
        }

        // A crash in the middle of the next batch's write: a whole node and half of another reach the disk.
        var nodeFile = Path.Combine(directory.Path, FileNodeStore.NodeFileName);
        var committedLength = new FileInfo(nodeFile).Length;
        using (var stream = new FileStream(nodeFile, FileMode.Append))
        {
            stream.Write(new byte[32 + 17].Select((_, i) => (byte)(i + 1)).ToArray());
        }

        using var reference = Reference(130);
        using (var reopened = Open(directory.Path))
        {
            Assert.Equal(100, reopened.Size);
            Assert.Equal(committedLength, new FileInfo(nodeFile).Length);
            Assert.Equal(committedRoot, reopened.RootHash(100));
            for (var i = 100; i < 130; i++)
            {
                reopened.Append(Leaf(i));
            }

            reopened.Commit();
            var proof = reopened.ConsistencyProof(100, 130);
            Assert.Equal(ProofStatus.Verified, MerkleProofVerifier.VerifyConsistency(100, 130, committedRoot, reopened.RootHash(130), proof));
            Assert.Equal(reference.RootHash(130), reopened.RootHash(130));
        }

        using var again = Open(directory.Path);
        Assert.Equal(130, again.Size);
        Assert.Equal(reference.InclusionProof(117, 130), again.InclusionProof(117, 130));
    }

    [Fact]
    public void Open_TornCommitRecord_FallsBackToPreviousCommit()
    {
        using var directory = new TempDirectory();
        using (var tree = Open(directory.Path))
        {
            for (var i = 0; i < 50; i++)
            {
                tree.Append(Leaf(i));
            }

            tree.Commit();
            for (var i = 50; i < 80; i++)
            {
                tree.Append(Leaf(i));
            }

            tree.Commit();
        }

        // The second commit went to slot 0 (sequence 2); tear it.
        var stateFile = Path.Combine(directory.Path, FileNodeStore.StateFileName);
        var bytes = File.ReadAllBytes(stateFile);
        bytes[20] ^= 0xFF;
        File.WriteAllBytes(stateFile, bytes);

        using var reference = Reference(50);
        using var reopened = Open(directory.Path);
        Assert.Equal(50, reopened.Size);
        Assert.Equal(reference.RootHash(50), reopened.RootHash(50));
    }

    [Fact]
    public void Open_CorruptedCommittedNode_ThrowsInvalidData()
    {
        using var directory = new TempDirectory();
        using (var tree = Open(directory.Path, memoryLevel: 64))
        {
            for (var i = 0; i < 20; i++)
            {
                tree.Append(Leaf(i));
            }

            tree.Commit();
        }

        var nodeFile = Path.Combine(directory.Path, FileNodeStore.NodeFileName);
        var bytes = File.ReadAllBytes(nodeFile);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(nodeFile, bytes);

        Assert.Throws<InvalidDataException>(() => Open(directory.Path, memoryLevel: 64));
    }

    [Fact]
    public void PostOrderPosition_EveryNodeOfSixteenLeaves_MatchesAppendOrder()
    {
        var expected = new List<(int Level, long Index)>();
        var counts = new long[8];
        for (var leaf = 0; leaf < 16; leaf++)
        {
            expected.Add((0, counts[0]++));
            var level = 0;
            var position = leaf;
            while ((position & 1) == 1)
            {
                level++;
                position >>= 1;
                expected.Add((level, counts[level]++));
            }
        }

        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(i, FileNodeStore.PostOrderPosition(expected[i].Level, expected[i].Index));
        }
    }
}
