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
}
