namespace Tahaluf.Hub.Storage;

/// <summary>One stored position of a track (history is appended in batches, not per update).</summary>
/// <param name="TrackId">Track id.</param>
/// <param name="Owner">Reporting partner.</param>
/// <param name="Time">Time of the position, UTC.</param>
/// <param name="Lat">Latitude, degrees.</param>
/// <param name="Lng">Longitude, degrees.</param>
/// <param name="AltitudeM">Altitude, metres above the WGS84 ellipsoid.</param>
/// <param name="CourseDeg">Course over ground, degrees true.</param>
/// <param name="SpeedMps">Ground speed, metres per second.</param>
/// <param name="VerticalRateMps">Vertical rate, metres per second.</param>
/// <param name="MetaJson">
/// The track's label, callsign and platform kind as the hub wrote them (JSON), so another instance can rebuild
/// the live track from the point; null in points written before it was kept (such a point is history only).
/// </param>
public sealed record TrackPointRecord(string TrackId, string Owner, DateTimeOffset Time, double Lat, double Lng, double AltitudeM, double CourseDeg, double SpeedMps, double VerticalRateMps, string? MetaJson = null);
