using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// Seeded random pairs: polygons (either winding) and circles from 5 m to 700 km across the globe (with extra weight on
/// the antimeridian, the polar caps and the Levant), placed so that about half lie near the horizontal
/// minimum and the rest overlap, are a little apart or far apart; most share time and altitude so that
/// the horizontal rule decides, the rest probe the time and altitude rules.
/// </summary>
internal sealed class RandomCaseGenerator(int seed)
{
    private static readonly SeparationMinima Wide = new(18_520, 609.6, 60);

    private readonly Random _random = new(seed);

    public IReadOnlyList<OracleCase> Generate(int count) =>
        Enumerable.Range(0, count).Select(i => Next(i)).ToArray();

    private OracleCase Next(int index)
    {
        var minima = _random.NextDouble() < 0.9 ? SeparationMinima.Default : Wide;
        var centerA = RandomLocation();
        var radiusA = RandomSize();
        var radiusB = RandomSize();
        var (a, reachA) = RandomFootprint(centerA, radiusA);
        var bearing = _random.NextDouble() * 360;

        var mode = _random.NextDouble();
        double gap;
        string label;
        if (mode < 0.5)
        {
            gap = minima.HorizontalM * (1 + (0.25 * Gaussian()));
            label = "near";
        }
        else if (mode < 0.7)
        {
            gap = _random.NextDouble() * 4 * minima.HorizontalM;
            label = "apart";
        }
        else if (mode < 0.85)
        {
            gap = -_random.NextDouble() * (radiusA + radiusB);
            label = "overlap";
        }
        else
        {
            gap = LogUniform(4 * minima.HorizontalM, 3_000_000);
            label = "far";
        }

        // The reach of B is only known once it is built; build it at a provisional centre first.
        var (b, reachB) = RandomFootprint(centerA, radiusB);
        var separation = Math.Max(0, reachA + reachB + gap);
        var centerB = SphereMath.Destination(centerA, bearing, separation);
        b = Recentre(b, centerA, centerB);

        var (volumeA, volumeB, relation) = RandomTimeAndAltitude(a, b, minima);
        return new OracleCase($"random#{index} {label}/{relation}", volumeA, volumeB, minima);
    }

    private (Footprint Footprint, double ReachM) RandomFootprint(LatLng center, double radiusM)
    {
        if (_random.NextDouble() < 0.35)
        {
            return (new CircleFootprint(center, radiusM), radiusM);
        }

        var vertexCount = _random.NextDouble() < 0.1 ? _random.Next(20, 201) : _random.Next(3, 13);
        var irregularity = _random.NextDouble() * 0.6;
        var polygon = ShapeFactory.StarPolygon(center, radiusM, vertexCount, irregularity, _random);
        if (_random.NextDouble() < 0.5)
        {
            // Both windings must mean the same (smaller) region.
            polygon = new PolygonFootprint([.. polygon.Vertices.Reverse()]);
        }

        return (polygon, radiusM * (1 - (irregularity / 2)));
    }

    // Moves a footprint built around one centre to another by rebuilding every vertex at the same
    // bearing and distance from the new centre, which keeps it star-shaped and therefore simple.
    private static Footprint Recentre(Footprint footprint, LatLng from, LatLng to) => footprint switch
    {
        CircleFootprint circle => circle with { Center = to },
        PolygonFootprint polygon => new PolygonFootprint([.. polygon.Vertices.Select(v =>
            SphereMath.Destination(to, SphereMath.BearingDeg(from, v), SphereMath.DistanceM(from, v)))]),
        _ => throw new ArgumentOutOfRangeException(nameof(footprint)),
    };

    private (Volume4D A, Volume4D B, string Relation) RandomTimeAndAltitude(Footprint a, Footprint b, SeparationMinima minima)
    {
        var lowerA = (_random.NextDouble() * 12_000) - 500;
        var upperA = lowerA + 50 + (_random.NextDouble() * 6_000);
        var startA = ShapeFactory.Epoch.AddSeconds(_random.Next(0, 86_400));
        var endA = startA.AddSeconds(_random.Next(60, 4 * 3_600));
        var volumeA = new Volume4D(a, lowerA, upperA, startA, endA);

        var thickness = 50 + (_random.NextDouble() * 6_000);
        var duration = _random.Next(60, 4 * 3_600);
        var roll = _random.NextDouble();
        double lowerB;
        DateTimeOffset startB;
        string relation;
        if (roll < 0.85)
        {
            lowerB = lowerA + ((_random.NextDouble() * (upperA - lowerA + thickness)) - thickness);
            startB = startA.AddSeconds(_random.Next(-duration + 1, (int)(endA - startA).TotalSeconds));
            relation = "shared";
        }
        else if (roll < 0.925)
        {
            // Band B just above or below the widened band A; never exactly on the edge, where the sum
            // would test floating-point rounding rather than the rule.
            var gap = minima.VerticalM + (_random.NextDouble() * 400) - 200;
            if (Math.Abs(gap - minima.VerticalM) < 0.01)
            {
                gap += 1;
            }

            lowerB = _random.NextDouble() < 0.5 ? upperA + gap : lowerA - gap - thickness;
            startB = startA;
            relation = "altitude-edge";
        }
        else
        {
            // Whole seconds, so touching windows (gap == time minimum) are exact and must not conflict.
            lowerB = lowerA;
            var gap = (int)minima.TimeS + _random.Next(-90, 91);
            startB = endA.AddSeconds(gap);
            relation = "time-edge";
        }

        DateTimeOffset? endB = _random.NextDouble() < 0.05 ? null : startB.AddSeconds(duration);
        var volumeB = new Volume4D(b, lowerB, lowerB + thickness, startB, endB);
        return _random.NextDouble() < 0.5 ? (volumeA, volumeB, relation) : (volumeB, volumeA, relation);
    }

    private LatLng RandomLocation()
    {
        var roll = _random.NextDouble();
        if (roll < 0.1)
        {
            return new LatLng(Uniform(-70, 70), SphereMath.NormalizeLng(180 + Uniform(-2, 2)));
        }

        if (roll < 0.2)
        {
            var lat = Uniform(75, 90) * (_random.NextDouble() < 0.5 ? 1 : -1);
            return new LatLng(lat, Uniform(-180, 180));
        }

        if (roll < 0.3)
        {
            return new LatLng(Uniform(30, 40), Uniform(30, 45));
        }

        return new LatLng(double.RadiansToDegrees(Math.Asin(Uniform(-1, 1))), Uniform(-180, 180));
    }

    // Mostly 200 m to 400 km; now and then a 5 m speck or a shape of 400 to 700 km (country-sized,
    // with edges of several hundred kilometres).
    private double RandomSize()
    {
        var roll = _random.NextDouble();
        return roll < 0.05 ? Uniform(5, 200) : roll < 0.15 ? Uniform(400_000, 700_000) : LogUniform(200, 400_000);
    }

    private double Uniform(double min, double max) => min + (_random.NextDouble() * (max - min));

    private double LogUniform(double min, double max) => Math.Exp(Uniform(Math.Log(min), Math.Log(max)));

    private double Gaussian()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
