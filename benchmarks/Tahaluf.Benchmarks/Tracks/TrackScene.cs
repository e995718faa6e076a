using Tahaluf.Geometry.Tracks;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Benchmarks.Tracks;

/// <summary>n tracks at 1 Hz over a 2,000 × 2,000 km region (Levant), 4 owners, 50–300 m/s, a third climbing or descending.</summary>
internal static class TrackScene
{
    public const double Now = 1_448_532_000;

    public static TrackSet Create(int n, int seed = 42)
    {
        var random = new Random(seed);
        var set = new TrackSet(n);
        for (var i = 0; i < n; i++)
        {
            var lat = 26 + (random.NextDouble() * 18);
            var lng = 30 + (random.NextDouble() * 2_000_000 / (111_320 * Math.Cos(lat * Math.PI / 180)));
            var speed = 50 + (random.NextDouble() * 250);
            var heading = random.NextDouble() * 2 * Math.PI;
            var climb = random.Next(3) == 0 ? ((random.NextDouble() * 2) - 1) * 15 : 0;
            set.Add(i, random.Next(4), new LatLng(lat, lng), 300 + (random.NextDouble() * 12_000), speed * Math.Sin(heading), speed * Math.Cos(heading), climb, Now - random.NextDouble());
        }

        return set;
    }
}
