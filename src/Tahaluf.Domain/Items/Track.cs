using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Items;

/// <summary>
/// The latest position report of one aircraft or ship; the engine extrapolates it at constant velocity.
/// Immutable and thread-safe; validate with <see cref="ItemValidator"/>.
/// </summary>
/// <param name="Id">Client-chosen id (e.g. a CoT uid).</param>
/// <param name="Owner">The reporting partner's id.</param>
/// <param name="Label">Releasability marking.</param>
/// <param name="Callsign">Callsign, or null (full level).</param>
/// <param name="PlatformKind">Kind of platform (envelope level).</param>
/// <param name="Position">Last position, degrees (envelope level).</param>
/// <param name="AltitudeM">Last altitude, metres above the WGS84 ellipsoid, in [-1,000, 100,000] (envelope level).</param>
/// <param name="Time">Time of the last position, UTC (envelope level).</param>
/// <param name="GroundSpeedMps">Ground speed, metres per second, in [0, 2,000] (envelope level).</param>
/// <param name="CourseDeg">Course over ground, degrees clockwise from true north, in [0, 360) (envelope level).</param>
/// <param name="VerticalRateMps">Vertical rate, metres per second, positive up, |rate| ≤ 1,000 (envelope level).</param>
public sealed record Track(
    string Id,
    string Owner,
    Label Label,
    string? Callsign,
    PlatformKind PlatformKind,
    LatLng Position,
    double AltitudeM,
    DateTimeOffset Time,
    double GroundSpeedMps,
    double CourseDeg,
    double VerticalRateMps) : Item(Id, Owner, Label)
{
    /// <inheritdoc />
    public override ItemKind Kind => ItemKind.Track;
}
