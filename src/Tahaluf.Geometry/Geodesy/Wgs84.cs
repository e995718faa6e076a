namespace Tahaluf.Geometry.Geodesy;

/// <summary>Constants of the WGS84 ellipsoid and the bounds that relate it to the unit sphere of <see cref="NVector"/>.</summary>
public static class Wgs84
{
    /// <summary>Equatorial radius a, metres.</summary>
    public const double SemiMajorAxisM = 6378137.0;

    /// <summary>Flattening f = 1/298.257223563 (dimensionless).</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>Polar radius b = a(1 − f), metres.</summary>
    public const double SemiMinorAxisM = SemiMajorAxisM * (1.0 - Flattening);

    /// <summary>Radius of the sphere of equal area, metres; used to turn steradians into square metres.</summary>
    public const double AuthalicRadiusM = 6371007.180918475;

    /// <summary>
    /// Smallest radius of curvature of the ellipsoid (meridional, at the equator, a(1 − e²)), metres. A path of
    /// θ radians on the unit sphere (latitude and longitude read as spherical coordinates) is at least
    /// θ times this long on the ellipsoid, so it gives a lower bound on geodesic distances.
    /// </summary>
    public const double MinMetresPerRadian = 6335439.3;

    /// <summary>
    /// Largest radius of curvature (at the poles, a / (1 − f)), metres, rounded up: an upper bound on metres per
    /// radian of the unit sphere.
    /// </summary>
    public const double MaxMetresPerRadian = 6399593.7;
}
