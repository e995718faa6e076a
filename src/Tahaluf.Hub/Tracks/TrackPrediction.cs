using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Hub.Tracks;

/// <summary>
/// Constant-velocity prediction over the look-ahead. Track–track: the time interval where the horizontal
/// distance is within the horizontal minimum intersected with the interval where the vertical distance is
/// within the vertical minimum (both must hold at once), in a local east-north plane around the pair
/// (error under 0.1 % for the few hundred kilometres a pair can cover in 120 s). Track–zone: the path is
/// sampled every <see cref="ZoneStep"/> and tested against the zone volume (inside or within 0 m).
/// Pure and thread-safe.
/// </summary>
public static class TrackPrediction
{
    /// <summary>Sampling step for track–zone entry.</summary>
    public static readonly TimeSpan ZoneStep = TimeSpan.FromSeconds(2);

    private const double MetresPerDegree = 111_320;

    /// <summary>The predicted encounter of two tracks, or null.</summary>
    /// <param name="a">One track.</param>
    /// <param name="b">Other track.</param>
    /// <param name="now">Prediction time.</param>
    /// <param name="lookAhead">Look-ahead.</param>
    /// <param name="minima">Horizontal and vertical minima.</param>
    /// <returns>The encounter window (start, end offsets in seconds from now) or null.</returns>
    public static (double Start, double End)? Encounter(Track a, Track b, DateTimeOffset now, TimeSpan lookAhead, SeparationMinima minima)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (ax, ay, az, avx, avy, avz) = State(a, now);
        var (bx, by, bz, bvx, bvy, bvz) = State(b, now);
        var lngScale = Math.Cos(a.Position.Lat * Math.PI / 180);
        var dLng = ((b.Position.Lng - a.Position.Lng + 540) % 360) - 180;
        var dx = (dLng * MetresPerDegree * lngScale) + (bx - ax);
        var dy = ((b.Position.Lat - a.Position.Lat) * MetresPerDegree) + (by - ay);
        var dz = bz - az;
        var vx = bvx - avx;
        var vy = bvy - avy;
        var vz = bvz - avz;
        var horizon = lookAhead.TotalSeconds;
        var h = Interval(vx * vx + vy * vy, 2 * (dx * vx + dy * vy), dx * dx + dy * dy - minima.HorizontalM * minima.HorizontalM);
        var v = Interval(vz * vz, 2 * dz * vz, dz * dz - minima.VerticalM * minima.VerticalM);
        if (h is null || v is null)
        {
            return null;
        }

        var start = Math.Max(0, Math.Max(h.Value.Lo, v.Value.Lo));
        var end = Math.Min(horizon, Math.Min(h.Value.Hi, v.Value.Hi));
        return start <= end ? (start, end) : null;
    }

    /// <summary>The first time (seconds from now) the track is predicted inside the zone volume within the look-ahead, or null.</summary>
    /// <param name="track">The track.</param>
    /// <param name="volume">The zone volume.</param>
    /// <param name="now">Prediction time.</param>
    /// <param name="lookAhead">Look-ahead.</param>
    /// <returns>Seconds from now, 0 when already inside, or null.</returns>
    public static double? ZoneEntry(Track track, Volume4D volume, DateTimeOffset now, TimeSpan lookAhead)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(volume);
        for (var t = TimeSpan.Zero; t <= lookAhead; t += ZoneStep)
        {
            var at = now + t;
            if (at < volume.TimeStart || (volume.TimeEnd is { } end && at >= end))
            {
                continue;
            }

            var p = PositionAt(track, at);
            if (p.AltitudeM < volume.AltitudeLowerM || p.AltitudeM > volume.AltitudeUpperM)
            {
                continue;
            }

            if (FootprintDistance.IsWithin(new CircleFootprint(p.Position, 1), volume.Footprint, 0))
            {
                return t.TotalSeconds;
            }
        }

        return null;
    }

    /// <summary>The track's extrapolated position at a time.</summary>
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

    private static (double X, double Y, double Z, double Vx, double Vy, double Vz) State(Track t, DateTimeOffset now)
    {
        var course = t.CourseDeg * Math.PI / 180;
        var vx = t.GroundSpeedMps * Math.Sin(course);
        var vy = t.GroundSpeedMps * Math.Cos(course);
        var age = (now - t.Time).TotalSeconds;
        return (vx * age, vy * age, t.AltitudeM + (t.VerticalRateMps * age), vx, vy, t.VerticalRateMps);
    }

    /// <summary>Where a·t² + b·t + c ≤ 0, as an interval (unbounded ends as ±∞), or null when never.</summary>
    private static (double Lo, double Hi)? Interval(double a, double b, double c)
    {
        if (a < 1e-12)
        {
            if (Math.Abs(b) < 1e-12)
            {
                return c <= 0 ? (double.NegativeInfinity, double.PositiveInfinity) : null;
            }

            var root = -c / b;
            return b > 0 ? (double.NegativeInfinity, root) : (root, double.PositiveInfinity);
        }

        var disc = (b * b) - (4 * a * c);
        if (disc < 0)
        {
            return null;
        }

        var sq = Math.Sqrt(disc);
        return ((-b - sq) / (2 * a), (-b + sq) / (2 * a));
    }
}
