namespace Tahaluf.Hub.Storage;

/// <summary>One version of a declared item as stored. The body is the canonical JSON of the domain item.</summary>
/// <param name="Kind">Item kind name.</param>
/// <param name="Id">Item id, chosen by the owner; unique per kind.</param>
/// <param name="Owner">Owning partner id.</param>
/// <param name="Version">Version number, 1 for the first, +1 per accepted change.</param>
/// <param name="State">Lifecycle state name (e.g. <c>planned</c>, <c>active</c>, <c>ended</c>).</param>
/// <param name="BodyJson">Canonical JSON of the item.</param>
/// <param name="BodyHash">SHA-256 of the canonical request body, used to make a repeated PUT idempotent.</param>
/// <param name="UpdatedAt">When this version was accepted, UTC.</param>
/// <param name="LedgerIndex">Index of this version's ledger entry.</param>
public sealed record ItemRecord(
    string Kind,
    string Id,
    string Owner,
    long Version,
    string State,
    string BodyJson,
    byte[] BodyHash,
    DateTimeOffset UpdatedAt,
    long LedgerIndex);
