namespace Tahaluf.Hub.Storage;

/// <summary>
/// One ledger entry: the leaf bytes that the Merkle tree hashes, and beside them the salt and content
/// that open the leaf's commitment (released only through the release policy).
/// </summary>
/// <param name="Index">Position in the log, from 0, contiguous.</param>
/// <param name="Leaf">Canonical leaf bytes (the Merkle leaf input).</param>
/// <param name="Salt">Random salt of the commitment (32 bytes).</param>
/// <param name="Content">Canonical content bytes committed to.</param>
public sealed record LedgerEntryRecord(long Index, byte[] Leaf, byte[] Salt, byte[] Content);
