using System.Collections.Immutable;
using System.Globalization;
using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Validation;

/// <summary>
/// Checks a <see cref="Volume4D"/> against the geometry rules of the hub (ARCHITECTURE.md, "Geometry
/// semantics") and reports the first violation with a stable code from <see cref="GeometryErrorCodes"/> and
/// the path of the offending field. Never throws for any volume value. Thread-safe.
/// </summary>
public static class Volume4DValidator
{
    /// <summary>Most vertices a polygon may have.</summary>
    public const int MaxVertices = 10_000;

    /// <summary>Largest circle radius, metres.</summary>
    public const double MaxRadiusM = 1_000_000;

    /// <summary>Largest polygon area, square metres (2,000,000 km²). Circles are bounded by their radius instead.</summary>
    public const double MaxAreaM2 = 2_000_000e6;

    /// <summary>Lowest altitude, metres above the WGS84 ellipsoid.</summary>
    public const double MinAltitudeM = -1_000;

    /// <summary>Highest altitude, metres above the WGS84 ellipsoid.</summary>
    public const double MaxAltitudeM = 100_000;

    /// <summary>Longest time window.</summary>
    public static TimeSpan MaxWindow { get; } = TimeSpan.FromDays(30);

    // Two vertices closer than this (radians, about 0.6 mm) are the same point; also the tolerance for "touches".
    private const double SamePointRad = 1e-10;

    /// <summary>Validates a volume.</summary>
    /// <param name="volume">The volume; its footprint may be any value, including null.</param>
    /// <param name="field">Path of the volume in the request, prefixed to every reported field.</param>
    /// <param name="allowOpenEnd">Whether a null <see cref="Volume4D.TimeEnd"/> is acceptable (zones).</param>
    /// <returns>The first error found, or null when the volume is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volume"/> or <paramref name="field"/> is null.</exception>
    public static GeometryError? Validate(Volume4D volume, string field = "volume4d", bool allowOpenEnd = false) =>
        Validate(volume, field, allowOpenEnd, VolumeFieldNames.F3548);

