namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// A track predicted inside a zone within the look-ahead: at <see cref="EntryS"/> seconds after the prediction
/// instant (0 when <see cref="AlreadyInside"/>).
/// </summary>
/// <param name="TrackId">Id key of the track.</param>
/// <param name="TrackOwner">Owner key of the track.</param>
/// <param name="ZoneId">Id key of the zone.</param>
/// <param name="ZoneOwner">Owner key of the zone.</param>
/// <param name="AlreadyInside">True when the track is inside at the prediction instant.</param>
/// <param name="EntryS">Predicted entry, seconds in [0, look-ahead].</param>
public readonly record struct ZoneEntry(long TrackId, int TrackOwner, long ZoneId, int ZoneOwner, bool AlreadyInside, double EntryS);
