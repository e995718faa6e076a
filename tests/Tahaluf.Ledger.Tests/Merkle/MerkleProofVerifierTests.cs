using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Ledger.Merkle;

namespace Tahaluf.Ledger.Tests.Merkle;

public sealed class MerkleProofVerifierTests
{
    private static readonly MerkleTree Tree = MerkleTreeTests.BuildTree(64);

    [Property(MaxTest = 300)]
    public Property VerifyInclusion_AnyFlippedProofOrRootByte_Fails(PositiveInt sizeSeed, NonNegativeInt indexSeed, NonNegativeInt byteSeed, byte mask)
    {
        var size = 2 + (sizeSeed.Get % 63);
        var index = indexSeed.Get % size;
        var flip = mask == 0 ? (byte)1 : mask;
        var proof = Tree.InclusionProof(index, size);
        var root = Tree.RootHash(size);
        var leaf = Tree.LeafHash(index);
        var target = byteSeed.Get % ((proof.Length + 1) * 32);
        if (target < proof.Length * 32)
        {
            proof[target / 32][target % 32] ^= flip;
        }
        else
        {
            root[target % 32] ^= flip;
        }

        return (MerkleProofVerifier.VerifyInclusion(index, size, leaf, proof, root) == ProofStatus.RootMismatch).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property VerifyConsistency_AnyFlippedProofOrRootByte_Fails(PositiveInt newSeed, NonNegativeInt oldSeed, NonNegativeInt byteSeed, byte mask)
    {
        var newSize = 2 + (newSeed.Get % 63);
        var oldSize = 1 + (oldSeed.Get % (newSize - 1));
        var flip = mask == 0 ? (byte)1 : mask;
        var proof = Tree.ConsistencyProof(oldSize, newSize);
        var roots = new[] { Tree.RootHash(oldSize), Tree.RootHash(newSize) };
        var target = byteSeed.Get % ((proof.Length + 2) * 32);
        if (target < proof.Length * 32)
        {
            proof[target / 32][target % 32] ^= flip;
        }
        else
        {
            roots[(target / 32) - proof.Length][target % 32] ^= flip;
        }

        return (MerkleProofVerifier.VerifyConsistency(oldSize, newSize, roots[0], roots[1], proof) == ProofStatus.RootMismatch).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property VerifyInclusion_ArbitraryBytes_NeverThrows(long index, long size, byte[] leaf, byte[] proof, byte[] root)
    {
        var status = MerkleProofVerifier.VerifyInclusion(index, size, leaf ?? [], proof ?? [], root ?? []);
        return (status != ProofStatus.Verified || (leaf?.Length == 32)).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property VerifyConsistency_ArbitraryBytes_NeverThrows(long size1, long size2, byte[] root1, byte[] root2, byte[] proof)
    {
        var status = MerkleProofVerifier.VerifyConsistency(size1, size2, root1 ?? [], root2 ?? [], proof ?? []);
        return (status != ProofStatus.Verified || size1 == size2).ToProperty();
    }
}
