using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Hub.Tracks;

/// <summary>One position report as received (API or CoT). Null position fields mean "no fix": skipped and counted.</summary>
/// <param name="Id">Track id (CoT uid), bound to its first reporting partner.</param>
/// <param name="Time">Time of the position, UTC.</param>
/// <param name="Lat">Latitude, degrees, or null.</param>
/// <param name="Lng">Longitude, degrees, or null.</param>
/// <param name="AltitudeM">Altitude, metres above the WGS84 ellipsoid, or null (kept from the last report, else 0).</param>
/// <param name="CourseDeg">Course over ground, degrees true, or null (derived from the last position when possible).</param>
/// <param name="GroundSpeedMps">Ground speed, m/s, or null (derived when possible).</param>
/// <param name="VerticalRateMps">Vertical rate, m/s, or null (0).</param>
/// <param name="Callsign">Callsign, or null.</param>
/// <param name="PlatformKind">Platform kind.</param>
/// <param name="Label">Releasability marking, or null to keep the track's current one.</param>
public sealed record TrackReport(
    string Id,
    DateTimeOffset Time,
    double? Lat,
    double? Lng,
    double? AltitudeM,
    double? CourseDeg,
    double? GroundSpeedMps,
    double? VerticalRateMps,
    string? Callsign,
    PlatformKind PlatformKind,
    Label? Label);
