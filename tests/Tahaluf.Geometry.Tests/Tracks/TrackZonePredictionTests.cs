using System.Collections.Immutable;
using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Tracks;
using Tahaluf.Geometry.Volumes;
using static Tahaluf.Geometry.Tests.Tracks.TrackScenes;

namespace Tahaluf.Geometry.Tests.Tracks;

public class TrackZonePredictionTests
{
    private static readonly DateTimeOffset Now = new(2015, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static Volume4D Circle(double lat, double lng, double radiusM, double lower = 0, double upper = 10000, DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        new(new CircleFootprint(new LatLng(lat, lng), radiusM), lower, upper, start ?? Now.AddHours(-1), end);

    private static Volume4D Square(double lat, double lng, double half) =>
        new(new PolygonFootprint(ImmutableArray.Create(new LatLng(lat - half, lng - half), new LatLng(lat - half, lng + half), new LatLng(lat + half, lng + half), new LatLng(lat + half, lng - half))), 0, 10000, Now.AddHours(-1), null);

    [Fact]
    public void FirstInside_CircleAhead_EntryTimeMatchesDistance()
    {
        var track = State(10, 10, 5000, 200, 0);
        var centre = new LatLng(10, 10.2);
        var distance = Geodesic.DistanceM(new LatLng(10, 10), centre) - 5000;

        var entry = TrackZonePrediction.FirstInside(track, Circle(10, 10.2, 5000), Now, 120);

        Assert.NotNull(entry);
        Assert.Equal(distance / 200, entry.Value, 0.2);
    }

    [Fact]
    public void FirstInside_AlreadyInside_IsZero()
    {
        Assert.Equal(0, TrackZonePrediction.FirstInside(State(10, 10, 5000, 200, 0), Circle(10, 10.01, 5000), Now, 120));
        Assert.Equal(0, TrackZonePrediction.FirstInside(State(10, 10, 5000, 200, 0), Square(10, 10, 0.1), Now, 120));
    }

    [Fact]
    public void FirstInside_AboveTheBandOrNotYetActive_IsNullOrLater()
    {
        var track = State(10, 10, 5000, 0, 0);

        Assert.Null(TrackZonePrediction.FirstInside(track, Circle(10, 10, 5000, upper: 4000), Now, 120));
        Assert.Equal(60, TrackZonePrediction.FirstInside(track, Circle(10, 10, 5000, start: Now.AddSeconds(60)), Now, 120));
        Assert.Null(TrackZonePrediction.FirstInside(track, Circle(10, 10, 5000, start: Now.AddSeconds(600)), Now, 120));
        Assert.Null(TrackZonePrediction.FirstInside(track, Circle(10, 10, 5000, end: Now), Now, 120));
    }

    [Fact]
    public void FirstInside_DescendingIntoTheBand_EntersWhenLevelIsReached()
    {
        var track = State(10, 10, 5000, 0, 0, climbMps: -20);

        var entry = TrackZonePrediction.FirstInside(track, Circle(10, 10, 5000, upper: 4000), Now, 120);

        Assert.Equal(50, entry!.Value, 9);
    }

    [Fact]
    public void FirstInside_PolygonAhead_SampledEntryWithinOneStep()
    {
        var track = State(0, 179.5, 5000, 250, 0);
        // Square from 179.6 E across the antimeridian.
        var zone = Square(0, 179.7, 0.1);
        var expected = Geodesic.DistanceM(new LatLng(0, 179.5), new LatLng(0, 179.6)) / 250;

        var entry = TrackZonePrediction.FirstInside(track, zone, Now, 120);

        Assert.NotNull(entry);
        Assert.InRange(entry.Value, expected - 0.2, expected + 1.2);
    }

    [Fact]
    public void FirstInside_ZoneMovesWithTheTrack_NeverEntered()
    {
        var track = State(10, 10, 5000, 250, 0);
        var zone = Circle(10, 10.1, 5000);
        var (vx, vy, vz) = TrackProjection.ToEcefVelocity(new LatLng(10, 10), 250, 0);

        Assert.NotNull(TrackZonePrediction.FirstInside(track, zone, Now, 120));
        Assert.Null(TrackZonePrediction.FirstInside(track, zone, Now, 120, (vx, vy, vz)));
    }

    [Fact]
    public void Move_CircleAndPolygon_FollowTheAnchor()
    {
        var circle = new CircleFootprint(new LatLng(35, 35), 1000);
        var moved = (CircleFootprint)ZoneAnchor.Move(circle, new LatLng(35, 35), new LatLng(35.1, 35.2));
        Assert.Equal(35.1, moved.Center.Lat, 9);
        Assert.Equal(35.2, moved.Center.Lng, 9);

        var square = (PolygonFootprint)Square(35, 35, 0.05).Footprint;
        var movedSquare = (PolygonFootprint)ZoneAnchor.Move(square, new LatLng(35, 35), new LatLng(35, 36));
        for (var i = 0; i < 4; i++)
        {
            var before = Geodesic.DistanceM(new LatLng(35, 35), square.Vertices[i]);
            var after = Geodesic.DistanceM(new LatLng(35, 36), movedSquare.Vertices[i]);
            Assert.Equal(before, after, 0.01 * before);
        }
    }
}
