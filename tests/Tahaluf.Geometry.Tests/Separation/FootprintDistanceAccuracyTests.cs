using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Separation;

/// <summary>
/// <see cref="FootprintDistance.HorizontalDistanceM"/> against a brute-force ellipsoidal reference: for every vertex
/// of one footprint and every great-circle edge of the other, the ellipsoidal distance minimised along the edge
/// (a coarse scan then golden-section search). For disjoint footprints whose edges do not cross, the nearest pair
/// has a vertex at one end, so this is the ellipsoidal truth for great-circle-edged footprints.
/// </summary>
public class FootprintDistanceAccuracyTests
{
    private static NVector Slerp(NVector a, NVector b, double t)
    {
        var angle = a.AngleTo(b);
        if (angle < 1e-15)
        {
            return a;
        }

        var sin = Math.Sin(angle);
        return ((a * (Math.Sin((1 - t) * angle) / sin)) + (b * (Math.Sin(t * angle) / sin))).Normalize();
    }

    private static double MinAlongEdge(LatLng p, NVector a, NVector b)
    {
        double At(double t) => Geodesic.DistanceM(p, Slerp(a, b, t).ToLatLng());

        const int samples = 32;
        var bestT = 0.0;
        var best = double.PositiveInfinity;
        for (var i = 0; i <= samples; i++)
        {
            var value = At((double)i / samples);
            if (value < best)
            {
                best = value;
                bestT = (double)i / samples;
            }
        }

        var lo = Math.Max(0, bestT - (1.0 / samples));
        var hi = Math.Min(1, bestT + (1.0 / samples));
        var phi = (Math.Sqrt(5) - 1) / 2;
        for (var k = 0; k < 60; k++)
        {
            var x1 = hi - (phi * (hi - lo));
            var x2 = lo + (phi * (hi - lo));
            if (At(x1) < At(x2))
            {
                hi = x2;
            }
            else
            {
                lo = x1;
            }
        }

        return Math.Min(best, At((lo + hi) / 2));
    }

    private static double Reference(Footprint a, Footprint b)
    {
        static (LatLng[] Points, NVector[] Ring) Parts(Footprint f) => f switch
        {
            PolygonFootprint p => ([.. p.Vertices], [.. p.Vertices.Select(NVector.FromLatLng)]),
            CircleFootprint c => ([c.Center], []),
            _ => throw new ArgumentException("unknown", nameof(f)),
        };

        var (pointsA, ringA) = Parts(a);
        var (pointsB, ringB) = Parts(b);
        var radii = (a is CircleFootprint ca ? ca.RadiusM : 0) + (b is CircleFootprint cb ? cb.RadiusM : 0);
        var best = double.PositiveInfinity;
        if (ringA.Length == 0 && ringB.Length == 0)
        {
            best = Geodesic.DistanceM(pointsA[0], pointsB[0]);
        }

        foreach (var p in pointsA)
        {
            for (var i = 0; i < ringB.Length; i++)
            {
                best = Math.Min(best, MinAlongEdge(p, ringB[i], ringB[(i + 1) % ringB.Length]));
            }
        }

        foreach (var p in pointsB)
        {
            for (var i = 0; i < ringA.Length; i++)
            {
                best = Math.Min(best, MinAlongEdge(p, ringA[i], ringA[(i + 1) % ringA.Length]));
            }
        }

        return Math.Max(0, best - radii);
    }

    [Theory]
    [InlineData(0, 1_000)]
    [InlineData(35, 20_000)]
    [InlineData(60, 300_000)]
    [InlineData(82, 50_000)]
    [InlineData(-87, 20_000)]
    [InlineData(10, 600_000)]
    public void HorizontalDistanceM_RandomScenes_WithinHalfPercentOr50MOfEllipsoidalReference(int latitude, int scaleM)
    {
        var compared = 0;
        for (var seed = 0; compared < 12 && seed < 200; seed++)
        {
            var random = new Random((latitude * 1000) + seed);
            var scene = SeparationPropertyTests.CreateScene(random.Next());
            var shift = latitude - Center(scene.A.Footprint).Lat;
            var scale = scaleM / Extent(scene.A.Footprint);
            var a = Transform(scene.A.Footprint, shift, scale, latitude);
            var b = Transform(scene.B.Footprint, shift, scale, latitude);
            var d = FootprintDistance.HorizontalDistanceM(a, b);
            if (d == 0)
            {
                continue;
            }

            var reference = Reference(a, b);
            var tolerance = Math.Max(50, 0.005 * reference);
            Assert.True(Math.Abs(d - reference) <= tolerance, $"seed {seed}: {d} m vs reference {reference} m");
            compared++;
        }

        Assert.True(compared >= 5, $"only {compared} disjoint scenes");
    }

    private static LatLng Center(Footprint f) => f switch
    {
        CircleFootprint c => c.Center,
        PolygonFootprint p => p.Vertices[0],
        _ => default,
    };

    private static double Extent(Footprint f) => f switch
    {
        CircleFootprint c => c.RadiusM,
        PolygonFootprint p => p.Vertices.Max(v => Geodesic.DistanceM(v, p.Vertices[0])),
        _ => 1,
    };

    /// <summary>Moves a footprint to the target latitude band and scales its offsets from its anchor.</summary>
    private static Footprint Transform(Footprint f, double shiftLat, double scale, double targetLat)
    {
        var anchor = Center(f);
        LatLng Map(LatLng v)
        {
            var dLat = (v.Lat - anchor.Lat) * scale;
            var dLng = Math.IEEERemainder(v.Lng - anchor.Lng, 360) * scale * Math.Cos(anchor.Lat * Math.PI / 180) / Math.Cos(Math.Clamp(targetLat, -89, 89) * Math.PI / 180);
            var lat = Math.Clamp(anchor.Lat + shiftLat + dLat, -89.9, 89.9);
            return new LatLng(lat, Math.IEEERemainder(anchor.Lng + Math.Clamp(dLng, -60, 60), 360));
        }

        return f switch
        {
            CircleFootprint c => new CircleFootprint(Map(c.Center), Math.Min(1_000_000, c.RadiusM * scale)),
            PolygonFootprint p => new PolygonFootprint([.. p.Vertices.Select(Map)]),
            _ => f,
        };
    }
}
