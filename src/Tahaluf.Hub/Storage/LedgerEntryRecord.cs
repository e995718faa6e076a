namespace Tahaluf.Hub.Storage;

/// <summary>
/// One ledger entry: the leaf bytes that the Merkle tree hashes, and beside them the salt and content
/// that open the leaf's commitment (released only through the release policy).
/// </summary>
/// <param name="Index">Position in the log, from 0, contiguous.</param>
/// <param name="Leaf">Canonical leaf bytes (the Merkle leaf input).</param>
/// <param name="Salt">Random salt of the commitment (32 bytes).</param>
/// <param name="Content">Content bytes committed to (for a partner's declaration or ack: the exact bytes it signed).</param>
/// <param name="Subject">What the entry is about in clear, e.g. <c>operation/op-1</c>; the leaf holds only a salted digest of it.</param>
public sealed record LedgerEntryRecord(long Index, byte[] Leaf, byte[] Salt, byte[] Content, string Subject);
