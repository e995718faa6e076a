using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Geodesy;

public class GeodesicTests
{
    private static double Dms(double degrees, double minutes, double seconds) => degrees + (minutes / 60) + (seconds / 3600);

    [Fact]
    public void DistanceM_WellingtonToSalamanca_MatchesGeographicLib()
    {
        // GeographicLib (C. F. F. Karney) JavaScript/Python documentation, "Basic geodesic calculations":
        // Inverse(-41.32, 174.81, 40.96, -5.50) "The distance is 19959679.267 m." A nearly antipodal pair where
        // plain Vincenty does not converge.
        var d = Geodesic.DistanceM(new LatLng(-41.32, 174.81), new LatLng(40.96, -5.50));

        Assert.Equal(19959679.267, d, 0.01);
    }

    [Fact]
    public void DistanceM_JfkToChangi_MatchesGeodSolveManual()
    {
        // GeographicLib GeodSolve(1) manual, EXAMPLES: "echo 40:38:23N 073:46:44W 01:21:33N 103:59:22E |
        // GeodSolve -i -: -p 0" prints "003:18:29.9 177:29:09.2 15347628" (metres, rounded to 1 m).
        var d = Geodesic.DistanceM(new LatLng(Dms(40, 38, 23), -Dms(73, 46, 44)), new LatLng(Dms(1, 21, 33), Dms(103, 59, 22)));

        Assert.Equal(15347628, d, 0.5);
    }

    [Fact]
    public void DistanceM_JfkToHeathrow_MatchesGeographicLibExample()
    {
        // GeographicLib example-Geodesic-small.cpp: Inverse(40.6, -73.8, 51.6, -0.5) printed as "5551.76 km".
        var d = Geodesic.DistanceM(new LatLng(40.6, -73.8), new LatLng(51.6, -0.5));

        Assert.Equal(5551.76, d / 1000, 0.005);
    }

    [Theory]
    [InlineData(90, 0, -90, 0)]
    [InlineData(0, 0, 0, 180)]
    [InlineData(0, 10, 0, -170)]
    public void DistanceM_PoleToPoleAndEquatorialAntipodes_IsHalfTheMeridian(double lat1, double lng1, double lat2, double lng2)
    {
        // WGS84 meridian quadrant 10,001,965.729 m (Wikipedia, "Latitude", section on the meridian distance; the
        // same value GeographicLib's Ellipsoid reports as QuarterMeridian). The shortest path between equatorial
        // antipodes runs over a pole, so it is twice that too.
        var d = Geodesic.DistanceM(new LatLng(lat1, lng1), new LatLng(lat2, lng2));

        Assert.Equal(2 * 10_001_965.729, d, 0.01);
    }

    [Fact]
    public void DistanceM_EquatorToPole_IsMeridianQuadrant()
    {
        // Wikipedia, "Latitude": the WGS84 meridian distance from the equator to a pole is 10,001,965.729 m.
        Assert.Equal(10_001_965.729, Geodesic.DistanceM(new LatLng(0, 0), new LatLng(90, 0)), 0.001);
    }

    [Fact]
    public void DistanceM_OneDegreeOfLongitudeOnEquator_IsArcOfEquator()
    {
        // Along the equator the geodesic (for |Δλ| < (1 − f)·180°) is the equator: a·Δλ.
        var d = Geodesic.DistanceM(new LatLng(0, 0), new LatLng(0, 1));

        Assert.Equal(Wgs84.SemiMajorAxisM * Math.PI / 180, d, 1e-6);
    }

    [Fact]
    public void DistanceM_SamePoint_IsZero()
    {
        Assert.Equal(0, Geodesic.DistanceM(new LatLng(35.5, 35.9), new LatLng(35.5, 35.9)));
    }

    [Fact]
    public void DistanceM_AcrossAntimeridian_EqualsShiftedPair()
    {
        var across = Geodesic.DistanceM(new LatLng(-17, 179.9), new LatLng(-17.1, -179.8));
        var shifted = Geodesic.DistanceM(new LatLng(-17, -0.1), new LatLng(-17.1, 0.2));

        Assert.Equal(shifted, across, 1e-6);
        Assert.InRange(across, 30_000, 40_000);
    }

    [Fact]
    public void DistanceM_NotFinite_IsNaN()
    {
        Assert.True(double.IsNaN(Geodesic.DistanceM(new LatLng(double.NaN, 0), new LatLng(0, 0))));
    }

    [Fact]
    public void DistanceM_NearAntipodalSweep_NeverBelowLowerBoundAndSmooth()
    {
        // Nothing exceeds half the polar circumference... and nothing jumps between neighbouring inputs.
        double? previous = null;
        for (var lng = 179.0; lng <= 180.0; lng += 0.05)
        {
            var d = Geodesic.DistanceM(new LatLng(0.3, 0), new LatLng(-0.3, lng));
            Assert.InRange(d, 19_900_000, 2 * 10_001_965.73);
            if (previous is { } p)
            {
                Assert.True(Math.Abs(d - p) < 6_000, $"jump at {lng}: {p} -> {d}");
            }

            previous = d;
        }
    }
}
