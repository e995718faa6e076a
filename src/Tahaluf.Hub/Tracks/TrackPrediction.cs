using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Hub.Tracks;

/// <summary>
/// Constant-velocity extrapolation of a domain track, used to place encounter boxes. The conflict decisions
/// themselves are made by <see cref="Tahaluf.Geometry.Tracks.TrackPredictor"/> (grid broad phase, SIMD CPA).
/// Pure and thread-safe.
/// </summary>
public static class TrackPrediction
{
    private const double MetresPerDegree = 111_320;

    /// <summary>The track's extrapolated position at a time (local east-north approximation, fine over the 120 s look-ahead).</summary>
    /// <param name="track">The track.</param>
    /// <param name="at">Time.</param>
    /// <returns>Position and altitude.</returns>
    public static (LatLng Position, double AltitudeM) PositionAt(Track track, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(track);
        var seconds = (at - track.Time).TotalSeconds;
        var course = track.CourseDeg * Math.PI / 180;
        var north = track.GroundSpeedMps * Math.Cos(course) * seconds;
        var east = track.GroundSpeedMps * Math.Sin(course) * seconds;
        var lat = Math.Clamp(track.Position.Lat + (north / MetresPerDegree), -90, 90);
        var lng = track.Position.Lng + (east / (MetresPerDegree * Math.Max(0.01, Math.Cos(track.Position.Lat * Math.PI / 180))));
        lng = ((lng + 540) % 360) - 180;
        return (new LatLng(lat, lng), track.AltitudeM + (track.VerticalRateMps * seconds));
    }
}
