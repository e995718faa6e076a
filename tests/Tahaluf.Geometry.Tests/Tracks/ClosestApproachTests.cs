using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Tracks;
using Tahaluf.Geometry.Volumes;
using static Tahaluf.Geometry.Tests.Tracks.TrackScenes;

namespace Tahaluf.Geometry.Tests.Tracks;

public class ClosestApproachTests
{
    private static readonly EncounterLimits Limits = EncounterLimits.Default;

    [Fact]
    public void Compute_HeadOn_ConflictsNearMidpointTime()
    {
        var a = State(10, 20, 5000, 250, 0);
        var b = State(10, 20.5, 5000, -250, 0);
        var distance = Geodesic.DistanceM(new LatLng(10, 20), new LatLng(10, 20.5));

        var e = ClosestApproach.Compute(a, b, Limits);

        Assert.True(e.Conflicts);
        Assert.Equal(distance / 500, e.ClosestApproachS, 0.5);
        Assert.True(e.HorizontalMissM < 200, $"miss {e.HorizontalMissM}");
        Assert.Equal((distance - 9260) / 500, e.WindowStartS, 0.5);
        Assert.Equal(120, e.WindowEndS, 9);
    }

    [Fact]
    public void Compute_HeadOnButBeyondLookahead_DoesNotConflict()
    {
        var a = State(10, 20, 5000, 100, 0);
        var b = State(10, 21.5, 5000, -100, 0);

        var e = ClosestApproach.Compute(a, b, Limits);

        Assert.False(e.Conflicts);
        Assert.Equal(120, e.ClosestApproachS);
    }

    [Fact]
    public void Compute_Diverging_ClosestApproachIsNow()
    {
        var a = State(0, 0, 5000, -200, 0);
        var b = State(0, 0.05, 5000, 200, 0);

        var e = ClosestApproach.Compute(a, b, Limits);

        Assert.Equal(0, e.ClosestApproachS);
        Assert.True(e.Conflicts);
        Assert.Equal(0, e.WindowStartS);
        Assert.True(e.WindowEndS < 10, $"end {e.WindowEndS}");
    }

    [Fact]
    public void Compute_ParallelInsideMinima_ConflictsWholeLookahead()
    {
        var a = State(45, 5, 3000, 0, 200);
        var b = State(45, 5.05, 3100, 0, 200);

        var e = ClosestApproach.Compute(a, b, Limits);

        Assert.True(e.Conflicts);
        Assert.Equal(0, e.WindowStartS);
        Assert.Equal(120, e.WindowEndS);
    }

    [Fact]
    public void Compute_ZeroRelativeVelocityOutsideMinima_DoesNotConflict()
    {
        var a = State(45, 5, 3000, 0, 0);
        var b = State(45, 5.2, 3000, 0, 0);

        var e = ClosestApproach.Compute(a, b, Limits);

        Assert.False(e.Conflicts);
        Assert.Equal(0, e.ClosestApproachS);
        Assert.Equal(Geodesic.DistanceM(new LatLng(45, 5), new LatLng(45, 5.2)), e.HorizontalMissM, 0.05);
    }

    [Fact]
    public void Compute_VerticalOnlyClimbThrough_WindowIsWhereBandsMeet()
    {
        var a = State(30, 30, 2000, 0, 0);
        var b = State(30, 30, 1000, 0, 0, climbMps: 10);

        var e = ClosestApproach.Compute(a, b, Limits);

        Assert.True(e.Conflicts);
        Assert.Equal((1000 - 304.8) / 10, e.WindowStartS, 9);
        Assert.Equal(120, e.WindowEndS);
    }

    [Fact]
    public void Compute_ExactlyAtMinima_Conflicts()
    {
        var a = new TrackState(0, 0, 0, 0, 0, 0, 1000, 0);
        var horizontal = new TrackState(9260, 0, 0, 0, 0, 0, 1000, 0);
        var vertical = new TrackState(0, 0, 0, 0, 0, 0, 1304.8, 0);
        var both = new TrackState(0, 9260, 0, 0, 0, 0, 695.2, 0);

        Assert.True(ClosestApproach.Compute(a, horizontal, Limits).Conflicts);
        Assert.True(ClosestApproach.Compute(a, vertical, Limits).Conflicts);
        Assert.True(ClosestApproach.Compute(a, both, Limits).Conflicts);
        Assert.False(ClosestApproach.Compute(a, horizontal with { X = 9260.001 }, Limits).Conflicts);
    }

    [Fact]
    public void Compute_HorizontalAndVerticalViolatedAtDifferentTimes_DoesNotConflict()
    {
        // Horizontally within the minimum only during [0, ~16 s]; vertically only from 60 s on.
        var a = new TrackState(0, 0, 0, 0, 0, 0, 0, 0);
        var b = new TrackState(1000, 0, 0, 500, 0, 0, 1304.8 + 600, -10);

        var e = ClosestApproach.Compute(a, b, Limits);

        Assert.False(e.Conflicts);
        Assert.Equal(0, e.WindowStartS);
        Assert.Equal(0, e.WindowEndS);
    }

    [Fact]
    public void Compute_IsSymmetric()
    {
        var a = State(60, -170, 4000, 120, -80, 5);
        var b = State(60.1, -169.9, 4300, -150, 20, -3);

        var ab = ClosestApproach.Compute(a, b, Limits);
        var ba = ClosestApproach.Compute(b, a, Limits);

        Assert.Equal(ab.Conflicts, ba.Conflicts);
        Assert.Equal(ab.ClosestApproachS, ba.ClosestApproachS, 9);
        Assert.Equal(ab.HorizontalMissM, ba.HorizontalMissM, 6);
        Assert.Equal(ab.WindowStartS, ba.WindowStartS, 9);
    }
}
