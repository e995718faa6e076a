using Tahaluf.Ledger.Merkle;

namespace Tahaluf.Ledger.Checkpoints;

/// <summary>
/// The witness's check (c2sp.org/tlog-witness semantics): does a new checkpoint extend the last one seen?
/// Pure, thread-safe, never throws on bad input. Signatures are checked elsewhere, before this.
/// </summary>
public static class CheckpointConsistency
{
    /// <summary>Decides whether <paramref name="next"/> is consistent with <paramref name="last"/>.</summary>
    /// <param name="last">The last checkpoint seen for this origin, or null for the first one (accepted on first use).</param>
    /// <param name="next">The new checkpoint.</param>
    /// <param name="proof">The consistency proof from last.Size to next.Size; empty when the sizes are equal or <paramref name="last"/> is empty.</param>
    /// <returns>The verdict.</returns>
    public static ConsistencyVerdict Check(Checkpoint? last, Checkpoint next, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(proof);
        if (last is null)
        {
            return proof.Count == 0 ? ConsistencyVerdict.Consistent : Fail(LedgerErrorCodes.WrongProofLength, "A first checkpoint needs no proof.");
        }

        if (!string.Equals(last.Origin, next.Origin, StringComparison.Ordinal))
        {
            return Fail(LedgerErrorCodes.OriginMismatch, $"The checkpoints come from different logs: '{last.Origin}' and '{next.Origin}'.");
        }

        if (next.Size < last.Size)
        {
            return Fail(LedgerErrorCodes.TreeShrank, $"The tree shrank from {last.Size} to {next.Size} leaves.");
        }

        if (next.Size == last.Size)
        {
            if (!next.HasRoot(last.RootHash))
            {
                return Fail(LedgerErrorCodes.Fork, $"Two different roots for the same size {next.Size}: the log forked.");
            }

            return proof.Count == 0 ? ConsistencyVerdict.Consistent : Fail(LedgerErrorCodes.WrongProofLength, "Equal sizes need an empty proof.");
        }

        if (last.Size == 0)
        {
            // Every tree extends the empty tree, provided the old checkpoint really was the empty tree.
            if (!last.HasRoot(MerkleHash.EmptyRoot()))
            {
                return Fail(LedgerErrorCodes.Fork, "The old checkpoint claims size 0 with a root other than the empty tree's.");
            }

            return proof.Count == 0 ? ConsistencyVerdict.Consistent : Fail(LedgerErrorCodes.WrongProofLength, "Growing from the empty tree needs no proof.");
        }

        var status = MerkleProofVerifier.VerifyConsistency(last.Size, next.Size, last.RootHash, next.RootHash, proof);
        return status == ProofStatus.Verified
            ? ConsistencyVerdict.Consistent
            : Fail(status.ToErrorCode()!, $"The consistency proof from {last.Size} to {next.Size} fails: {status}.");
    }

    private static ConsistencyVerdict Fail(string code, string message) => new(new LedgerError(code, message));
}
