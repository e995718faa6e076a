using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Geodesy;

public class SphericalPolygonTests
{
    private static NVector[] Ring(params (double Lat, double Lng)[] points) =>
        [.. points.Select(p => NVector.FromLatLng(new LatLng(p.Lat, p.Lng)))];

    [Fact]
    public void AreaSr_Octant_IsHalfPi()
    {
        var ring = Ring((0, 0), (0, 90), (90, 0));

        Assert.Equal(Math.PI / 2, SphericalPolygon.AreaSr(ring), 1e-12);
    }

    [Fact]
    public void AreaSr_SameForBothOrientations()
    {
        var ccw = Ring((0, 0), (0, 1), (1, 1), (1, 0));
        var cw = ccw.Reverse().ToArray();

        Assert.Equal(SphericalPolygon.AreaSr(ccw), SphericalPolygon.AreaSr(cw), 1e-15);
        Assert.True(SphericalPolygon.IsCounterClockwise(ccw));
        Assert.False(SphericalPolygon.IsCounterClockwise(cw));
    }

    [Fact]
    public void AreaM2_OneDegreeSquareAtEquator_About12300Km2()
    {
        var area = SphericalPolygon.AreaM2(Ring((0, 0), (0, 1), (1, 1), (1, 0)));

        // (π/180)² · R² · sin(1°)/(π/180) ≈ 12,363 km² on the authalic sphere.
        Assert.InRange(area / 1e6, 12_300, 12_400);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Contains_EitherOrientation_InteriorIsSmallerRegion(bool counterClockwise)
    {
        var ring = Ring((-17, 179.5), (-17, -179.5), (-16, -179.5), (-16, 179.5));
        if (!counterClockwise)
        {
            Array.Reverse(ring);
        }

        Assert.True(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(-16.5, 180))));
        Assert.True(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(-16.5, -179.9))));
        Assert.False(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(-16.5, 0))));
        Assert.False(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(-15.9, 180))));
    }

    [Fact]
    public void Contains_RingAroundPole_ContainsPole()
    {
        var ring = Ring((85, 0), (85, 90), (85, 180), (85, -90));

        Assert.True(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(90, 0))));
        Assert.True(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(86, 0))));

        // The edge from (85, 0) to (85, 90) is a great circle that peaks at atan(√2·tan 85°) ≈ 86.46° N at 45° E.
        Assert.False(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(86.4, 45))));
        Assert.True(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(86.5, 45))));
        Assert.False(SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(-90, 0))));
    }
}
