using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Ledger.Receipts;

/// <summary>Verifies receipts offline, with nothing but the receipt, the entry and the trusted keys. Pure and thread-safe.</summary>
public static class ReceiptVerifier
{
    /// <summary>
    /// Verifies a receipt for an entry given by its leaf data: parses the receipt, verifies the log's
    /// signature on the checkpoint (and any cosignatures from <paramref name="witnessKeys"/>), checks the
    /// origin, then the inclusion proof of SHA-256(0x00 ‖ leaf data).
    /// </summary>
    /// <param name="receiptText">The tlog-proof text.</param>
    /// <param name="leafData">The entry's leaf bytes.</param>
    /// <param name="logKey">The log's verifier (type 0x01).</param>
    /// <param name="witnessKeys">Optional witness verifiers (type 0x04 cosigners).</param>
    /// <param name="expectedOrigin">The expected origin line; defaults to the log key's name.</param>
    /// <returns>What the receipt proves, or why it proves nothing.</returns>
    public static ReceiptVerification VerifyLeafData(string? receiptText, ReadOnlySpan<byte> leafData, NoteVerifier logKey, IEnumerable<NoteVerifier>? witnessKeys = null, string? expectedOrigin = null) =>
        VerifyLeafHash(receiptText, MerkleHash.HashLeaf(leafData), logKey, witnessKeys, expectedOrigin);

    /// <summary>Verifies a receipt for an entry given by its RFC 9162 leaf hash.</summary>
    /// <param name="receiptText">The tlog-proof text.</param>
    /// <param name="leafHash">The 32-byte leaf hash.</param>
    /// <param name="logKey">The log's verifier (type 0x01).</param>
    /// <param name="witnessKeys">Optional witness verifiers (type 0x04 cosigners).</param>
    /// <param name="expectedOrigin">The expected origin line; defaults to the log key's name.</param>
    /// <returns>What the receipt proves, or why it proves nothing.</returns>
    public static ReceiptVerification VerifyLeafHash(string? receiptText, ReadOnlySpan<byte> leafHash, NoteVerifier logKey, IEnumerable<NoteVerifier>? witnessKeys = null, string? expectedOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        if (logKey.KeyType != NoteKeyType.Ed25519)
        {
            throw new ArgumentException("The log key must be a plain Ed25519 note key.", nameof(logKey));
        }

        var parsed = Receipt.Parse(receiptText);
        if (!parsed.Success)
        {
            return ReceiptVerification.Failure(parsed.Error);
        }

        var receipt = parsed.Value;
        var known = new List<NoteVerifier> { logKey };
        known.AddRange((witnessKeys ?? []).Where(w => w.Name != logKey.Name || w.KeyId != logKey.KeyId));
        var verification = receipt.Checkpoint.Verify(known);
        if (!verification.IsVerified)
        {
            return ReceiptVerification.Failure(verification.Error);
        }

        var logSignature = verification.Verified.FirstOrDefault(s => s.Name == logKey.Name && s.KeyId == logKey.KeyId);
        if (logSignature is null)
        {
            return ReceiptVerification.Failure(new LedgerError(LedgerErrorCodes.UnverifiedNote, "The log key did not sign the checkpoint."));
        }

        var checkpoint = Checkpoint.Parse(receipt.Checkpoint.Text);
        if (!checkpoint.Success)
        {
            return ReceiptVerification.Failure(checkpoint.Error);
        }

        var origin = expectedOrigin ?? logKey.Name;
        if (!string.Equals(checkpoint.Value.Origin, origin, StringComparison.Ordinal))
        {
            return ReceiptVerification.Failure(new LedgerError(LedgerErrorCodes.UnexpectedOrigin, $"The checkpoint's origin is '{checkpoint.Value.Origin}', not '{origin}'."));
        }

        var root = checkpoint.Value.RootHash;
        var status = MerkleProofVerifier.VerifyInclusion(receipt.Index, checkpoint.Value.Size, leafHash, receipt.Proof, root);
        if (status != ProofStatus.Verified)
        {
            return ReceiptVerification.Failure(new LedgerError(status.ToErrorCode()!, $"The inclusion proof of entry {receipt.Index} in a tree of {checkpoint.Value.Size} fails: {status}."));
        }

        var witnesses = verification.Verified.Where(s => !ReferenceEquals(s, logSignature)).ToList();
        return ReceiptVerification.Success(checkpoint.Value.Origin, checkpoint.Value.Size, receipt.Index, root, logSignature, witnesses);
    }
}
