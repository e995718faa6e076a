namespace Tahaluf.Ledger.Merkle;

/// <summary>
/// The outcome of checking a Merkle proof: <see cref="Verified"/> or the reason it failed. Values are
/// persisted by name; never renumber.
/// </summary>
public enum ProofStatus
{
    /// <summary>The proof verifies against the given root(s).</summary>
    Verified = 0,

    /// <summary>The leaf index is negative or not below the tree size.</summary>
    IndexOutOfRange = 1,

    /// <summary>A size is negative, or the second tree is smaller than the first.</summary>
    TreeShrank = 2,

    /// <summary>A consistency proof from the empty tree to a non-empty one; it proves nothing.</summary>
    EmptyTreeConsistency = 3,

    /// <summary>The number of proof hashes is not the one the index and sizes require.</summary>
    WrongProofLength = 4,

    /// <summary>A leaf hash, root hash or proof element is not 32 bytes.</summary>
    MalformedHash = 5,

    /// <summary>The root recomputed from the proof differs from the expected root.</summary>
    RootMismatch = 6,
}
