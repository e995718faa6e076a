using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>The full-level part of a track.</summary>
/// <param name="Callsign">Callsign, or null.</param>
/// <param name="Caveat">The label's caveat, or null.</param>
/// <param name="OwnLabel">The whole label; present only when the viewer is the owner.</param>
public sealed record TrackDetails(string? Callsign, string? Caveat, Label? OwnLabel);
