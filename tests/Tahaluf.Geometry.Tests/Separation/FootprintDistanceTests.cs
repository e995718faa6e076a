using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing;

namespace Tahaluf.Geometry.Tests.Separation;

public class FootprintDistanceTests
{
    private static PolygonFootprint Square(double lat, double lng, double size) => VolumeBuilder.Square(lat, lng, size);

    private static PolygonFootprint Polygon(params (double Lat, double Lng)[] vertices) => VolumeBuilder.Polygon(vertices);

    private static CircleFootprint Circle(double lat, double lng, double radiusM) => new(new LatLng(lat, lng), radiusM);

    private static void AssertWithinTolerance(double expected, double actual)
    {
        var tolerance = Math.Max(50, 0.005 * expected);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected} m ± {tolerance}, got {actual} m");
    }

    private static void AssertDistance(Footprint a, Footprint b, double expected)
    {
        var ab = FootprintDistance.HorizontalDistanceM(a, b);
        var ba = FootprintDistance.HorizontalDistanceM(b, a);
        AssertWithinTolerance(expected, ab);
        Assert.Equal(ab, ba, 1e-6);
    }

    [Fact]
    public void HorizontalDistanceM_OverlappingSquares_IsZero()
    {
        AssertDistance(Square(35, 35, 0.1), Square(35.05, 35.05, 0.1), 0);
        Assert.True(FootprintDistance.IsWithin(Square(35, 35, 0.1), Square(35.05, 35.05, 0.1), 0));
    }

    [Fact]
    public void HorizontalDistanceM_Nested_IsZeroBothWays()
    {
        var outer = Square(35, 35, 1);
        var inner = Square(35.4, 35.4, 0.01);

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(outer, inner));
        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(inner, outer));
        Assert.True(FootprintDistance.IsWithin(inner, outer, 0));
    }

    [Fact]
    public void HorizontalDistanceM_SharedEdge_TouchesAtZero()
    {
        var west = Polygon((0, 0), (0, 1), (1, 1), (1, 0));
        var east = Polygon((0, 1), (0, 2), (1, 2), (1, 1));

        Assert.True(FootprintDistance.HorizontalDistanceM(west, east) < 1e-3);
        Assert.True(FootprintDistance.IsWithin(west, east, 0));
    }

    [Fact]
    public void HorizontalDistanceM_CrossingSliversWithNoVertexInside_IsZero()
    {
        // A plus sign: neither thin rectangle has a vertex inside the other, only edges cross.
        var horizontal = Polygon((35.0, 35.0), (35.0, 35.2), (35.00001, 35.2), (35.00001, 35.0));
        var vertical = Polygon((34.9, 35.1), (34.9, 35.10001), (35.1, 35.10001), (35.1, 35.1));

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(horizontal, vertical));
        Assert.True(FootprintDistance.IsWithin(vertical, horizontal, 0));
    }

    [Fact]
    public void HorizontalDistanceM_DisjointSquaresOnEquator_IsGapAlongParallel()
    {
        var a = Square(0, 0, 0.1);
        var b = Square(0, 0.2, 0.1);

        AssertDistance(a, b, Geodesic.DistanceM(new LatLng(0.1, 0.1), new LatLng(0.1, 0.2)));
        Assert.False(FootprintDistance.IsWithin(a, b, 11_000));
        Assert.True(FootprintDistance.IsWithin(a, b, 11_200));
    }

    [Fact]
    public void HorizontalDistanceM_VertexFacingEdgeMidpoint_MeasuresPerpendicular()
    {
        // B's western vertex points at the middle of A's eastern edge.
        var a = Square(10, 20, 1);
        var b = Polygon((10.5, 21.5), (10, 22), (11, 22));

        var d = FootprintDistance.HorizontalDistanceM(a, b);

        AssertWithinTolerance(Geodesic.DistanceM(new LatLng(10.5, 21), new LatLng(10.5, 21.5)), d);
    }

    [Fact]
    public void HorizontalDistanceM_LongEdgeBulge_SquareNorthOf60thParallelIsInside()
    {
        // The edge (60, 0)-(60, 90) runs along a great circle up to 67.79° N; a planar lat/lng test would put
        // this square some 800 km outside.
        var big = Polygon((50, 45), (60, 90), (60, 0));
        var inside = Square(67.0, 44.95, 0.1);
        var north = Square(68.2, 44.95, 0.1);

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(big, inside));
        AssertDistance(big, north, Geodesic.DistanceM(new LatLng(Math.Atan(Math.Sqrt(6)) * 180 / Math.PI, 45), new LatLng(68.2, 45)));
    }

    [Fact]
    public void HorizontalDistanceM_AcrossAntimeridian_MeasuresShortWay()
    {
        var west = Square(-17, 179.9, 0.05);
        var east = Square(-17, -179.9, 0.05);

        AssertDistance(west, east, Geodesic.DistanceM(new LatLng(-16.95, 179.95), new LatLng(-16.95, -179.9)));
    }

    [Fact]
    public void HorizontalDistanceM_PolygonStraddlingAntimeridian_ContainsSquareOnEitherSide()
    {
        var straddling = Polygon((-17, 179.5), (-17, -179.5), (-16, -179.5), (-16, 179.5));

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(straddling, Square(-16.6, 179.8, 0.1)));
        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(straddling, Square(-16.6, -179.8, 0.1)));
        Assert.True(FootprintDistance.HorizontalDistanceM(straddling, Square(-16.6, 178, 0.1)) > 100_000);
    }

    [Fact]
    public void HorizontalDistanceM_AcrossNorthPole_MeasuresOverThePole()
    {
        var a = Polygon((89.5, 0), (89, -5), (89, 5));
        var b = Polygon((89.5, 180), (89, 175), (89, -175));

        AssertDistance(a, b, Geodesic.DistanceM(new LatLng(89.5, 0), new LatLng(89.5, 180)));
    }

    [Fact]
    public void HorizontalDistanceM_RingAroundPole_ContainsPoleCircle()
    {
        var cap = Polygon((85, 0), (85, 90), (85, 180), (85, -90));

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(cap, Circle(90, 0, 1000)));
        AssertDistance(cap, Circle(84, 0, 1000), Geodesic.DistanceM(new LatLng(84, 0), new LatLng(85, 0)) - 1000);
    }

    [Fact]
    public void HorizontalDistanceM_CircleNearPolygon_IsCentreDistanceMinusRadius()
    {
        var square = Square(35, 35, 0.1);
        var centre = new LatLng(35.05, 35.2);
        var toEdge = Geodesic.DistanceM(centre, new LatLng(35.05, 35.1));

        AssertDistance(square, Circle(centre.Lat, centre.Lng, 4000), toEdge - 4000);
        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(Circle(centre.Lat, centre.Lng, toEdge + 10), square));
    }

    [Fact]
    public void HorizontalDistanceM_CircleInsidePolygonAndPolygonInsideCircle_IsZero()
    {
        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(Square(35, 35, 1), Circle(35.5, 35.5, 100)));
        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(Circle(35.05, 35.05, 50_000), Square(35, 35, 0.1)));
    }

    [Fact]
    public void HorizontalDistanceM_TwoCircles_IsCentreDistanceMinusRadii()
    {
        var centres = Geodesic.DistanceM(new LatLng(35, 35), new LatLng(35.2, 35.1));

        Assert.Equal(centres - 3000 - 2000, FootprintDistance.HorizontalDistanceM(Circle(35, 35, 3000), Circle(35.2, 35.1, 2000)), 1e-6);
        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(Circle(35, 35, centres), Circle(35.2, 35.1, 1)));
    }

    [Fact]
    public void HorizontalDistanceM_LargeCircleNearThreshold_StaysAccurate()
    {
        // Distance to centre 1,010 km, radius 1,000 km: the 10 km result must hold to 50 m despite the big terms.
        var square = Square(0, 10, 1);
        var centre = new LatLng(0.5, 11 + (1_010_000 / (Wgs84.SemiMajorAxisM * Math.PI / 180)));
        var expected = Geodesic.DistanceM(centre, new LatLng(0.5, 11)) - 1_000_000;

        AssertDistance(square, Circle(centre.Lat, centre.Lng, 1_000_000), expected);
    }

    [Fact]
    public void HorizontalDistanceM_ClockwiseRing_SameAsCounterClockwise()
    {
        var ccw = Square(35, 35, 1);
        var cw = new PolygonFootprint([.. ccw.Vertices.Reverse()]);
        var inner = Square(35.4, 35.4, 0.01);
        var outside = Square(36.5, 35.4, 0.01);

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(cw, inner));
        Assert.Equal(FootprintDistance.HorizontalDistanceM(ccw, outside), FootprintDistance.HorizontalDistanceM(cw, outside), 1e-6);
    }

    [Fact]
    public void HorizontalDistanceM_SnakeAroundMoreThanAHemisphere_UsesWindingContainment()
    {
        // A 0.2°-wide band along the equator from 100° E eastwards through 180° to 60° W: no hemisphere holds it,
        // but its area (about 490,000 km²) is small, so its interior is the band.
        var south = Enumerable.Range(0, 21).Select(i => (-0.1, Wrap(100 + (i * 10.0))));
        var north = Enumerable.Range(0, 21).Select(i => (0.1, Wrap(300 - (i * 10.0))));
        var snake = Polygon([.. south, .. north]);
        Assert.Null(Tahaluf.Geometry.Validation.Volume4DValidator.Validate(VolumeBuilder.Create().WithFootprint(snake).Build()));

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(snake, Square(-0.05, 179.9, 0.05)));
        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(snake, Circle(0, -120, 100)));
        AssertDistance(snake, Circle(0, 0, 100), Geodesic.DistanceM(new LatLng(0, 0), new LatLng(0, -60)) - 100);
        Assert.True(FootprintDistance.HorizontalDistanceM(snake, Circle(0, 80, 100)) > 2_000_000);
        AssertDistance(snake, Square(1, 150, 0.1), Geodesic.DistanceM(new LatLng(1, 150), new LatLng(0.1, 150)));

        static double Wrap(double lng) => lng > 180 ? lng - 360 : lng;
    }

    [Fact]
    public void IsWithin_FarApartCaps_FalseWithoutMeasuring()
    {
        Assert.False(FootprintDistance.IsWithin(Square(35, 35, 0.1), Square(-35, -145, 0.1), 9260));
    }

    [Fact]
    public void IsWithin_NegativeDistance_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FootprintDistance.IsWithin(Square(0, 0, 1), Square(0, 0, 1), -1));
    }
}
