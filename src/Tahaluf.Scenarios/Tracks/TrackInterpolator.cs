using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Hub.Tracks;
using Tahaluf.Scenarios.Model;

namespace Tahaluf.Scenarios.Tracks;

/// <summary>
/// Turns a track script into position reports: one every <see cref="TrackScript.IntervalS"/> seconds from the first
/// waypoint to the last (the last always included), positions and altitudes interpolated linearly between
/// waypoints (legs are a few kilometres to tens of kilometres long, where this is within metres of the great
/// circle), course and ground speed from the leg being flown. Stateless and thread-safe.
/// </summary>
public static class TrackInterpolator
{
    private const double EarthRadiusM = 6_371_008.8;

    /// <summary>Interpolates a (validated) script.</summary>
    /// <param name="script">The script: at least two waypoints in increasing time, interval in [1, 3600] s.</param>
    /// <returns>The reports, in time order.</returns>
    public static IReadOnlyList<TrackReport> Interpolate(TrackScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (script.Waypoints.Count < 2)
        {
            throw new ArgumentException("A track script needs at least two waypoints.", nameof(script));
        }

        _ = WireNames.TryParse<PlatformKind>(script.PlatformKind, out var platform);
        platform = platform == default ? PlatformKind.Unknown : platform;
        var step = TimeSpan.FromSeconds(Math.Clamp(script.IntervalS, 1, 3600));
        var first = script.Waypoints[0].Time;
        var last = script.Waypoints[^1].Time;
        var reports = new List<TrackReport>();
        var leg = 0;
        for (var t = first; ; t += step)
        {
            if (t > last)
            {
                t = last;
            }

            while (leg < script.Waypoints.Count - 2 && t >= script.Waypoints[leg + 1].Time)
            {
                leg++;
            }

            var a = script.Waypoints[leg];
            var b = script.Waypoints[leg + 1];
            var f = (t - a.Time).TotalSeconds / (b.Time - a.Time).TotalSeconds;
            var lat = a.Lat + ((b.Lat - a.Lat) * f);
            var lng = a.Lng + ((b.Lng - a.Lng) * f);
            var alt = a.AltitudeM + ((b.AltitudeM - a.AltitudeM) * f);
            var seconds = (b.Time - a.Time).TotalSeconds;
            var speed = Distance(a.Lat, a.Lng, b.Lat, b.Lng) / seconds;
            var vertical = (b.AltitudeM - a.AltitudeM) / seconds;
            reports.Add(new TrackReport(script.Id, t, lat, lng, alt, Bearing(a.Lat, a.Lng, b.Lat, b.Lng), speed, vertical, script.Callsign, platform, null));
            if (t == last)
            {
                return reports;
            }
        }
    }

    /// <summary>Great-circle distance on the mean sphere, metres.</summary>
    /// <param name="lat1">Latitude 1, degrees.</param>
    /// <param name="lng1">Longitude 1, degrees.</param>
    /// <param name="lat2">Latitude 2, degrees.</param>
    /// <param name="lng2">Longitude 2, degrees.</param>
    /// <returns>Distance, metres.</returns>
    public static double Distance(double lat1, double lng1, double lat2, double lng2)
    {
        var p1 = lat1 * Math.PI / 180;
        var p2 = lat2 * Math.PI / 180;
        var dp = p2 - p1;
        var dl = (lng2 - lng1) * Math.PI / 180;
        var h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double Bearing(double lat1, double lng1, double lat2, double lng2)
    {
        var p1 = lat1 * Math.PI / 180;
        var p2 = lat2 * Math.PI / 180;
        var dl = (lng2 - lng1) * Math.PI / 180;
        var y = Math.Sin(dl) * Math.Cos(p2);
        var x = (Math.Cos(p1) * Math.Sin(p2)) - (Math.Sin(p1) * Math.Cos(p2) * Math.Cos(dl));
        return ((Math.Atan2(y, x) * 180 / Math.PI) + 360) % 360;
    }
}
