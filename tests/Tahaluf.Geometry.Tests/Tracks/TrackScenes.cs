using Tahaluf.Geometry.Tracks;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Tracks;

/// <summary>Seeded random track scenes for the tracks tests.</summary>
internal static class TrackScenes
{
    public static TrackState State(double lat, double lng, double altM, double eastMps, double northMps, double climbMps = 0)
    {
        var set = new TrackSet(1);
        set.Add(1, 1, new LatLng(lat, lng), altM, eastMps, northMps, climbMps, 0);
        return set.StateAt(0, 0);
    }

    /// <summary>n tracks in a box of the given half-size in degrees around a centre, speeds up to 300 m/s.</summary>
    public static TrackSet Random(int seed, int n, double lat, double lng, double halfDeg, int owners = 4, double nowS = 1000)
    {
        var random = new Random(seed);
        var set = new TrackSet(n);
        for (var i = 0; i < n; i++)
        {
            var la = Math.Clamp(lat + ((random.NextDouble() * 2) - 1) * halfDeg, -90, 90);
            var lo = lng + ((random.NextDouble() * 2) - 1) * halfDeg * 2;
            lo = lo > 180 ? lo - 360 : lo < -180 ? lo + 360 : lo;
            var speed = random.NextDouble() * 300;
            var heading = random.NextDouble() * 2 * Math.PI;
            var climb = random.Next(3) == 0 ? ((random.NextDouble() * 2) - 1) * 20 : 0;
            set.Add(i * 7 + 3, random.Next(owners), new LatLng(la, lo), 1000 + (random.NextDouble() * 4000), speed * Math.Sin(heading), speed * Math.Cos(heading), climb, nowS - random.NextDouble() * 5);
        }

        return set;
    }
}
