namespace Tahaluf.Geometry.Geodesy;

/// <summary>
/// Rings of great-circle arcs on the unit sphere: area, orientation and point containment. A ring is a
/// sequence of unit vectors, closed implicitly; its interior is the smaller of the two regions it bounds.
/// Pure functions, thread-safe.
/// </summary>
public static class SphericalPolygon
{
    /// <summary>
    /// Signed area of the region to the left of the ring (walking along it, interior on the left), in
    /// steradians, reduced to [0, 4π): a fan of signed triangles from a reference point. The first vertex is the
    /// most precise reference; when some vertex is nearly antipodal to it (rings spanning half the globe), the
    /// coordinate axis direction farthest from every vertex's antipode is used instead.
    /// </summary>
    /// <param name="ring">The vertices, unit vectors, at least 3.</param>
    /// <returns>Area in steradians in [0, 4π).</returns>
    public static double LeftAreaSr(ReadOnlySpan<NVector> ring)
    {
        if (ring.Length < 3)
        {
            return 0;
        }

        var origin = ring[0];
        if (NearestAntipodeChordSquared(ring, origin) < 1e-4)
        {
            ReadOnlySpan<NVector> axes = [new(1, 0, 0), new(-1, 0, 0), new(0, 1, 0), new(0, -1, 0), new(0, 0, 1), new(0, 0, -1)];
            var best = -1.0;
            foreach (var axis in axes)
            {
                var clearance = NearestAntipodeChordSquared(ring, axis);
                if (clearance > best)
                {
                    best = clearance;
                    origin = axis;
                }
            }
        }

        var sum = 0.0;
        for (var i = 0; i < ring.Length; i++)
        {
            sum += SignedTriangleArea(origin, ring[i], ring[i + 1 == ring.Length ? 0 : i + 1]);
        }

        var area = sum % (4 * Math.PI);
        return area < 0 ? area + (4 * Math.PI) : area;
    }

    private static double NearestAntipodeChordSquared(ReadOnlySpan<NVector> ring, NVector origin)
    {
        var nearest = double.PositiveInfinity;
        foreach (var v in ring)
        {
            nearest = Math.Min(nearest, origin.ChordSquaredTo(-v));
        }

        return nearest;
    }

    /// <summary>Area of the smaller region bounded by the ring, in steradians, in [0, 2π].</summary>
    /// <param name="ring">The vertices, unit vectors.</param>
    /// <returns>Area in steradians.</returns>
    public static double AreaSr(ReadOnlySpan<NVector> ring)
    {
        var left = LeftAreaSr(ring);
        return Math.Min(left, (4 * Math.PI) - left);
    }

    /// <summary>Area of the smaller region on a sphere of the WGS84 authalic radius, in square metres.</summary>
    /// <param name="ring">The vertices, unit vectors.</param>
    /// <returns>Area in m².</returns>
    public static double AreaM2(ReadOnlySpan<NVector> ring) => AreaSr(ring) * Wgs84.AuthalicRadiusM * Wgs84.AuthalicRadiusM;

    /// <summary>True when the smaller region lies to the left of the ring (counter-clockwise seen from above).</summary>
    /// <param name="ring">The vertices, unit vectors.</param>
    /// <returns>True for counter-clockwise.</returns>
    public static bool IsCounterClockwise(ReadOnlySpan<NVector> ring) => LeftAreaSr(ring) <= 2 * Math.PI;

    /// <summary>
    /// Whether p lies in the interior (the smaller region) of the ring, by its winding number: the angles
    /// the edges subtend at p sum to ±2π when p and its antipode are on different sides of the ring. Points on
    /// the boundary may go either way. O(n) with one atan2 per edge; <c>PreparedFootprint</c> has a faster test
    /// for rings that fit in a hemisphere.
    /// </summary>
    /// <param name="ring">The vertices, unit vectors.</param>
    /// <param name="p">The point, a unit vector.</param>
    /// <returns>True when inside.</returns>
    public static bool Contains(ReadOnlySpan<NVector> ring, NVector p) => Contains(ring, p, IsCounterClockwise(ring));

    /// <summary>As <see cref="Contains(ReadOnlySpan{NVector}, NVector)"/> with the orientation already known.</summary>
    /// <param name="ring">The vertices, unit vectors.</param>
    /// <param name="p">The point, a unit vector.</param>
    /// <param name="counterClockwise">The ring's orientation from <see cref="IsCounterClockwise"/>.</param>
    /// <returns>True when inside.</returns>
    public static bool Contains(ReadOnlySpan<NVector> ring, NVector p, bool counterClockwise)
    {
        if (ring.Length < 3)
        {
            return false;
        }

        var sum = 0.0;
        for (var i = 0; i < ring.Length; i++)
        {
            var a = ring[i];
            var b = ring[i + 1 == ring.Length ? 0 : i + 1];
            sum += Math.Atan2(p.Dot(a.Cross(b)), a.Dot(b) - (p.Dot(a) * p.Dot(b)));
        }

        var winding = (int)Math.Round(sum / (2 * Math.PI));
        return counterClockwise ? winding > 0 : winding < 0;
    }

    /// <summary>Signed area of the spherical triangle a, b, c in steradians; positive when counter-clockwise.</summary>
    /// <param name="a">First vertex.</param>
    /// <param name="b">Second vertex.</param>
    /// <param name="c">Third vertex.</param>
    /// <returns>Signed area in (−2π, 2π).</returns>
    public static double SignedTriangleArea(NVector a, NVector b, NVector c) =>
        2 * Math.Atan2(a.Dot(b.Cross(c)), 1 + a.Dot(b) + b.Dot(c) + c.Dot(a));
}
