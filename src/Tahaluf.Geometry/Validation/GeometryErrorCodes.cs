namespace Tahaluf.Geometry.Validation;

/// <summary>
/// Stable error codes for volumes that cannot be read or are invalid. Persisted and returned by the API:
/// never rename or reuse a value.
/// </summary>
public static class GeometryErrorCodes
{
    /// <summary>The input is not well-formed JSON, or a field has the wrong JSON type.</summary>
    public const string MalformedJson = "geometry.malformed_json";

    /// <summary>A required field is absent.</summary>
    public const string MissingField = "geometry.missing_field";

    /// <summary>A number is NaN or infinite, or not representable.</summary>
    public const string NotFinite = "geometry.not_finite";

    /// <summary>Latitude outside [-90, 90] (often swapped latitude and longitude).</summary>
    public const string LatitudeOutOfRange = "geometry.latitude_out_of_range";

    /// <summary>Longitude outside [-180, 180].</summary>
    public const string LongitudeOutOfRange = "geometry.longitude_out_of_range";

    /// <summary>A polygon has fewer than 3 distinct vertices.</summary>
    public const string TooFewVertices = "geometry.too_few_vertices";

    /// <summary>A polygon has more than 10,000 vertices.</summary>
    public const string TooManyVertices = "geometry.too_many_vertices";

    /// <summary>Two consecutive vertices (including the last and the first) are the same point.</summary>
    public const string DuplicateVertex = "geometry.duplicate_vertex";

    /// <summary>Two consecutive vertices are antipodal, so the great-circle edge between them is undefined.</summary>
    public const string AntipodalEdge = "geometry.antipodal_edge";

    /// <summary>The polygon's ring crosses or touches itself (edges are great-circle arcs).</summary>
    public const string SelfIntersection = "geometry.self_intersection";

    /// <summary>The polygon encloses more than 2,000,000 km².</summary>
    public const string AreaTooLarge = "geometry.area_too_large";

    /// <summary>A circle's radius is not in (0, 1,000 km].</summary>
    public const string RadiusOutOfRange = "geometry.radius_out_of_range";

    /// <summary>An altitude is outside [-1,000 m, 100,000 m].</summary>
    public const string AltitudeOutOfRange = "geometry.altitude_out_of_range";

    /// <summary>The lower altitude is not below the upper altitude.</summary>
    public const string AltitudeOrder = "geometry.altitude_order";

    /// <summary>An altitude reference other than W84 (e.g. AGL, SFC): only ellipsoidal heights are accepted.</summary>
    public const string UnsupportedAltitudeReference = "geometry.unsupported_altitude_reference";

    /// <summary>A length unit other than M (metres) or FT (international feet).</summary>
    public const string UnsupportedUnits = "geometry.unsupported_units";

    /// <summary>A time with a format other than RFC3339, or a value that is not an RFC 3339 date-time with offset.</summary>
    public const string InvalidTime = "geometry.invalid_time";

    /// <summary>The start time is not before the end time.</summary>
    public const string TimeOrder = "geometry.time_order";

    /// <summary>The time window is longer than 30 days.</summary>
    public const string WindowTooLong = "geometry.window_too_long";

    /// <summary>The window has no end, and this kind of item must have one.</summary>
    public const string OpenEndNotAllowed = "geometry.open_end_not_allowed";

    /// <summary>A footprint kind that is not supported (e.g. a GeoJSON LineString), or both or neither of polygon and circle.</summary>
    public const string UnsupportedGeometry = "geometry.unsupported_geometry";

    /// <summary>A polygon with holes (interior rings); only simple outlines are supported.</summary>
    public const string PolygonHoles = "geometry.polygon_holes";
}
