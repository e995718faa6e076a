namespace Tahaluf.Geometry.Volumes;

/// <summary>A WGS84 position in degrees. Latitude in [-90, 90], longitude in [-180, 180] once validated.</summary>
/// <param name="Lat">Latitude in degrees, positive north.</param>
/// <param name="Lng">Longitude in degrees, positive east.</param>
public readonly record struct LatLng(double Lat, double Lng);
