using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Merkle;

namespace Tahaluf.Ledger.Tests.Checkpoints;

public sealed class CheckpointConsistencyTests
{
    private static Checkpoint At(MerkleTree tree, long size, string origin = Fixtures.Origin) => new(origin, size, tree.RootHash(size));

    [Fact]
    public void Check_GrowingTreeWithValidProof_Consistent()
    {
        using var tree = Fixtures.Tree(20);
        var verdict = CheckpointConsistency.Check(At(tree, 7), At(tree, 20), tree.ConsistencyProof(7, 20));
        Assert.True(verdict.IsConsistent);
    }

    [Fact]
    public void Check_FirstCheckpoint_AcceptedOnFirstUse()
    {
        using var tree = Fixtures.Tree(5);
        Assert.True(CheckpointConsistency.Check(null, At(tree, 5), []).IsConsistent);
    }

    [Fact]
    public void Check_FromEmptyTree_ConsistentWithoutProof()
    {
        using var tree = Fixtures.Tree(5);
        Assert.True(CheckpointConsistency.Check(At(tree, 0), At(tree, 5), []).IsConsistent);
    }

    [Fact]
    public void Check_SameSizeDifferentRoot_Fork()
    {
        using var tree = Fixtures.Tree(6);
        using var other = new MerkleTree(new Tahaluf.Ledger.Storage.InMemoryNodeStore());
        for (var i = 0; i < 6; i++)
        {
            other.Append(Fixtures.Entry(i == 3 ? 99 : i));
        }

        var verdict = CheckpointConsistency.Check(At(tree, 6), At(other, 6), []);

        Assert.Equal(LedgerErrorCodes.Fork, verdict.Error?.Code);
    }

    [Fact]
    public void Check_SameSizeSameRoot_Consistent()
    {
        using var tree = Fixtures.Tree(6);
        Assert.True(CheckpointConsistency.Check(At(tree, 6), At(tree, 6), []).IsConsistent);
    }

    [Fact]
    public void Check_ShrinkingTree_TreeShrank()
    {
        using var tree = Fixtures.Tree(9);
        Assert.Equal(LedgerErrorCodes.TreeShrank, CheckpointConsistency.Check(At(tree, 9), At(tree, 4), []).Error?.Code);
    }

    [Fact]
    public void Check_RewrittenHistory_RootMismatch()
    {
        using var honest = Fixtures.Tree(10);
        using var rewritten = new MerkleTree(new Tahaluf.Ledger.Storage.InMemoryNodeStore());
        for (var i = 0; i < 16; i++)
        {
            rewritten.Append(Fixtures.Entry(i == 2 ? 42 : i));
        }

        var verdict = CheckpointConsistency.Check(At(honest, 10), At(rewritten, 16), rewritten.ConsistencyProof(10, 16));

        Assert.Equal(LedgerErrorCodes.RootMismatch, verdict.Error?.Code);
    }

    [Fact]
    public void Check_TruncatedProof_WrongProofLength()
    {
        using var tree = Fixtures.Tree(13);
        var proof = tree.ConsistencyProof(5, 13);
        Assert.Equal(LedgerErrorCodes.WrongProofLength, CheckpointConsistency.Check(At(tree, 5), At(tree, 13), proof[..^1]).Error?.Code);
    }

    [Fact]
    public void Check_DifferentOrigin_OriginMismatch()
    {
        using var tree = Fixtures.Tree(13);
        var verdict = CheckpointConsistency.Check(At(tree, 5), At(tree, 13, "other.example/log"), tree.ConsistencyProof(5, 13));
        Assert.Equal(LedgerErrorCodes.OriginMismatch, verdict.Error?.Code);
    }

    [Fact]
    public void Check_EmptyTreeWithWrongRoot_Fork()
    {
        using var tree = Fixtures.Tree(3);
        var fakeEmpty = new Checkpoint(Fixtures.Origin, 0, tree.RootHash(3));
        Assert.Equal(LedgerErrorCodes.Fork, CheckpointConsistency.Check(fakeEmpty, At(tree, 3), []).Error?.Code);
        Assert.Equal(MerkleHash.EmptyRoot(), tree.RootHash(0));
    }
}
