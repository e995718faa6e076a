using System.Collections.Immutable;
using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// Moves a footprint with the track it is anchored to (e.g. a ship's air-defence ring): the footprint is rotated
/// on the sphere by the rotation that carries the anchor's declared position to its current one, so shape,
/// size and orientation relative to the great circle of motion are kept. Thread-safe (stateless).
/// </summary>
public static class ZoneAnchor
{
    /// <summary>The footprint carried from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="footprint">A polygon or circle, as declared.</param>
    /// <param name="from">Anchor position when the footprint was declared, degrees.</param>
    /// <param name="to">Anchor position now, degrees.</param>
    /// <returns>The moved footprint (the same instance when the anchor has not moved).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="footprint"/> is null.</exception>
    /// <exception cref="ArgumentException">The footprint is neither a polygon nor a circle.</exception>
    public static Footprint Move(Footprint footprint, LatLng from, LatLng to)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        var a = NVector.FromLatLng(from);
        var b = NVector.FromLatLng(to);
        var axis = a.Cross(b);
        var sin = axis.Length;
        var cos = a.Dot(b);
        if (sin == 0 && cos > 0)
        {
            return footprint;
        }

        // Antipodal anchors leave the axis undefined; any axis perpendicular to a gives a valid half-turn.
        var k = sin > 0 ? axis.Normalize() : Perpendicular(a);
        return footprint switch
        {
            CircleFootprint circle => circle with { Center = Rotate(NVector.FromLatLng(circle.Center), k, sin, cos).ToLatLng() },
            PolygonFootprint polygon => new PolygonFootprint(
                polygon.Vertices.Select(v => Rotate(NVector.FromLatLng(v), k, sin, cos).ToLatLng()).ToImmutableArray()),
            _ => throw new ArgumentException("The footprint must be a polygon or a circle.", nameof(footprint)),
        };
    }

    // Rodrigues' rotation of v about unit axis k by the angle whose sine and cosine are given.
    private static NVector Rotate(NVector v, NVector k, double sin, double cos)
    {
        var kxv = k.Cross(v);
        var kv = k.Dot(v) * (1 - cos);
        return new NVector(
            (v.X * cos) + (kxv.X * sin) + (k.X * kv),
            (v.Y * cos) + (kxv.Y * sin) + (k.Y * kv),
            (v.Z * cos) + (kxv.Z * sin) + (k.Z * kv));
    }

    private static NVector Perpendicular(NVector a) =>
        (Math.Abs(a.X) < 0.9 ? new NVector(1, 0, 0) : new NVector(0, 1, 0)).Cross(a).Normalize();
}
