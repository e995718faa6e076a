using System.Globalization;
using System.Text;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// Footprints as PostGIS geography text: a polygon as a closed POLYGON ring in lon/lat order, a circle as
/// its centre POINT plus its radius (the SQL widens distances by the radius, which is exact for a
/// geodesic disc, where a buffered polygon would carry chord error).
/// </summary>
internal static class OracleWkt
{
    public static string Geography(Footprint footprint) => footprint switch
    {
        PolygonFootprint polygon => Polygon(polygon),
        CircleFootprint circle => Point(circle.Center),
        _ => throw new ArgumentOutOfRangeException(nameof(footprint), footprint.GetType().Name, "Unknown footprint kind."),
    };

    public static double RadiusM(Footprint footprint) => footprint is CircleFootprint circle ? circle.RadiusM : 0;

    /// <summary>Something a person can paste into psql to reproduce the footprint.</summary>
    public static string Describe(Footprint footprint) => footprint switch
    {
        CircleFootprint circle => string.Create(
            CultureInfo.InvariantCulture,
            $"ST_Buffer('{Point(circle.Center)}'::geography, {circle.RadiusM:R}, 'quad_segs=64') /* circle r={circle.RadiusM:R} m */"),
        _ => $"'{Geography(footprint)}'::geography",
    };

    private static string Point(LatLng p) =>
        string.Create(CultureInfo.InvariantCulture, $"POINT({p.Lng:R} {p.Lat:R})");

    private static string Polygon(PolygonFootprint polygon)
    {
        var text = new StringBuilder("POLYGON((");
        foreach (var v in polygon.Vertices)
        {
            text.Append(CultureInfo.InvariantCulture, $"{v.Lng:R} {v.Lat:R}, ");
        }

        var first = polygon.Vertices[0];
        text.Append(CultureInfo.InvariantCulture, $"{first.Lng:R} {first.Lat:R}))");
        return text.ToString();
    }
}
