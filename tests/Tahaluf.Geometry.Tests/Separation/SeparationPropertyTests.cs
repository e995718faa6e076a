using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Separation;

/// <summary>Invariants of <see cref="SeparationTest.Conflicts"/> on random nearby pairs of volumes.</summary>
public class SeparationPropertyTests
{
    private const double MetresPerDegree = 111_195;

    /// <summary>A pair of volumes a few kilometres apart somewhere on Earth, built from a seed so failures replay.</summary>
    internal sealed record Scene(int Seed, Volume4D A, Volume4D B, SeparationMinima Minima)
    {
        public override string ToString() => $"seed {Seed}";
    }

    private static readonly Arbitrary<Scene> Scenes = Gen.Choose(0, int.MaxValue - 1).Select(CreateScene).ToArbitrary();

    internal static Scene CreateScene(int seed)
    {
        var random = new Random(seed);
        var lat = (random.NextDouble() * 170) - 85;
        if (random.Next(4) == 0)
        {
            lat = Math.CopySign(80 + (random.NextDouble() * 8), lat);
        }

        var lng = (random.NextDouble() * 360) - 180;
        var scaleM = 500 + (random.NextDouble() * 20_000);
        var a = RandomFootprint(random, lat, lng, scaleM);
        var offsetM = random.NextDouble() * 3 * scaleM;
        var bearing = random.NextDouble() * 2 * Math.PI;
        var (bLat, bLng) = Offset(lat, lng, offsetM * Math.Cos(bearing), offsetM * Math.Sin(bearing));
        var b = RandomFootprint(random, bLat, bLng, scaleM * (0.2 + random.NextDouble()));
        var minima = new SeparationMinima(random.NextDouble() * 20_000, random.NextDouble() * 600, random.NextDouble() * 1200);
        return new Scene(seed, RandomVolume(random, a), RandomVolume(random, b), minima);
    }

