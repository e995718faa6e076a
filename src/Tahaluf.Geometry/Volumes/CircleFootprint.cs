namespace Tahaluf.Geometry.Volumes;

/// <summary>A geodesic circle: every point within <paramref name="RadiusM"/> metres of the centre on the ellipsoid.</summary>
/// <param name="Center">Centre in degrees.</param>
/// <param name="RadiusM">Radius in metres, in (0, 1,000,000].</param>
public sealed record CircleFootprint(LatLng Center, double RadiusM) : Footprint;
