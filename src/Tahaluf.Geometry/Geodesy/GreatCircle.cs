namespace Tahaluf.Geometry.Geodesy;

/// <summary>
/// Great-circle arcs on the unit sphere, as unit <see cref="NVector"/>s. An arc from a to b is the shorter of
/// the two arcs between them (a and b must not be antipodal). Pure functions, thread-safe, allocation-free.
/// </summary>
public static class GreatCircle
{
    /// <summary>The point of the arc a→b nearest to p, and its angular distance from p.</summary>
    /// <param name="p">The point, a unit vector.</param>
    /// <param name="a">Start of the arc, a unit vector.</param>
    /// <param name="b">End of the arc, a unit vector.</param>
    /// <param name="closest">The nearest point of the arc, a unit vector.</param>
    /// <returns>Angular distance in radians, in [0, π].</returns>
    public static double DistanceToArc(NVector p, NVector a, NVector b, out NVector closest)
    {
        var normal = a.Cross(b).Normalize();
        if (normal.Length == 0)
        {
            closest = a;
            return p.AngleTo(a);
        }

        // The foot of the perpendicular lies on the arc when p is on the inner side of both end planes.
        if (p.Dot(normal.Cross(a)) >= 0 && p.Dot(b.Cross(normal)) >= 0)
        {
            var foot = (p - (normal * p.Dot(normal))).Normalize();
            if (foot.Length > 0)
            {
                closest = foot;
                return p.AngleTo(foot);
            }
        }

        var toA = p.AngleTo(a);
        var toB = p.AngleTo(b);
        closest = toA <= toB ? a : b;
        return Math.Min(toA, toB);
    }

    /// <summary>
    /// Whether the arcs a→b and c→d cross at a point interior to both (a proper crossing). Touching at an
    /// end point or running along the same great circle is not a proper crossing; callers that need those
    /// cases measure the distance from each end point to the other arc.
    /// </summary>
    /// <param name="a">Start of the first arc.</param>
    /// <param name="b">End of the first arc.</param>
    /// <param name="c">Start of the second arc.</param>
    /// <param name="d">End of the second arc.</param>
    /// <returns>True for a proper crossing.</returns>
    public static bool ArcsCross(NVector a, NVector b, NVector c, NVector d) =>
        ArcsCross(a.Cross(b), c.Cross(d), a, b, c, d);

    /// <summary>The crossing point of two arcs, when they cross properly (see <see cref="ArcsCross(NVector, NVector, NVector, NVector)"/>).</summary>
    /// <param name="a">Start of the first arc.</param>
    /// <param name="b">End of the first arc.</param>
    /// <param name="c">Start of the second arc.</param>
    /// <param name="d">End of the second arc.</param>
    /// <param name="point">The crossing point, a unit vector; default when they do not cross.</param>
    /// <returns>True for a proper crossing.</returns>
    public static bool TryIntersect(NVector a, NVector b, NVector c, NVector d, out NVector point)
    {
        var n1 = a.Cross(b);
        var n2 = c.Cross(d);
        if (!ArcsCross(n1, n2, a, b, c, d))
        {
            point = default;
            return false;
        }

        // Of the two antipodal points on both great circles, the crossing is the one on the same side as the arcs.
        var candidate = n1.Cross(n2).Normalize();
        point = candidate.Dot(a + b) >= 0 ? candidate : -candidate;
        return true;
    }

    /// <summary>
    /// Sign test of S2's <c>CrossingSign</c>: c and d strictly on opposite sides of the plane of a→b, a and b
    /// strictly on opposite sides of the plane of c→d, and the orientations consistent so that the crossing
    /// is not on the far side of the sphere.
    /// </summary>
    /// <param name="n1">a × b (any positive multiple).</param>
    /// <param name="n2">c × d (any positive multiple).</param>
    /// <param name="a">Start of the first arc.</param>
    /// <param name="b">End of the first arc.</param>
    /// <param name="c">Start of the second arc.</param>
    /// <param name="d">End of the second arc.</param>
    /// <returns>True for a proper crossing.</returns>
    internal static bool ArcsCross(NVector n1, NVector n2, NVector a, NVector b, NVector c, NVector d)
    {
        var abc = n1.Dot(c);
        var abd = n1.Dot(d);
        if (abc == 0 || abd == 0 || (abc > 0) == (abd > 0))
        {
            return false;
        }

        var cda = n2.Dot(a);
        var cdb = n2.Dot(b);
        if (cda == 0 || cdb == 0 || (cda > 0) == (cdb > 0))
        {
            return false;
        }

        return (abd > 0) == (cda > 0);
    }
}
