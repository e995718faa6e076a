using System.Globalization;

namespace Tahaluf.Geometry.Validation;

/// <summary>How the parts of a volume are named in error messages, per wire format (F3548 or GeoJSON).</summary>
internal sealed class VolumeFieldNames
{
    private readonly bool _geoJson;

    private VolumeFieldNames(bool geoJson) => _geoJson = geoJson;

    /// <summary>ASTM F3548 Volume4D paths, e.g. <c>volume.outline_polygon.vertices[3].lat</c>.</summary>
    public static VolumeFieldNames F3548 { get; } = new(geoJson: false);

    /// <summary>GeoJSON Feature paths, e.g. <c>geometry.coordinates[0][3][1]</c>.</summary>
    public static VolumeFieldNames GeoJson { get; } = new(geoJson: true);

    public string Footprint(string root) => _geoJson ? $"{root}.geometry" : $"{root}.volume";

    public string Vertices(string root) => _geoJson ? $"{root}.geometry.coordinates[0]" : $"{root}.volume.outline_polygon.vertices";

    public string Vertex(string root, int index) => _geoJson
        ? string.Create(CultureInfo.InvariantCulture, $"{root}.geometry.coordinates[0][{index}]")
        : string.Create(CultureInfo.InvariantCulture, $"{root}.volume.outline_polygon.vertices[{index}]");

    public string VertexLat(string root, int index) => _geoJson ? Vertex(root, index) + "[1]" : Vertex(root, index) + ".lat";

    public string VertexLng(string root, int index) => _geoJson ? Vertex(root, index) + "[0]" : Vertex(root, index) + ".lng";

    public string CenterLat(string root) => _geoJson ? $"{root}.geometry.coordinates[1]" : $"{root}.volume.outline_circle.center.lat";

    public string CenterLng(string root) => _geoJson ? $"{root}.geometry.coordinates[0]" : $"{root}.volume.outline_circle.center.lng";

    public string Radius(string root) => _geoJson ? $"{root}.properties.radius_m" : $"{root}.volume.outline_circle.radius";

    public string AltitudeLower(string root) => _geoJson ? $"{root}.properties.altitude_lower_m" : $"{root}.volume.altitude_lower";

    public string AltitudeUpper(string root) => _geoJson ? $"{root}.properties.altitude_upper_m" : $"{root}.volume.altitude_upper";

    public string TimeStart(string root) => _geoJson ? $"{root}.properties.time_start" : $"{root}.time_start";

    public string TimeEnd(string root) => _geoJson ? $"{root}.properties.time_end" : $"{root}.time_end";
}
