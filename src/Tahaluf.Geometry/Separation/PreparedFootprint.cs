using System.Runtime.CompilerServices;
using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Separation;

/// <summary>
/// A footprint turned into the unit vectors and per-edge planes the separation tests need. Prepared forms are
/// kept in a bounded, direct-mapped cache keyed by footprint identity (<see cref="CacheSlots"/> slots): hot
/// footprints stay prepared while memory stays bounded however many volumes are stored (about 1 KB per
/// prepared polygon would otherwise be held for every stored volume). Immutable after construction, hence
/// thread-safe; cache slots are replaced atomically.
/// </summary>
internal sealed class PreparedFootprint
{
    /// <summary>A great-circle edge's plane and the planes that bound the lune of points whose nearest point is inside it.</summary>
    /// <param name="Normal">Unit normal of the edge's plane (NaN for an edge without a plane).</param>
    /// <param name="StartPlane">Normal × start: p · this ≥ 0 when p's foot on the great circle is past the start.</param>
    /// <param name="EndPlane">End × normal: p · this ≥ 0 when p's foot on the great circle is before the end.</param>
    internal readonly record struct Edge(NVector Normal, NVector StartPlane, NVector EndPlane);

    /// <summary>Number of cache slots (a power of two).</summary>
    internal const int CacheSlots = 1 << 16;

    private static readonly PreparedFootprint?[] Cache = new PreparedFootprint?[CacheSlots];

    private readonly Footprint _source;

    // Rings whose bounding cap is narrower than this are tested for containment in the gnomonic projection
    // centred on the cap, where great-circle edges are straight lines.
    private const double MaxGnomonicCapRad = 80.0 * Math.PI / 180.0;

    private PreparedFootprint(Footprint footprint)
    {
        _source = footprint;
        switch (footprint)
        {
            case CircleFootprint circle:
                IsCircle = true;
                CircleCenter = circle.Center;
                RadiusM = circle.RadiusM;
                Center = NVector.FromLatLng(circle.Center);
                CapRadiusRad = Math.Min(Math.PI, Math.Max(0, circle.RadiusM) / Wgs84.MinMetresPerRadian);
                _ring = [Center];
                _count = 1;
                Edges = [];
                ProjectedU = ProjectedV = [];
                break;
            case PolygonFootprint polygon:
                var distinct = Distinct(polygon);
                var n = distinct.Length;
                _count = n;
                _ring = n == 0 ? [] : [.. distinct, distinct[0]];
                Edges = new Edge[n >= 2 ? n : 0];
                var sum = default(NVector);
                for (var i = 0; i < n; i++)
                {
                    var a = _ring[i];
                    var b = _ring[i + 1];
                    var normal = a.Cross(b).Normalize();
                    if (normal.Length == 0)
                    {
                        // Antipodal or single-point edges have no plane; NaN makes every plane test fail, so
                        // distances fall back to the end points and no crossing is reported.
                        normal = new NVector(double.NaN, double.NaN, double.NaN);
                    }

                    if (n >= 2)
                    {
                        Edges[i] = new Edge(normal, normal.Cross(a), b.Cross(normal));
                    }

                    sum += a;
                }

                Center = sum.Length > 1e-9 ? sum.Normalize() : (n > 0 ? _ring[0] : new NVector(1, 0, 0));
                var minDot = 1.0;
                foreach (var v in Vertices)
                {
                    minDot = Math.Min(minDot, Center.Dot(v));
                }

                CapRadiusRad = Math.Acos(Math.Clamp(minDot, -1, 1));
                CounterClockwise = SphericalPolygon.IsCounterClockwise(Vertices);
                if (CapRadiusRad < MaxGnomonicCapRad && n >= 3)
                {
                    IsGnomonic = true;
                    CapCos = minDot;
                    var east = new NVector(0, 0, 1).Cross(Center);
                    _east = (east.Length > 1e-6 ? east : new NVector(1, 0, 0).Cross(Center)).Normalize();
                    _north = Center.Cross(_east);
                    ProjectedU = new double[n];
                    ProjectedV = new double[n];
                    for (var i = 0; i < n; i++)
                    {
                        var d = Vertices[i].Dot(Center);
                        ProjectedU[i] = Vertices[i].Dot(_east) / d;
                        ProjectedV[i] = Vertices[i].Dot(_north) / d;
                    }
                }
                else
                {
                    CapRadiusRad = Math.PI;
                    ProjectedU = ProjectedV = [];
                }

                break;
            default:
                throw new ArgumentException("The footprint must be a polygon or a circle.", nameof(footprint));
        }
    }

    // The distinct vertices followed by the first one again, so edge i always runs from _ring[i] to _ring[i + 1].
    private readonly NVector[] _ring;
    private readonly int _count;
    private readonly NVector _east;
    private readonly NVector _north;

    /// <summary>True for a circle; then <see cref="Vertices"/> holds only the centre.</summary>
    public bool IsCircle { get; }

    /// <summary>Circle centre in degrees (circles only).</summary>
    public LatLng CircleCenter { get; }

