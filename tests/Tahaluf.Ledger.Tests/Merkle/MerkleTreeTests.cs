using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Ledger.Tests.Merkle;

public sealed class MerkleTreeTests
{
    private const int MaxSize = 64;

    private static readonly byte[][] Leaves = Enumerable.Range(0, MaxSize).Select(i => BitConverter.GetBytes(i * 7919)).ToArray();

    [Fact]
    public void RootHash_EverySizeUpTo64_MatchesReference()
    {
        using var tree = BuildTree(MaxSize);
        for (var size = 0; size <= MaxSize; size++)
        {
            Assert.Equal(ReferenceTree.Mth(Leaves, 0, size), tree.RootHash(size));
        }
    }

    [Fact]
    public void InclusionProof_EveryIndexAndSizeUpTo64_MatchesReferenceAndVerifies()
    {
        using var tree = BuildTree(MaxSize);
        for (var size = 1; size <= MaxSize; size++)
        {
            var root = tree.RootHash(size);
            for (var index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                Assert.Equal(ReferenceTree.Path(index, Leaves, 0, size), proof);
                Assert.Equal(ProofStatus.Verified, MerkleProofVerifier.VerifyInclusion(index, size, ReferenceTree.LeafHash(Leaves[index]), proof, root));
            }
        }
    }

    [Fact]
    public void ConsistencyProof_EverySizePairUpTo64_MatchesReferenceAndVerifies()
    {
        using var tree = BuildTree(MaxSize);
        for (var newSize = 1; newSize <= MaxSize; newSize++)
        {
            var newRoot = tree.RootHash(newSize);
            for (var oldSize = 1; oldSize <= newSize; oldSize++)
            {
                var proof = tree.ConsistencyProof(oldSize, newSize);
                Assert.Equal(ReferenceTree.Proof(oldSize, Leaves, newSize), proof);
                Assert.Equal(ProofStatus.Verified, MerkleProofVerifier.VerifyConsistency(oldSize, newSize, tree.RootHash(oldSize), newRoot, proof));
            }
        }
    }

    [Fact]
    public void InclusionProof_WrongLeaf_RootMismatch()
    {
        using var tree = BuildTree(10);
        var proof = tree.InclusionProof(3, 10);
        var status = MerkleProofVerifier.VerifyInclusion(3, 10, ReferenceTree.LeafHash(Leaves[4]), proof, tree.RootHash(10));
        Assert.Equal(ProofStatus.RootMismatch, status);
    }

    [Fact]
    public void VerifyInclusion_ProofOfOtherSize_WrongProofLength()
    {
        using var tree = BuildTree(10);
        var proof = tree.InclusionProof(3, 8);
        var status = MerkleProofVerifier.VerifyInclusion(3, 10, ReferenceTree.LeafHash(Leaves[3]), proof, tree.RootHash(10));
        Assert.Equal(ProofStatus.WrongProofLength, status);
    }

    [Fact]
    public void VerifyInclusion_NegativeIndex_IndexOutOfRange()
    {
        var status = MerkleProofVerifier.VerifyInclusion(-1, 1, new byte[32], Array.Empty<byte[]>(), new byte[32]);
        Assert.Equal(ProofStatus.IndexOutOfRange, status);
    }

    [Fact]
    public void VerifyConsistency_ShrinkingTree_TreeShrank()
    {
        var status = MerkleProofVerifier.VerifyConsistency(5, 4, new byte[32], new byte[32], Array.Empty<byte[]>());
        Assert.Equal(ProofStatus.TreeShrank, status);
    }

    [Fact]
    public void VerifyInclusion_ShortProofElement_MalformedHash()
    {
        using var tree = BuildTree(4);
        var proof = tree.InclusionProof(1, 4);
        proof[1] = proof[1][..31];
        var status = MerkleProofVerifier.VerifyInclusion(1, 4, ReferenceTree.LeafHash(Leaves[1]), proof, tree.RootHash(4));
        Assert.Equal(ProofStatus.MalformedHash, status);
    }

    [Fact]
    public void WriteInclusionProof_SpanOverload_EqualsArrayOverload()
    {
        using var tree = BuildTree(37);
        var buffer = new byte[2048];
        var count = tree.WriteInclusionProof(17, 37, buffer);
        Assert.Equal(tree.InclusionProof(17, 37).SelectMany(h => h).ToArray(), buffer[..(count * 32)]);
        Assert.Equal(ProofStatus.Verified, MerkleProofVerifier.VerifyInclusion(17, 37, tree.LeafHash(17), buffer.AsSpan(0, count * 32), tree.RootHash(37)));
    }

    [Fact]
    public void InclusionProof_IndexBeyondSize_Throws()
    {
        using var tree = BuildTree(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(0, 5));
    }

    internal static MerkleTree BuildTree(int size, IMerkleNodeStore? store = null)
    {
        var tree = new MerkleTree(store ?? new InMemoryNodeStore());
        for (var i = 0; i < size; i++)
        {
            tree.Append(Leaves[i]);
        }

        return tree;
    }
}
