using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Views;

/// <summary>The envelope-level part of a track: platform kind and kinematics.</summary>
/// <param name="PlatformKind">Kind of platform.</param>
/// <param name="Position">Last position, degrees.</param>
/// <param name="AltitudeM">Last altitude, metres above the WGS84 ellipsoid.</param>
/// <param name="Time">Time of the last position, UTC.</param>
/// <param name="GroundSpeedMps">Ground speed, metres per second.</param>
/// <param name="CourseDeg">Course over ground, degrees from true north.</param>
/// <param name="VerticalRateMps">Vertical rate, metres per second, positive up.</param>
public sealed record TrackEnvelope(
    PlatformKind PlatformKind,
    LatLng Position,
    double AltitudeM,
    DateTimeOffset Time,
    double GroundSpeedMps,
    double CourseDeg,
    double VerticalRateMps);
