namespace Tahaluf.Hub.Storage;

/// <summary>A partner as stored: identity, role, display names (JSON object language → name), keys and credential hash.</summary>
/// <param name="Id">Partner id, e.g. <c>RU</c>.</param>
/// <param name="Role"><c>member</c> or <c>observer</c>.</param>
/// <param name="NamesJson">JSON object of display names per language.</param>
/// <param name="PublicKey">Ed25519 public key (32 bytes) used to verify signed requests, or null.</param>
/// <param name="TokenHash">SHA-256 of the bearer token (32 bytes); the token itself is never stored.</param>
/// <param name="CreatedAt">When the partner was added, UTC.</param>
public sealed record PartnerRecord(string Id, string Role, string NamesJson, byte[]? PublicKey, byte[] TokenHash, DateTimeOffset CreatedAt);