    /// <summary>Circle radius in metres (circles only).</summary>
    public double RadiusM { get; }

    /// <summary>Centre of a cap on the unit sphere that holds the whole footprint.</summary>
    public NVector Center { get; }

    /// <summary>Angular radius of that cap in radians (π when no useful cap exists).</summary>
    public double CapRadiusRad { get; }

    /// <summary>Polygon vertices without consecutive repeats, unit vectors; the centre for a circle.</summary>
    public ReadOnlySpan<NVector> Vertices => _ring.AsSpan(0, _count);

    /// <summary>Number of edges (0 for circles).</summary>
    public int EdgeCount => Edges.Length;

    /// <summary>The edges: edge i runs from vertex i to vertex i + 1 (the last back to the first).</summary>
    public Edge[] Edges { get; }

    /// <summary>Orientation of the ring (interior on the left).</summary>
    public bool CounterClockwise { get; }

    private bool IsGnomonic { get; }

    private double CapCos { get; }

    private double[] ProjectedU { get; }

    private double[] ProjectedV { get; }

    /// <summary>The prepared form of a footprint, from the cache or built now.</summary>
    /// <param name="footprint">A polygon or circle footprint.</param>
    /// <returns>The prepared footprint.</returns>
    public static PreparedFootprint Get(Footprint footprint)
    {
        var slot = RuntimeHelpers.GetHashCode(footprint) & (CacheSlots - 1);
        var cached = Volatile.Read(ref Cache[slot]);
        if (cached is not null && ReferenceEquals(cached._source, footprint))
        {
            return cached;
        }

        var prepared = new PreparedFootprint(footprint);
        Volatile.Write(ref Cache[slot], prepared);
        return prepared;
    }

    /// <summary>Whether p is inside the polygon (false for circles, which callers handle by distance).</summary>
    /// <param name="p">A unit vector.</param>
    /// <returns>True when inside; points on the boundary may go either way.</returns>
    public bool Contains(NVector p)
    {
        if (IsCircle || Vertices.Length < 3)
        {
            return false;
        }

        if (!IsGnomonic)
        {
            return SphericalPolygon.Contains(Vertices, p, CounterClockwise);
        }

        var d = p.Dot(Center);
        if (d < CapCos)
        {
            return false;
        }

        var u = p.Dot(_east) / d;
        var v = p.Dot(_north) / d;
        var us = ProjectedU;
        var vs = ProjectedV;
        var inside = false;
        for (int i = 0, j = us.Length - 1; i < us.Length; j = i++)
        {
            if ((vs[i] > v) != (vs[j] > v) && u < ((us[j] - us[i]) * (v - vs[i]) / (vs[j] - vs[i])) + us[i])
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Squared chord from p to the nearest point of edge i.</summary>
    /// <param name="p">A unit vector.</param>
    /// <param name="i">Edge index, below <see cref="EdgeCount"/>.</param>
    /// <returns>Squared chord length (4 sin²(θ/2) for angle θ).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ChordSquaredToEdge(NVector p, int i)
    {
        ref readonly var edge = ref Edges[i];
        if (p.Dot(edge.StartPlane) >= 0 && p.Dot(edge.EndPlane) >= 0)
        {
            var s = p.Dot(edge.Normal);
            var s2 = Math.Min(1, s * s);
            return 2 * s2 / (1 + Math.Sqrt(1 - s2));
        }

        return Math.Min(p.ChordSquaredTo(_ring[i]), p.ChordSquaredTo(_ring[i + 1]));
    }

    /// <summary>The point of edge i nearest to p.</summary>
    /// <param name="p">A unit vector.</param>
    /// <param name="i">Edge index.</param>
    /// <returns>The nearest point, a unit vector.</returns>
    public NVector ClosestOnEdge(NVector p, int i)
    {
        GreatCircle.DistanceToArc(p, _ring[i], _ring[i + 1], out var closest);
        return closest;
    }

    /// <summary>Whether edge i of this polygon and edge j of the other cross properly.</summary>
    /// <param name="i">Edge of this polygon.</param>
    /// <param name="other">The other polygon.</param>
    /// <param name="j">Edge of the other polygon.</param>
    /// <returns>True for a proper crossing.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool EdgeCrosses(int i, PreparedFootprint other, int j) =>
        GreatCircle.ArcsCross(Edges[i].Normal, other.Edges[j].Normal, _ring[i], _ring[i + 1], other._ring[j], other._ring[j + 1]);

    private static NVector[] Distinct(PolygonFootprint polygon)
    {
        if (polygon.Vertices.IsDefaultOrEmpty)
        {
            return [];
        }

        var list = new List<NVector>(polygon.Vertices.Length);
        foreach (var vertex in polygon.Vertices)
        {
            var v = NVector.FromLatLng(vertex);
            if (list.Count == 0 || list[^1].ChordSquaredTo(v) > 1e-24)
            {
                list.Add(v);
            }
        }

        while (list.Count > 1 && list[^1].ChordSquaredTo(list[0]) <= 1e-24)
        {
            list.RemoveAt(list.Count - 1);
        }

        return [.. list];
    }
}
