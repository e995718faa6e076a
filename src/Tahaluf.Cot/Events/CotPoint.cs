namespace Tahaluf.Cot.Events;

/// <summary>The CoT <c>&lt;point&gt;</c>: position and its uncertainty.</summary>
/// <param name="Lat">Latitude in degrees, [-90, 90].</param>
/// <param name="Lon">Longitude in degrees, [-180, 180].</param>
/// <param name="Hae">Height above the WGS84 ellipsoid in metres (CoT uses 9999999 for unknown).</param>
/// <param name="Ce">Circular error in metres (9999999 for unknown).</param>
/// <param name="Le">Linear (vertical) error in metres (9999999 for unknown).</param>
public readonly record struct CotPoint(double Lat, double Lon, double Hae, double Ce, double Le)
{
    /// <summary>The CoT value meaning "unknown" for hae, ce and le.</summary>
    public const double Unknown = 9999999.0;
}
