namespace Tahaluf.Hub.Storage;

/// <summary>A conflict between two items of different owners, as stored.</summary>
/// <param name="Id">Deterministic id (same pair and episode → same id), so re-detection never duplicates.</param>
/// <param name="State"><c>open</c> or <c>closed</c>.</param>
/// <param name="OpenedAt">When it was first detected, UTC.</param>
/// <param name="ClosedAt">When it ended, UTC, or null while open.</param>
/// <param name="BodyJson">Canonical JSON of the domain conflict.</param>
public sealed record ConflictRecord(string Id, string State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string BodyJson);
