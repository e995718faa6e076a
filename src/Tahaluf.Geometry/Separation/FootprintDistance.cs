using System.Buffers;
using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Separation;

/// <summary>
/// Horizontal distance between footprints on the WGS84 ellipsoid, as PostGIS <c>geography</c> computes it with
/// the spheroid: 0 when the footprints overlap or one contains the other; otherwise the closest pair of points
/// is found on the sphere (polygon edges are great-circle arcs) and that pair is measured with
/// <see cref="Geodesic.DistanceM"/>. Circles are geodesic: distance to the centre minus the radius, floored at 0.
/// Accuracy: the pair found on the sphere differs from the ellipsoid's nearest pair only to second order, so
/// results agree with the ellipsoidal truth far within 0.5 % or 50 m. Works across the antimeridian and at the
/// poles. Thread-safe; <see cref="IsWithin"/> allocates nothing once a footprint has been seen (per-footprint
/// data are cached for the footprint's lifetime).
/// </summary>
public static class FootprintDistance
{
    // Below this many edge pairs the pruning pass costs more than it saves.
    private const int PruneThreshold = 256;

    /// <summary>The distance between two footprints in metres; 0 when they overlap or touch.</summary>
    /// <param name="a">A polygon or circle.</param>
    /// <param name="b">A polygon or circle.</param>
    /// <returns>Distance in metres, at least 0.</returns>
    /// <exception cref="ArgumentNullException">A footprint is null.</exception>
    /// <exception cref="ArgumentException">A footprint is neither a polygon nor a circle.</exception>
    public static double HorizontalDistanceM(Footprint a, Footprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var pa = PreparedFootprint.Get(a);
        var pb = PreparedFootprint.Get(b);
        var outcome = Measure(pa, pb, double.PositiveInfinity, decideOnly: false);
        return outcome;
    }