    private static Volume4D RandomVolume(Random random, Footprint footprint)
    {
        var lower = random.Next(0, 3000);
        var upper = lower + random.Next(1, 1000);
        var start = new DateTimeOffset(2015, 11, 26, 10, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 7200));
        DateTimeOffset? end = random.Next(10) == 0 ? null : start.AddSeconds(random.Next(1, 7200));
        return new Volume4D(footprint, lower, upper, start, end);
    }

    private static Footprint RandomFootprint(Random random, double lat, double lng, double scaleM)
    {
        if (random.Next(4) == 0)
        {
            return new CircleFootprint(new LatLng(lat, lng), scaleM * (0.1 + random.NextDouble()));
        }

        // Star-shaped around the centre with increasing angles: always a simple ring.
        var count = random.Next(3, 12);
        var angles = Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 * Math.PI).Order().ToArray();
        var vertices = ImmutableArray.CreateBuilder<LatLng>(count);
        foreach (var angle in angles)
        {
            var r = scaleM * (0.2 + random.NextDouble());
            var (vLat, vLng) = Offset(lat, lng, r * Math.Cos(angle), r * Math.Sin(angle));
            vertices.Add(new LatLng(vLat, vLng));
        }

        return new PolygonFootprint(vertices.DrainToImmutable());
    }

    private static (double Lat, double Lng) Offset(double lat, double lng, double eastM, double northM)
    {
        var newLat = Math.Clamp(lat + (northM / MetresPerDegree), -89.9, 89.9);
        var newLng = Wrap(lng + (eastM / (MetresPerDegree * Math.Cos(newLat * Math.PI / 180))));
        return (newLat, newLng);
    }

    private static double Wrap(double lng)
    {
        var wrapped = ((lng + 180) % 360 + 360) % 360 - 180;
        return wrapped;
    }

    private static Footprint Shift(Footprint footprint, double deltaLng) => footprint switch
    {
        CircleFootprint c => c with { Center = c.Center with { Lng = Wrap(c.Center.Lng + deltaLng) } },
        PolygonFootprint p => new PolygonFootprint([.. p.Vertices.Select(v => v with { Lng = Wrap(v.Lng + deltaLng) })]),
        _ => throw new ArgumentException("unknown footprint", nameof(footprint)),
    };

    private static Volume4D Shift(Volume4D volume, double deltaLng) => volume with { Footprint = Shift(volume.Footprint, deltaLng) };

    [Property(MaxTest = 400)]
    public Property Conflicts_IsSymmetric() => Prop.ForAll(Scenes, scene =>
        SeparationTest.Conflicts(scene.A, scene.B, scene.Minima) == SeparationTest.Conflicts(scene.B, scene.A, scene.Minima));

    [Property(MaxTest = 400)]
    public Property HorizontalDistanceM_IsSymmetric() => Prop.ForAll(Scenes, scene =>
    {
        var ab = FootprintDistance.HorizontalDistanceM(scene.A.Footprint, scene.B.Footprint);
        var ba = FootprintDistance.HorizontalDistanceM(scene.B.Footprint, scene.A.Footprint);
        return Math.Abs(ab - ba) <= 1e-6 * Math.Max(1, ab);
    });

    [Property(MaxTest = 400)]
    public Property Conflicts_LargerMinimaNeverRemoveAConflict() => Prop.ForAll(Scenes, scene =>
    {
        var random = new Random(scene.Seed ^ 0x5f3759df);
        var m = scene.Minima;
        var larger = new[]
        {
            m with { HorizontalM = m.HorizontalM + (random.NextDouble() * 5000) },
            m with { VerticalM = m.VerticalM + (random.NextDouble() * 300) },
            m with { TimeS = m.TimeS + (random.NextDouble() * 600) },
        };
        return !SeparationTest.Conflicts(scene.A, scene.B, m) || larger.All(l => SeparationTest.Conflicts(scene.A, scene.B, l));
    });

    [Property(MaxTest = 400)]
    public Property IsWithin_AgreesWithHorizontalDistanceOutsideToleranceBand() => Prop.ForAll(Scenes, scene =>
    {
        var limit = scene.Minima.HorizontalM;
        var d = FootprintDistance.HorizontalDistanceM(scene.A.Footprint, scene.B.Footprint);
        var ambiguous = Math.Abs(d - limit) <= Math.Max(50, 0.005 * limit);
        return ambiguous || FootprintDistance.IsWithin(scene.A.Footprint, scene.B.Footprint, limit) == (d <= limit);
    });

    [Property(MaxTest = 400)]
    public Property Conflicts_InvariantUnderLongitudeShiftAcrossAntimeridian() => Prop.ForAll(Scenes, scene =>
    {
        // Move the scene so that A's first point sits just west of 180°, then the pair straddles the antimeridian.
        var anchor = scene.A.Footprint is CircleFootprint c ? c.Center.Lng : ((PolygonFootprint)scene.A.Footprint).Vertices[0].Lng;
        var delta = 179.99 - anchor;
        var shiftedA = Shift(scene.A, delta);
        var shiftedB = Shift(scene.B, delta);

        var limit = scene.Minima.HorizontalM;
        var d = FootprintDistance.HorizontalDistanceM(scene.A.Footprint, scene.B.Footprint);
        var shiftedD = FootprintDistance.HorizontalDistanceM(shiftedA.Footprint, shiftedB.Footprint);
        var ambiguous = Math.Abs(d - limit) <= Math.Max(50, 0.005 * limit);
        var distancesAgree = Math.Abs(d - shiftedD) <= Math.Max(1, 1e-6 * d);
        return distancesAgree
            && (ambiguous || SeparationTest.Conflicts(scene.A, scene.B, scene.Minima) == SeparationTest.Conflicts(shiftedA, shiftedB, scene.Minima));
    });

    [Fact]
    public void Scenes_CoverBothOutcomes()
    {
        // Guards the generator: the properties above are only meaningful if scenes both conflict and not.
        var outcomes = Enumerable.Range(0, 300).Select(CreateScene)
            .Select(s => SeparationTest.Conflicts(s.A, s.B, s.Minima with { TimeS = 1e6, VerticalM = 1e6 }))
            .ToList();

        Assert.Contains(true, outcomes);
        Assert.Contains(false, outcomes);
    }
}
