using NetTopologySuite.Geometries;
using NtsGeometry = NetTopologySuite.Geometries.Geometry;
using NetTopologySuite.Simplify;

namespace Tahaluf.Scenarios.Borders;

/// <summary>
/// Builds a border warning zone outline: a country's territory plus a band reaching a given distance into a
/// neighbour, computed in a local azimuthal equidistant projection, reduced to its largest polygon without holes,
/// and simplified to a vertex budget. Simplification is conservative: the region is first grown by the
/// simplification tolerance, so the simplified outline still covers every point of the exact region (it may
/// reach up to twice the tolerance further out). Stateless and thread-safe.
/// </summary>
public static class BorderZoneBuilder
{
    private static readonly double[] Tolerances = [250, 500, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 12_000, 16_000];

    /// <summary>Computes the outline.</summary>
    /// <param name="countries">Decoded borders.</param>
    /// <param name="country">The country's id, e.g. <c>792</c>.</param>
    /// <param name="neighbour">The neighbour's id, e.g. <c>760</c>, or null for the territory alone.</param>
    /// <param name="bufferM">How far the band reaches into the neighbour, metres, in [0, 200,000].</param>
    /// <param name="maxVertices">Vertex budget of the outline (the closing vertex not counted), in [16, 10,000].</param>
    /// <param name="projection">The local projection to compute in.</param>
    /// <returns>The outline as an open ring of (latitude, longitude) degrees, or an error message.</returns>
    public static (IReadOnlyList<(double Lat, double Lng)>? Outline, double ToleranceM, string? Error) Build(
        TopoJsonCountries countries, string country, string? neighbour, double bufferM, int maxVertices, AzimuthalEquidistant projection)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVertices, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxVertices, 10_000);
        if (!double.IsFinite(bufferM) || bufferM < 0 || bufferM > 200_000)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferM), bufferM, "Buffer must be between 0 and 200 km.");
        }

        var factory = new GeometryFactory();
        if (countries.Country(country, factory) is not { IsEmpty: false } home)
        {
            return (null, 0, $"country '{country}' is not in the borders file");
        }

        var region = projection.Forward(home);
        if (neighbour is not null && bufferM > 0)
        {
            if (countries.Country(neighbour, factory) is not { IsEmpty: false } other)
            {
                return (null, 0, $"neighbour '{neighbour}' is not in the borders file");
            }

            var band = region.Buffer(bufferM, 16).Intersection(projection.Forward(other));
            region = region.Union(band);
        }

        var largest = Polygons(region).OrderByDescending(p => p.Area).FirstOrDefault();
        if (largest is null)
        {
            return (null, 0, $"country '{country}' has no polygon");
        }

        var shell = factory.CreatePolygon((LinearRing)largest.ExteriorRing.Copy());
        foreach (var tolerance in Tolerances)
        {
            var grown = Polygons(shell.Buffer(tolerance, 4)).OrderByDescending(p => p.Area).First();
            var simplified = TopologyPreservingSimplifier.Simplify(factory.CreatePolygon((LinearRing)grown.ExteriorRing.Copy()), tolerance);
            if (simplified is not Polygon polygon || !polygon.IsValid || !polygon.IsSimple || polygon.NumInteriorRings > 0)
            {
                continue;
            }

            var ring = polygon.ExteriorRing.Coordinates;
            if (ring.Length - 1 <= maxVertices)
            {
                var outline = ring.Take(ring.Length - 1).Select(projection.Inverse).Select(c => (c.Y, c.X)).ToList();
                return (outline, tolerance, null);
            }
        }

        return (null, 0, $"cannot simplify the outline to {maxVertices} vertices");
    }

    private static IEnumerable<Polygon> Polygons(NtsGeometry g) => g switch
    {
        Polygon p => [p],
        GeometryCollection c => c.Geometries.SelectMany(Polygons),
        _ => [],
    };
}
