using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// A zone that tracks are checked against. When <see cref="AnchorTrackId"/> is set the zone moves with that
/// track at the track's velocity; its footprint must then be given where the anchor is at the prediction
/// instant (see <see cref="ZoneAnchor.Move"/>). Immutable and thread-safe.
/// </summary>
/// <param name="Id">Zone id key.</param>
/// <param name="Owner">Owner key; a zone never conflicts with its owner's tracks.</param>
/// <param name="Volume">Footprint, altitude band and time window.</param>
/// <param name="AnchorTrackId">Id key of the track the zone moves with, or null for a fixed zone.</param>
public sealed record TrackZone(long Id, int Owner, Volume4D Volume, long? AnchorTrackId = null);
