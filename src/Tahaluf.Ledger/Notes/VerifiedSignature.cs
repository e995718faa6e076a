namespace Tahaluf.Ledger.Notes;

/// <summary>A signature that verified against a known key.</summary>
/// <param name="Name">The key name.</param>
/// <param name="KeyId">The 32-bit key id.</param>
/// <param name="KeyType">The signature type.</param>
/// <param name="Timestamp">For a cosignature, the signed time in POSIX seconds; null for a plain signature.</param>
public sealed record VerifiedSignature(string Name, uint KeyId, NoteKeyType KeyType, long? Timestamp);
