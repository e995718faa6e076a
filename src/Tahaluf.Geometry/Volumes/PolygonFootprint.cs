using System.Collections.Immutable;

namespace Tahaluf.Geometry.Volumes;

/// <summary>
/// A simple polygon whose edges are great-circle arcs between consecutive vertices; the ring is closed
/// implicitly (the last vertex joins the first). The interior is the smaller of the two regions the ring
/// bounds. Vertices are not repeated at the end.
/// </summary>
/// <param name="Vertices">At least three distinct vertices, at most 10,000, in degrees.</param>
public sealed record PolygonFootprint(ImmutableArray<LatLng> Vertices) : Footprint
{
    /// <inheritdoc />
    public bool Equals(PolygonFootprint? other) =>
        other is not null && Vertices.AsSpan().SequenceEqual(other.Vertices.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var v in Vertices)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}
