using System.Text.Json;
using NetTopologySuite.Geometries;
using NtsGeometry = NetTopologySuite.Geometries.Geometry;

namespace Tahaluf.Scenarios.Borders;

/// <summary>
/// Decodes countries from a TopoJSON file such as world-atlas <c>countries-10m.json</c>: object <c>countries</c>,
/// quantized delta-encoded arcs (<c>transform.scale</c>, <c>transform.translate</c>), arc index <c>i &lt; 0</c>
/// meaning arc <c>~i</c> reversed. Coordinates come out as X = longitude, Y = latitude, degrees. Immutable after
/// loading; thread-safe.
/// </summary>
public sealed class TopoJsonCountries
{
    private readonly List<Coordinate[]> _arcs;
    private readonly Dictionary<string, JsonElement> _countries;

    private TopoJsonCountries(List<Coordinate[]> arcs, Dictionary<string, JsonElement> countries)
    {
        _arcs = arcs;
        _countries = countries;
    }

    /// <summary>The ids of the countries in the file (ISO 3166-1 numeric as strings).</summary>
    public IReadOnlyCollection<string> Ids => _countries.Keys;

    /// <summary>Reads a TopoJSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The decoded file.</returns>
    /// <exception cref="InvalidDataException">The file is not a TopoJSON topology with a <c>countries</c> object.</exception>
    public static TopoJsonCountries Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        var document = JsonDocument.Parse(stream);
        try
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("arcs", out var arcsJson) || !root.TryGetProperty("objects", out var objects) || !objects.TryGetProperty("countries", out var countries))
            {
                throw new InvalidDataException($"{path}: not a TopoJSON topology with objects.countries and arcs.");
            }

            double sx = 1, sy = 1, tx = 0, ty = 0;
            var quantized = root.TryGetProperty("transform", out var transform);
            if (quantized)
            {
                sx = transform.GetProperty("scale")[0].GetDouble();
                sy = transform.GetProperty("scale")[1].GetDouble();
                tx = transform.GetProperty("translate")[0].GetDouble();
                ty = transform.GetProperty("translate")[1].GetDouble();
            }

            var arcs = new List<Coordinate[]>(arcsJson.GetArrayLength());
            foreach (var arc in arcsJson.EnumerateArray())
            {
                var points = new Coordinate[arc.GetArrayLength()];
                double x = 0, y = 0;
                var i = 0;
                foreach (var p in arc.EnumerateArray())
                {
                    if (quantized)
                    {
                        x += p[0].GetDouble();
                        y += p[1].GetDouble();
                        points[i++] = new Coordinate((x * sx) + tx, (y * sy) + ty);
                    }
                    else
                    {
                        points[i++] = new Coordinate(p[0].GetDouble(), p[1].GetDouble());
                    }
                }

                arcs.Add(points);
            }

            var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var g in countries.GetProperty("geometries").EnumerateArray())
            {
                if (g.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    byId[id.GetString()!] = g;
                }
            }

            // Not disposed: the country elements kept in byId read from this document for the object's lifetime.
            return new TopoJsonCountries(arcs, byId);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            document.Dispose();
            throw new InvalidDataException($"{path}: malformed TopoJSON ({e.Message}).", e);
        }
    }

    /// <summary>A country's territory as a (multi)polygon in longitude/latitude degrees, made valid, or null when the id is absent.</summary>
    /// <param name="id">ISO 3166-1 numeric id, e.g. <c>792</c>.</param>
    /// <param name="factory">The geometry factory.</param>
    /// <returns>The geometry or null.</returns>
    public NtsGeometry? Country(string id, GeometryFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_countries.TryGetValue(id, out var g))
        {
            return null;
        }

        var type = g.GetProperty("type").GetString();
        var polygons = new List<Polygon>();
        if (type == "Polygon")
        {
            polygons.Add(PolygonOf(g.GetProperty("arcs"), factory));
        }
        else if (type == "MultiPolygon")
        {
            polygons.AddRange(g.GetProperty("arcs").EnumerateArray().Select(p => PolygonOf(p, factory)));
        }

        // Quantization can make rings touch themselves; a zero buffer repairs that without moving edges.
        return factory.CreateMultiPolygon([.. polygons]).Buffer(0);
    }

    private Polygon PolygonOf(JsonElement rings, GeometryFactory factory)
    {
        var linear = rings.EnumerateArray().Select(r => factory.CreateLinearRing(Ring(r))).ToList();
        return factory.CreatePolygon(linear[0], [.. linear.Skip(1)]);
    }

    private Coordinate[] Ring(JsonElement arcIndices)
    {
        var ring = new List<Coordinate>();
        foreach (var index in arcIndices.EnumerateArray())
        {
            var i = index.GetInt32();
            var arc = i >= 0 ? _arcs[i] : [.. _arcs[~i].Reverse()];
            ring.AddRange(ring.Count == 0 ? arc : arc.Skip(1));
        }

        if (!ring[0].Equals2D(ring[^1]))
        {
            ring.Add(ring[0].Copy());
        }

        return [.. ring];
    }

}
