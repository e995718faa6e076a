using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Tracks;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Tracks;

public class TrackProjectionTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(45, 179.999)]
    [InlineData(-89.9, -45)]
    [InlineData(60, -120)]
    public void FromSurfaceEcef_RoundTrips(double lat, double lng)
    {
        var (x, y, z) = TrackProjection.ToSurfaceEcef(new LatLng(lat, lng));

        var back = TrackProjection.FromSurfaceEcef(x, y, z);

        Assert.Equal(lat, back.Lat, 9);
        Assert.Equal(lng, back.Lng, 9);
    }

    [Theory]
    [InlineData(0, 179.9, 300, 0)]
    [InlineData(70, 20, 0, 300)]
    [InlineData(89.5, 0, 212, 212)]
    [InlineData(-33, 151, -250, 150)]
    public void StraightLine_After120sAt300Mps_StaysWithinAFewMetresOfTheSurfaceDistance(double lat, double lng, double east, double north)
    {
        var start = new LatLng(lat, lng);
        var (x, y, z) = TrackProjection.ToSurfaceEcef(start);
        var (vx, vy, vz) = TrackProjection.ToEcefVelocity(start, east, north);
        var speed = Math.Sqrt((east * east) + (north * north));
        var end = TrackProjection.FromSurfaceEcef(x + (vx * 120), y + (vy * 120), z + (vz * 120));

        var travelled = Geodesic.DistanceM(start, end);

        // The surface point below the tangent line is at most s³/3R² closer than s along the ground.
        Assert.InRange(travelled, (speed * 120) - 5, (speed * 120) + 5);
    }
}
