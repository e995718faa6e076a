using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Geodesy;

public class GreatCircleTests
{
    private static NVector V(double lat, double lng) => NVector.FromLatLng(new LatLng(lat, lng));

    private const double Degree = Math.PI / 180;

    [Fact]
    public void DistanceToArc_PointAboveMiddleOfEquatorialArc_IsLatitude()
    {
        var d = GreatCircle.DistanceToArc(V(1, 5), V(0, 0), V(0, 10), out var closest);

        Assert.Equal(1 * Degree, d, 1e-12);
        Assert.Equal(0, closest.ToLatLng().Lat, 1e-9);
        Assert.Equal(5, closest.ToLatLng().Lng, 1e-9);
    }

    [Fact]
    public void DistanceToArc_PointBeyondEnd_IsDistanceToEnd()
    {
        var d = GreatCircle.DistanceToArc(V(0, 12), V(0, 0), V(0, 10), out var closest);

        Assert.Equal(2 * Degree, d, 1e-12);
        Assert.Equal(10, closest.ToLatLng().Lng, 1e-9);
    }

    [Fact]
    public void DistanceToArc_LongEdgeBulgesTowardsPole()
    {
        // The great circle from (60, 0) to (60, 90) peaks at 45°E, at atan(2·tan 60° / √2) ≈ 67.79° N.
        var peak = Math.Atan(2 * Math.Tan(60 * Degree) / Math.Sqrt(2)) / Degree;
        var d = GreatCircle.DistanceToArc(V(peak, 45), V(60, 0), V(60, 90), out _);

        Assert.True(d < 1e-9, $"{d / Degree}°");
        Assert.InRange(peak, 67.7, 67.9);
    }

    [Fact]
    public void TryIntersect_CrossingArcsAcrossAntimeridian_FindsPoint()
    {
        var crosses = GreatCircle.TryIntersect(V(-1, 179), V(1, -179), V(1, 179), V(-1, -179), out var point);

        Assert.True(crosses);
        var p = point.ToLatLng();
        Assert.Equal(0, p.Lat, 1e-9);
        Assert.Equal(180, Math.Abs(p.Lng), 1e-9);
    }

    [Fact]
    public void ArcsCross_DisjointArcsOnFarSide_DoNotCross()
    {
        // The second pair's last arc is the antipode of the first pair's: the great circles meet, but on the far side.
        Assert.True(GreatCircle.ArcsCross(V(-1, 10), V(1, 12), V(1, 10), V(-1, 12)));
        Assert.False(GreatCircle.ArcsCross(V(-1, 10), V(1, 12), V(-1, -170), V(1, -168)));
    }

    [Fact]
    public void ArcsCross_SharedEndPoint_IsNotProperCrossing()
    {
        Assert.False(GreatCircle.ArcsCross(V(0, 0), V(1, 1), V(1, 1), V(0, 2)));
    }
}
