using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>The full-level part of a zone.</summary>
/// <param name="Name">Display name.</param>
/// <param name="AnchorTrackId">Id of the track the zone moves with, or null.</param>
/// <param name="Caveat">The label's caveat, or null.</param>
/// <param name="OwnLabel">The whole label; present only when the viewer is the owner.</param>
public sealed record ZoneDetails(string Name, string? AnchorTrackId, string? Caveat, Label? OwnLabel);
