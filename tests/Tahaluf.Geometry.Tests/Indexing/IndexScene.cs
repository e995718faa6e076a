using System.Collections.Immutable;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Indexing;

/// <summary>
/// Random volumes that stress the index's coarse bounds: hot spots on the antimeridian, around both poles and at
/// mid latitudes, circles from 100 m to 200 km, polygons up to country size (rings that enclose a pole
/// included), thin and thick altitude bands, windows of seconds to days, and open-ended windows. Every volume passes the validator.
/// </summary>
internal sealed class IndexScene
{
    private const double EarthRadiusM = 6_371_000;

    private static readonly (double Lat, double Lng, double SpreadDeg)[] HotSpots =
    [
        (0, 180, 2),
        (52, -179.5, 2),
        (-40, 179.8, 1.5),
        (88.5, 30, 1.5),
        (-87, -100, 2),
        (35, 38, 1),
        (84.9, 0, 1),
    ];

    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random _random;

    public IndexScene(int seed) => _random = new Random(seed);

    public Volume4D Next()
    {
        for (var attempt = 0; ; attempt++)
        {
            var volume = Candidate();
            if (Volume4DValidator.Validate(volume, allowOpenEnd: true) is null || attempt > 50)
            {
                return volume;
            }
        }
    }

    private Volume4D Candidate()
    {
        var center = NextCenter();
        var roll = _random.NextDouble();
        Footprint footprint = roll switch
        {
            < 0.40 => new CircleFootprint(center, 100 + (Math.Pow(_random.NextDouble(), 2) * 200_000)),
            < 0.97 => Polygon(center, 500 + (Math.Pow(_random.NextDouble(), 2) * 300_000), _random.Next(3, 25)),
            _ => Polygon(center, 500_000 + (_random.NextDouble() * 250_000), _random.Next(8, 40)),
        };

        double lower;
        double upper;
        if (_random.Next(4) == 0)
        {
            lower = _random.NextDouble() * 14_000;
            upper = lower + 1 + (_random.NextDouble() * 50);
        }
        else
        {
            lower = _random.NextDouble() * 12_000;
            upper = lower + 300 + (_random.NextDouble() * 3_000);
        }

        var start = Epoch.AddSeconds(_random.Next(0, 2 * 24 * 3600));
        // Mostly hours (one to a few time buckets), some days (filed as timeless), some open-ended.
        DateTimeOffset? end = _random.Next(10) switch
        {
            0 => null,
            1 => start.AddSeconds(_random.Next(1, 3 * 24 * 3600)),
            _ => start.AddSeconds(_random.Next(1, 6 * 3600)),
        };
        return new Volume4D(footprint, lower, upper, start, end);
    }

    private LatLng NextCenter()
    {
        if (_random.Next(8) == 0)
        {
            return new LatLng((_random.NextDouble() * 170) - 85, (_random.NextDouble() * 360) - 180);
        }

        var (lat, lng, spread) = HotSpots[_random.Next(HotSpots.Length)];
        return Destination(new LatLng(lat, lng), _random.NextDouble() * 360, _random.NextDouble() * spread * 111_000);
    }

    private PolygonFootprint Polygon(LatLng center, double radiusM, int count)
    {
        var vertices = ImmutableArray.CreateBuilder<LatLng>(count);
        var step = 360.0 / count;
        var phase = _random.NextDouble() * 360;
        for (var i = 0; i < count; i++)
        {
            var bearing = phase + ((i + ((_random.NextDouble() - 0.5) * 0.6)) * step);
            vertices.Add(Destination(center, bearing, radiusM * (0.6 + (_random.NextDouble() * 0.4))));
        }

        return new PolygonFootprint(vertices.MoveToImmutable());
    }

    /// <summary>Spherical destination point, longitude wrapped into [-180, 180].</summary>
    public static LatLng Destination(LatLng start, double bearingDeg, double distanceM)
    {
        var lat1 = start.Lat * Math.PI / 180;
        var lng1 = start.Lng * Math.PI / 180;
        var bearing = bearingDeg * Math.PI / 180;
        var delta = distanceM / EarthRadiusM;
        var lat2 = Math.Asin(Math.Clamp((Math.Sin(lat1) * Math.Cos(delta)) + (Math.Cos(lat1) * Math.Sin(delta) * Math.Cos(bearing)), -1, 1));
        var lng2 = lng1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(delta) * Math.Cos(lat1), Math.Cos(delta) - (Math.Sin(lat1) * Math.Sin(lat2)));
        var lngDeg = lng2 * 180 / Math.PI;
        lngDeg -= 360 * Math.Floor((lngDeg + 180) / 360);
        return new LatLng(lat2 * 180 / Math.PI, lngDeg);
    }
}
