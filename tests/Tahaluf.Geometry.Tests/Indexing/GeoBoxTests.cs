using FsCheck.Xunit;
using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Indexing;

public class GeoBoxTests
{
    [Property(MaxTest = 300)]
    public bool Of_PolygonEdgePoints_InsideBox(int seed)
    {
        var scene = new IndexScene(seed);
        var polygon = Enumerable.Range(0, 20).Select(_ => scene.Next().Footprint).OfType<PolygonFootprint>().First();
        var box = GeoBox.Of(polygon);
        var vertices = polygon.Vertices;
        for (var i = 0; i < vertices.Length; i++)
        {
            var a = NVector.FromLatLng(vertices[i]);
            var b = NVector.FromLatLng(vertices[(i + 1) % vertices.Length]);
            for (var t = 0.0; t <= 1.0; t += 1.0 / 64)
            {
                // Normalised chords sweep the great-circle arc from a to b.
                var point = ((a * (1 - t)) + (b * t)).Normalize().ToLatLng();
                if (!Contains(box, point))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool Expand_PointsWithinAngle_InsideExpandedBox(int seed)
    {
        var random = new Random(seed);
        var scene = new IndexScene(seed);
        var footprint = scene.Next().Footprint;
        var center = footprint is CircleFootprint c ? c.Center : ((PolygonFootprint)footprint).Vertices[0];
        var distanceM = random.NextDouble() * 100_000;
        var box = GeoBox.Of(footprint).Expand(GeoBox.MaxAngleRad(distanceM));

        // A point the given distance away on the sphere of the smallest curvature radius is as far (in angle) as
        // anything within that distance can be.
        for (var bearing = 0.0; bearing < 360; bearing += 7.5)
        {
            var point = IndexScene.Destination(center, bearing, distanceM * 6_371_000 / Wgs84.MinMetresPerRadian);
            if (!Contains(box, point))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Of_RingAroundNorthPole_CoversPoleAndAllLongitudes()
    {
        var ring = new PolygonFootprint([new(85, 0), new(85, 90), new(85, 180), new(85, -90)]);
        var box = GeoBox.Of(ring);

        Assert.True(box.FullLng);
        Assert.Equal(90, box.LatMax);
        Assert.True(box.LatMin <= 85);
    }

    [Fact]
    public void Of_PolygonAcrossAntimeridian_NarrowIntervalPastPlus180()
    {
        var box = GeoBox.Of(new PolygonFootprint([new(-1, 179.5), new(-1, -179.5), new(1, -179.5), new(1, 179.5)]));

        Assert.False(box.FullLng);
        Assert.InRange(box.LngMin, 179.4, 179.5);
        Assert.InRange(box.LngMax, 180.5, 180.6);
    }

    [Fact]
    public void Of_LongEastWestEdge_IncludesGreatCircleBulge()
    {
        // The great circle between two points at 60° N, 60° of longitude apart, peaks near 63.4° N.
        var box = GeoBox.Of(new PolygonFootprint([new(60, 0), new(60, 60), new(50, 30)]));

        Assert.InRange(box.LatMax, 63.4, 63.5);
    }

    private static bool Contains(GeoBox box, LatLng point)
    {
        if (point.Lat < box.LatMin - 1e-9 || point.Lat > box.LatMax + 1e-9)
        {
            return false;
        }

        if (box.FullLng)
        {
            return true;
        }

        var lng = point.Lng;
        while (lng < box.LngMin - 1e-9)
        {
            lng += 360;
        }

        return lng <= box.LngMax + 1e-9;
    }
}