    internal static GeometryError? Validate(Volume4D volume, string field, bool allowOpenEnd, VolumeFieldNames names)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(field);
        return ValidateFootprint(volume.Footprint, field, names)
            ?? ValidateAltitudes(volume.AltitudeLowerM, volume.AltitudeUpperM, field, names)
            ?? ValidateTimes(volume.TimeStart, volume.TimeEnd, field, allowOpenEnd, names);
    }

    private static GeometryError? ValidateFootprint(Footprint? footprint, string field, VolumeFieldNames names) => footprint switch
    {
        PolygonFootprint polygon => ValidatePolygon(polygon.Vertices, field, names),
        CircleFootprint circle => ValidateCircle(circle, field, names),
        null => new GeometryError(GeometryErrorCodes.MissingField, names.Footprint(field), $"{names.Footprint(field)} has no footprint: give a polygon or a circle."),
        _ => new GeometryError(GeometryErrorCodes.UnsupportedGeometry, names.Footprint(field), $"{names.Footprint(field)} has an unsupported footprint kind {footprint.GetType().Name}."),
    };

    private static GeometryError? ValidateCircle(CircleFootprint circle, string field, VolumeFieldNames names)
    {
        var error = ValidatePosition(circle.Center, names.CenterLat(field), names.CenterLng(field));
        if (error is not null)
        {
            return error;
        }

        var radiusField = names.Radius(field);
        if (!double.IsFinite(circle.RadiusM))
        {
            return new GeometryError(GeometryErrorCodes.NotFinite, radiusField, $"{radiusField} must be a finite number of metres.");
        }

        if (circle.RadiusM <= 0 || circle.RadiusM > MaxRadiusM)
        {
            return new GeometryError(
                GeometryErrorCodes.RadiusOutOfRange,
                radiusField,
                Invariant($"{radiusField} is {circle.RadiusM} m; it must be more than 0 and at most 1,000,000 m (1,000 km)."));
        }

        return null;
    }

    private static GeometryError? ValidatePolygon(ImmutableArray<LatLng> vertices, string field, VolumeFieldNames names)
    {
        var verticesField = names.Vertices(field);
        if (vertices.IsDefault)
        {
            return new GeometryError(GeometryErrorCodes.MissingField, verticesField, $"{verticesField} is missing: a polygon needs at least 3 vertices.");
        }

        if (vertices.Length > MaxVertices)
        {
            return new GeometryError(
                GeometryErrorCodes.TooManyVertices,
                verticesField,
                Invariant($"{verticesField} has {vertices.Length} vertices; at most {MaxVertices} are allowed."));
        }

        for (var i = 0; i < vertices.Length; i++)
        {
            var error = ValidatePosition(vertices[i], names.VertexLat(field, i), names.VertexLng(field, i));
            if (error is not null)
            {
                return error;
            }
        }

        var n = vertices.Length;
        var points = new NVector[n];
        for (var i = 0; i < n; i++)
        {
            points[i] = NVector.FromLatLng(vertices[i]);
        }

        var distinctEdges = 0;
        for (var i = 0; i < n; i++)
        {
            if (points[i].AngleTo(points[(i + 1) % n]) > SamePointRad)
            {
                distinctEdges++;
            }
        }

        if (distinctEdges < 3)
        {
            return new GeometryError(
                GeometryErrorCodes.TooFewVertices,
                verticesField,
                Invariant($"{verticesField} has {n} vertices but fewer than 3 distinct ones; a polygon needs at least 3."));
        }

        for (var i = 0; i < n; i++)
        {
            var next = (i + 1) % n;
            var angle = points[i].AngleTo(points[next]);
            if (angle <= SamePointRad)
            {
                var message = next == 0
                    ? $"{names.Vertex(field, n - 1)} repeats the first vertex; rings are closed implicitly, so leave the closing vertex out."
                    : $"{names.Vertex(field, next)} repeats the vertex before it.";
                return new GeometryError(GeometryErrorCodes.DuplicateVertex, names.Vertex(field, next == 0 ? n - 1 : next), message);
            }

            if (angle >= Math.PI - 1e-9)
            {
                return new GeometryError(
                    GeometryErrorCodes.AntipodalEdge,
                    names.Vertex(field, next),
                    $"{names.Vertex(field, i)} and {names.Vertex(field, next)} are antipodal, so the edge between them is undefined; add a vertex between them.");
            }
        }

        var crossing = FindSelfIntersection(points);
        if (crossing is { } pair)
        {
            return new GeometryError(
                GeometryErrorCodes.SelfIntersection,
                verticesField,
                Invariant($"{verticesField} is not a simple ring: the edge from vertex {pair.I} meets the edge from vertex {pair.J} (edges are great-circle arcs)."));
        }

        var area = SphericalPolygon.AreaM2(points);
        if (area > MaxAreaM2)
        {
            return new GeometryError(
                GeometryErrorCodes.AreaTooLarge,
                verticesField,
                Invariant($"{verticesField} encloses about {area / 1e6:F0} km²; at most 2,000,000 km² is allowed."));
        }

        return null;
    }

    /// <summary>
    /// A pair of edges that cross, touch, or fold back on each other, or null. Each edge lies in a 3D box; a
    /// sweep along the axis where the vertices spread most compares only edges whose boxes overlap, so ordinary
    /// rings cost O(n log n) rather than O(n²) (a ring built so that most boxes overlap is still quadratic).
    /// </summary>
    private static (int I, int J)? FindSelfIntersection(NVector[] points)
    {
        var n = points.Length;
        for (var i = 0; i < n; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % n];
            var c = points[(i + 2) % n];
            if (GreatCircle.DistanceToArc(c, a, b, out _) <= SamePointRad || GreatCircle.DistanceToArc(a, b, c, out _) <= SamePointRad)
            {
                return (i, (i + 1) % n);
            }
        }

        // Each arc lies in the box of its end points grown by its sagitta 1 − cos(θ/2) (plus the touch tolerance).
        var normals = new NVector[n];
        var low = new NVector[n];
        var high = new NVector[n];
        for (var i = 0; i < n; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % n];
            normals[i] = a.Cross(b).Normalize();
            var halfChord2 = a.ChordSquaredTo(b) / 4;
            var grow = (halfChord2 / (1 + Math.Sqrt(Math.Max(0, 1 - halfChord2)))) + (2 * SamePointRad);
            low[i] = new NVector(Math.Min(a.X, b.X) - grow, Math.Min(a.Y, b.Y) - grow, Math.Min(a.Z, b.Z) - grow);
            high[i] = new NVector(Math.Max(a.X, b.X) + grow, Math.Max(a.Y, b.Y) + grow, Math.Max(a.Z, b.Z) + grow);
        }

        var axis = SpreadAxis(points);
        var order = new int[n];
        var keys = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = Component(low[i], axis);
        }

        Array.Sort(keys, order);
        var active = new List<int>();
        foreach (var i in order)
        {
            var start = Component(low[i], axis);
            var kept = 0;
            for (var k = 0; k < active.Count; k++)
            {
                if (Component(high[active[k]], axis) >= start)
                {
                    active[kept++] = active[k];
                }
            }

            active.RemoveRange(kept, active.Count - kept);
            foreach (var j in active)
            {
                var (first, second) = i < j ? (i, j) : (j, i);
                if (second == first + 1 || (first == 0 && second == n - 1))
                {
                    continue;
                }

                if (BoxesOverlap(low[i], high[i], low[j], high[j]) && EdgesMeet(points, normals, first, second))
                {
                    return (first, second);
                }
            }

            active.Add(i);
        }

        return null;
    }

    private static bool BoxesOverlap(NVector lowA, NVector highA, NVector lowB, NVector highB) =>
        lowA.X <= highB.X && lowB.X <= highA.X
        && lowA.Y <= highB.Y && lowB.Y <= highA.Y
        && lowA.Z <= highB.Z && lowB.Z <= highA.Z;

    private static bool EdgesMeet(NVector[] points, NVector[] normals, int i, int j)
    {
        var n = points.Length;
        var a = points[i];
        var b = points[(i + 1) % n];
        var c = points[j];
        var d = points[(j + 1) % n];
        return GreatCircle.ArcsCross(normals[i], normals[j], a, b, c, d)
            || GreatCircle.DistanceToArc(c, a, b, out _) <= SamePointRad
            || GreatCircle.DistanceToArc(d, a, b, out _) <= SamePointRad
            || GreatCircle.DistanceToArc(a, c, d, out _) <= SamePointRad
            || GreatCircle.DistanceToArc(b, c, d, out _) <= SamePointRad;
    }

    private static int SpreadAxis(NVector[] vectors)
    {
        double minX = double.MaxValue, minY = double.MaxValue, minZ = double.MaxValue;
        double maxX = double.MinValue, maxY = double.MinValue, maxZ = double.MinValue;
        foreach (var v in vectors)
        {
            (minX, maxX) = (Math.Min(minX, v.X), Math.Max(maxX, v.X));
            (minY, maxY) = (Math.Min(minY, v.Y), Math.Max(maxY, v.Y));
            (minZ, maxZ) = (Math.Min(minZ, v.Z), Math.Max(maxZ, v.Z));
        }

        var (spreadX, spreadY, spreadZ) = (maxX - minX, maxY - minY, maxZ - minZ);
        return spreadX >= spreadY && spreadX >= spreadZ ? 0 : (spreadY >= spreadZ ? 1 : 2);
    }

    private static double Component(NVector v, int axis) => axis switch
    {
        0 => v.X,
        1 => v.Y,
        _ => v.Z,
    };

    private static GeometryError? ValidatePosition(LatLng position, string latField, string lngField)
    {
        if (!double.IsFinite(position.Lat))
        {
            return new GeometryError(GeometryErrorCodes.NotFinite, latField, $"{latField} must be a finite number of degrees.");
        }

        if (!double.IsFinite(position.Lng))
        {
            return new GeometryError(GeometryErrorCodes.NotFinite, lngField, $"{lngField} must be a finite number of degrees.");
        }

        if (position.Lat is < -90 or > 90)
        {
            var hint = position.Lat is >= -180 and <= 180
                ? " Latitude and longitude may be swapped."
                : string.Empty;
            return new GeometryError(
                GeometryErrorCodes.LatitudeOutOfRange,
                latField,
                Invariant($"{latField} is {position.Lat}; latitude must be in [-90, 90] degrees.{hint}"));
        }

        if (position.Lng is < -180 or > 180)
        {
            return new GeometryError(
                GeometryErrorCodes.LongitudeOutOfRange,
                lngField,
                Invariant($"{lngField} is {position.Lng}; longitude must be in [-180, 180] degrees."));
        }

        return null;
    }

    private static GeometryError? ValidateAltitudes(double lower, double upper, string field, VolumeFieldNames names)
    {
        var lowerField = names.AltitudeLower(field);
        var upperField = names.AltitudeUpper(field);
        if (!double.IsFinite(lower))
        {
            return new GeometryError(GeometryErrorCodes.NotFinite, lowerField, $"{lowerField} must be a finite number of metres.");
        }

        if (!double.IsFinite(upper))
        {
            return new GeometryError(GeometryErrorCodes.NotFinite, upperField, $"{upperField} must be a finite number of metres.");
        }

        if (lower is < MinAltitudeM or > MaxAltitudeM)
        {
            return AltitudeRange(lowerField, lower);
        }

        if (upper is < MinAltitudeM or > MaxAltitudeM)
        {
            return AltitudeRange(upperField, upper);
        }

        if (lower >= upper)
        {
            return new GeometryError(
                GeometryErrorCodes.AltitudeOrder,
                lowerField,
                Invariant($"{lowerField} ({lower} m) must be below {upperField} ({upper} m)."));
        }

        return null;
    }

    private static GeometryError AltitudeRange(string field, double value) => new(
        GeometryErrorCodes.AltitudeOutOfRange,
        field,
        Invariant($"{field} is {value} m; altitudes must be in [-1,000, 100,000] m above the WGS84 ellipsoid."));

    private static GeometryError? ValidateTimes(DateTimeOffset start, DateTimeOffset? end, string field, bool allowOpenEnd, VolumeFieldNames names)
    {
        var startField = names.TimeStart(field);
        var endField = names.TimeEnd(field);
        if (end is not { } endValue)
        {
            return allowOpenEnd
                ? null
                : new GeometryError(GeometryErrorCodes.OpenEndNotAllowed, endField, $"{endField} is missing; this kind of item needs an end time.");
        }

        if (start >= endValue)
        {
            return new GeometryError(
                GeometryErrorCodes.TimeOrder,
                startField,
                Invariant($"{startField} ({start:O}) must be before {endField} ({endValue:O})."));
        }

        if (endValue - start > MaxWindow)
        {
            return new GeometryError(
                GeometryErrorCodes.WindowTooLong,
                endField,
                Invariant($"the window from {startField} to {endField} lasts {(endValue - start).TotalDays:F1} days; at most 30 days is allowed."));
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
