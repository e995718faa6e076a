using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing;

namespace Tahaluf.Geometry.Tests.Separation;

public class SeparationTestTests
{
    private static readonly VolumeBuilder Base = VolumeBuilder.Create();
    private static readonly DateTimeOffset T0 = VolumeBuilder.DefaultStart;

    [Fact]
    public void Conflicts_SameVolume_Conflicts()
    {
        var v = Base.Build();

        Assert.True(SeparationTest.Conflicts(v, v, SeparationMinima.Default));
        Assert.True(SeparationTest.Conflicts(v, v, new SeparationMinima(0, 0, 0)));
    }

    [Fact]
    public void Conflicts_WindowsThatOnlyMeet_DoNotConflictWithoutTimeSeparation()
    {
        var first = Base.WithWindow(T0, TimeSpan.FromHours(1)).Build();
        var second = Base.WithWindow(T0.AddHours(1), TimeSpan.FromHours(1)).Build();

        Assert.False(SeparationTest.Conflicts(first, second, SeparationMinima.Default));
        Assert.True(SeparationTest.Conflicts(first, second, SeparationMinima.Default with { TimeS = 0.001 }));
        Assert.True(SeparationTest.Conflicts(second, first, SeparationMinima.Default with { TimeS = 0.001 }));
    }

    [Fact]
    public void Conflicts_GapInTime_ConflictsOnlyWhenWidenedAcrossIt()
    {
        var first = Base.WithWindow(T0, TimeSpan.FromHours(1)).Build();
        var second = Base.WithWindow(T0.AddHours(1).AddMinutes(5), TimeSpan.FromHours(1)).Build();

        Assert.False(SeparationTest.Conflicts(first, second, SeparationMinima.Default with { TimeS = 300 }));
        Assert.True(SeparationTest.Conflicts(first, second, SeparationMinima.Default with { TimeS = 300.001 }));
    }

    [Fact]
    public void Conflicts_OpenEndedZone_ConflictsWithAnythingLater()
    {
        var zone = Base.WithWindow(T0, null).Build();
        var later = Base.WithWindow(T0.AddYears(3), TimeSpan.FromHours(1)).Build();
        var earlier = Base.WithWindow(T0.AddHours(-2), TimeSpan.FromHours(1)).Build();

        Assert.True(SeparationTest.Conflicts(zone, later, SeparationMinima.Default));
        Assert.True(SeparationTest.Conflicts(later, zone, SeparationMinima.Default));
        Assert.False(SeparationTest.Conflicts(zone, earlier, SeparationMinima.Default));
    }

    [Theory]
    [InlineData(0, 100, 100, 200, 0, true)]
    [InlineData(0, 100, 100.5, 200, 0, false)]
    [InlineData(0, 100, 404.8, 500, 304.8, true)]
    [InlineData(0, 100, 405, 500, 304.8, false)]
    [InlineData(405, 500, 0, 100, 304.8, false)]
    public void Conflicts_AltitudeBands_ClosedAndWidenedByVerticalSeparation(double lowA, double highA, double lowB, double highB, double vertical, bool expected)
    {
        var a = Base.WithAltitudes(lowA, highA).Build();
        var b = Base.WithAltitudes(lowB, highB).Build();

        Assert.Equal(expected, SeparationTest.Conflicts(a, b, SeparationMinima.Default with { VerticalM = vertical }));
    }

    [Fact]
    public void Conflicts_HorizontalGapAroundFiveNauticalMiles_DecidedByHorizontalMinimum()
    {
        // Squares on the equator, 0.08° of longitude apart: about 8.9 km.
        var a = Base.WithSquare(0, 0, 0.01).Build();
        var b = Base.WithSquare(0, 0.09, 0.01).Build();
        var gap = Geodesic.DistanceM(new LatLng(0.01, 0.01), new LatLng(0.01, 0.09));

        Assert.InRange(gap, 8800, 9000);
        Assert.True(SeparationTest.Conflicts(a, b, SeparationMinima.Default));
        Assert.False(SeparationTest.Conflicts(a, b, SeparationMinima.Default with { HorizontalM = 8000 }));
    }

    [Fact]
    public void Conflicts_ManyThreadsOnFreshFootprints_AgreeWithSequentialResult()
    {
        // The per-footprint cache is filled concurrently here; every thread must see the same answers.
        var volumes = Enumerable.Range(0, 40).Select(i => Base.WithSquare(35 + (i * 0.03), 35, 0.02).Build()).ToArray();
        static Volume4D Copy(Volume4D v) => v with { Footprint = new PolygonFootprint(((PolygonFootprint)v.Footprint).Vertices) };
        var expected = volumes.Select(v => SeparationTest.Conflicts(Copy(volumes[0]), Copy(v), SeparationMinima.Default)).ToArray();
        var mismatches = 0;

        Parallel.For(0, 2000, i =>
        {
            var j = i % volumes.Length;
            if (SeparationTest.Conflicts(volumes[0], volumes[j], SeparationMinima.Default) != expected[j])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
        Assert.Contains(true, expected);
        Assert.Contains(false, expected);
    }

    [Fact]
    public void Conflicts_NegativeMinimum_Throws()
    {
        var v = Base.Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => SeparationTest.Conflicts(v, v, new SeparationMinima(-1, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeparationTest.Conflicts(v, v, new SeparationMinima(0, double.NaN, 0)));
    }
}