    /// <summary>
    /// Whether the distance between two footprints is at most <paramref name="distanceM"/> metres (so touching
    /// footprints are within 0 m). Consistent with <see cref="HorizontalDistanceM"/> up to the accuracy stated
    /// on the class; exits early using a bounding cap and the bounds 6,335,439 m ≤ metres per radian ≤
    /// 6,399,594 m between the sphere and the ellipsoid, so an ellipsoidal distance is computed only for pairs
    /// near the threshold.
    /// </summary>
    /// <param name="a">A polygon or circle.</param>
    /// <param name="b">A polygon or circle.</param>
    /// <param name="distanceM">Threshold in metres, at least 0.</param>
    /// <returns>True when within.</returns>
    /// <exception cref="ArgumentNullException">A footprint is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="distanceM"/> is negative or NaN.</exception>
    public static bool IsWithin(Footprint a, Footprint b, double distanceM)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!(distanceM >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(distanceM), distanceM, "The distance must be at least 0 metres.");
        }

        return IsWithinPrepared(PreparedFootprint.Get(a), PreparedFootprint.Get(b), distanceM);
    }

    internal static bool IsWithinPrepared(PreparedFootprint a, PreparedFootprint b, double distanceM) =>
        Measure(a, b, distanceM, decideOnly: true) <= distanceM;

    /// <summary>
    /// With <paramref name="decideOnly"/>, returns a value that is ≤ the limit exactly when the footprints are
    /// within it (0 or the limit itself for early decisions, +∞ when clearly apart); otherwise the distance.
    /// </summary>
    private static double Measure(PreparedFootprint a, PreparedFootprint b, double limitM, bool decideOnly)
    {
        if (b.IsCircle && !a.IsCircle)
        {
            (a, b) = (b, a);
        }

        var radii = (a.IsCircle ? a.RadiusM : 0) + (b.IsCircle ? b.RadiusM : 0);
        var reach = limitM + radii;

        // The caps bound both footprints: if they are farther apart than the reach on the lower-bound scale, stop.
        var prunedRad = reach / Wgs84.MinMetresPerRadian;
        if (decideOnly)
        {
            var capLimit = a.CapRadiusRad + b.CapRadiusRad + prunedRad;
            if (capLimit < Math.PI && a.Center.Dot(b.Center) < Math.Cos(capLimit))
            {
                return double.PositiveInfinity;
            }
        }

        if (a.IsCircle && b.IsCircle)
        {
            return Finish(a.CircleCenter, b.CircleCenter, radii, a.Center.ChordSquaredTo(b.Center), reach, limitM, decideOnly);
        }

        var trueChord2 = decideOnly ? ChordSquared(reach / Wgs84.MaxMetresPerRadian) : -1;

        if (a.IsCircle)
        {
            var center = a.Center;
            if (b.Contains(center))
            {
                return 0;
            }

            var best = double.PositiveInfinity;
            var bestEdge = -1;
            var edges = b.Edges;
            for (var e = 0; e < edges.Length; e++)
            {
                var s = center.Dot(edges[e].Normal);
                if (s * s >= best)
                {
                    continue;
                }

                var c2 = b.ChordSquaredToEdge(center, e);
                if (c2 < best)
                {
                    best = c2;
                    bestEdge = e;
                    if (c2 <= trueChord2)
                    {
                        return 0;
                    }
                }
            }

            if (bestEdge < 0)
            {
                return double.PositiveInfinity;
            }

            return FinishPair(center, b.ClosestOnEdge(center, bestEdge), radii, best, reach, limitM, decideOnly);
        }

        if (a.Vertices.Length == 0 || b.Vertices.Length == 0)
        {
            return double.PositiveInfinity;
        }

        // Footprints in disjoint caps can neither contain one another nor have crossing edges.
        var capsOverlap = a.CapRadiusRad + b.CapRadiusRad >= Math.PI || a.Center.Dot(b.Center) >= Math.Cos(a.CapRadiusRad + b.CapRadiusRad);
        if (capsOverlap && (a.Contains(b.Vertices[0]) || b.Contains(a.Vertices[0])))
        {
            return 0;
        }

        var pruneChord2 = decideOnly ? ChordSquared(a.CapRadiusRad + b.CapRadiusRad + prunedRad) : 4.0;
        var prune = decideOnly && pruneChord2 < 4.0 && a.EdgeCount * b.EdgeCount > PruneThreshold;
        int[]? rentedA = null;
        int[]? rentedB = null;
        try
        {
            // Edges of one polygon that cannot come within the reach of the other's cap take part in nothing.
            var edgesA = Candidates(a, b, prune, ChordSquared(b.CapRadiusRad + prunedRad), ref rentedA);
            var edgesB = Candidates(b, a, prune, ChordSquared(a.CapRadiusRad + prunedRad), ref rentedB);

            var vertexLimitA = decideOnly ? Math.Cos(Math.Min(Math.PI, b.CapRadiusRad + prunedRad)) : -2;
            var vertexLimitB = decideOnly ? Math.Cos(Math.Min(Math.PI, a.CapRadiusRad + prunedRad)) : -2;
            var best = double.PositiveInfinity;
            var bestVertex = default(NVector);
            PreparedFootprint? bestOwner = null;
            var bestEdge = -1;
            if (Nearest(a, b, edgesB, vertexLimitA, trueChord2, ref best, ref bestVertex, ref bestOwner, ref bestEdge)
                || Nearest(b, a, edgesA, vertexLimitB, trueChord2, ref best, ref bestVertex, ref bestOwner, ref bestEdge))
            {
                return 0;
            }

            if (capsOverlap)
            {
                foreach (var i in edgesA)
                {
                    foreach (var j in edgesB)
                    {
                        if (a.EdgeCrosses(i, b, j))
                        {
                            return 0;
                        }
                    }
                }
            }

            if (bestOwner is null)
            {
                return double.PositiveInfinity;
            }

            return FinishPair(bestVertex, bestOwner.ClosestOnEdge(bestVertex, bestEdge), 0, best, reach, limitM, decideOnly);
        }
        finally
        {
            if (rentedA is not null)
            {
                ArrayPool<int>.Shared.Return(rentedA);
            }

            if (rentedB is not null)
            {
                ArrayPool<int>.Shared.Return(rentedB);
            }
        }
    }

    /// <summary>
    /// Minimum over the vertices of <paramref name="from"/> and the given edges of <paramref name="to"/>; true on an
    /// early decision. Vertices whose dot product with the other cap's centre is below <paramref name="vertexLimit"/>
    /// are out of reach and skipped.
    /// </summary>
    private static bool Nearest(
        PreparedFootprint from,
        PreparedFootprint to,
        ReadOnlySpan<int> edges,
        double vertexLimit,
        double trueChord2,
        ref double best,
        ref NVector bestVertex,
        ref PreparedFootprint? bestOwner,
        ref int bestEdge)
    {
        var toCenter = to.Center;
        var all = to.Edges;
        foreach (var p in from.Vertices)
        {
            if (p.Dot(toCenter) < vertexLimit)
            {
                continue;
            }

            foreach (var e in edges)
            {
                // The distance to the edge's great circle bounds the distance to the edge from below (chord² ≥ s²),
                // and skipping on it is a predictable branch where the full test is not.
                var s = p.Dot(all[e].Normal);
                if (s * s >= best)
                {
                    continue;
                }

                var c2 = to.ChordSquaredToEdge(p, e);
                if (c2 < best)
                {
                    best = c2;
                    bestVertex = p;
                    bestOwner = to;
                    bestEdge = e;
                    if (c2 <= trueChord2)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static ReadOnlySpan<int> Candidates(PreparedFootprint polygon, PreparedFootprint other, bool prune, double limitChord2, ref int[]? rented)
    {
        var count = polygon.EdgeCount;
        rented = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        var kept = 0;
        for (var e = 0; e < count; e++)
        {
            if (!prune || polygon.ChordSquaredToEdge(other.Center, e) <= limitChord2)
            {
                rented[kept++] = e;
            }
        }

        return rented.AsSpan(0, kept);
    }

    private static double FinishPair(NVector p, NVector q, double radii, double chord2, double reach, double limitM, bool decideOnly) =>
        Finish(p.ToLatLng(), q.ToLatLng(), radii, chord2, reach, limitM, decideOnly);

    private static double Finish(LatLng p, LatLng q, double radii, double chord2, double reach, double limitM, bool decideOnly)
    {
        if (decideOnly)
        {
            var angle = 2 * Math.Asin(Math.Min(1, Math.Sqrt(chord2) / 2));
            if (angle * Wgs84.MaxMetresPerRadian <= reach)
            {
                return 0;
            }

            if (angle * Wgs84.MinMetresPerRadian > reach)
            {
                return double.PositiveInfinity;
            }
        }

        var distance = Geodesic.DistanceM(p, q) - radii;
        return distance > 0 ? distance : 0;
    }

    /// <summary>Squared chord of an angle in radians, capped at 4 (the diameter squared) from π on.</summary>
    private static double ChordSquared(double angleRad)
    {
        if (!(angleRad < Math.PI))
        {
            return 4.0;
        }

        var s = Math.Sin(angleRad / 2);
        return 4 * s * s;
    }
}
