namespace Tahaluf.Ledger;

/// <summary>
/// Stable error codes for ledger data that cannot be read or does not verify. Persisted and returned by
/// the API: never rename or reuse a value.
/// </summary>
public static class LedgerErrorCodes
{
    /// <summary>A leaf index is negative or not below the tree size.</summary>
    public const string IndexOutOfRange = "ledger.index_out_of_range";

    /// <summary>A tree size is negative, or the newer tree is smaller than the older one.</summary>
    public const string TreeShrank = "ledger.tree_shrank";

    /// <summary>A consistency proof from the empty tree was offered; it proves nothing.</summary>
    public const string EmptyTreeConsistency = "ledger.empty_tree_consistency";

    /// <summary>A proof has the wrong number of hashes for the index and sizes.</summary>
    public const string WrongProofLength = "ledger.wrong_proof_length";

    /// <summary>A hash (leaf, root or proof element) is not 32 bytes.</summary>
    public const string MalformedHash = "ledger.malformed_hash";

    /// <summary>The root computed from a proof differs from the expected root.</summary>
    public const string RootMismatch = "ledger.root_mismatch";

    /// <summary>Two checkpoints of the same size have different roots: the log forked.</summary>
    public const string Fork = "ledger.fork";

    /// <summary>Two checkpoints name different origins.</summary>
    public const string OriginMismatch = "ledger.origin_mismatch";

    /// <summary>A signed note is not well-formed (encoding, layout, signature lines, limits).</summary>
    public const string MalformedNote = "ledger.malformed_note";

    /// <summary>A signature from a known key does not verify.</summary>
    public const string InvalidSignature = "ledger.invalid_signature";

    /// <summary>No signature from a known key is present on the note.</summary>
    public const string UnverifiedNote = "ledger.unverified_note";

    /// <summary>A verifier or signer key string is not well-formed or its key id does not match.</summary>
    public const string MalformedKey = "ledger.malformed_key";

    /// <summary>A checkpoint body is not well-formed.</summary>
    public const string MalformedCheckpoint = "ledger.malformed_checkpoint";

    /// <summary>A receipt (tlog-proof) text is not well-formed.</summary>
    public const string MalformedReceipt = "ledger.malformed_receipt";

    /// <summary>A receipt's checkpoint names a different origin than the verifier expects.</summary>
    public const string UnexpectedOrigin = "ledger.unexpected_origin";
}
