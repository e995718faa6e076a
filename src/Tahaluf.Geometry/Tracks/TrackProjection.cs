using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// The frame tracks are predicted in: the horizontal position is the Earth-centred, Earth-fixed (ECEF) point of
/// the track's latitude and longitude on the WGS84 ellipsoid surface (altitude 0), the horizontal velocity the
/// ECEF vector of its east and north components, and altitude and vertical rate are kept apart as a fourth
/// coordinate. Constant velocity then means a straight line in ECEF, so the antimeridian and the poles are
/// ordinary points and no local plane has to be chosen.
/// <para>
/// Error over a 120 s look-ahead at up to 300 m/s (36 km of travel): the straight tangent line leaves the
/// ellipsoid by s²/2R ≤ 102 m radially; for two tracks near each other this drift is almost parallel to the
/// local vertical, so it adds in quadrature to the horizontal distance and changes a 9,260 m miss distance by
/// under 1 m (and a miss of d by at most about 100²/2d metres). The along-track error of the tangent line
/// against the great circle is s³/3R² ≤ 0.4 m. Horizontal distance is the chord between surface points, which
/// is shorter than the geodesic by d³/24R² (under 1 mm at 10 km). Vertical separation is exact for constant
/// vertical rate. Thread-safe (stateless).
/// </para>
/// </summary>
public static class TrackProjection
{
    private const double DegreesToRadians = Math.PI / 180.0;
    private const double EccentricitySquared = Wgs84.Flattening * (2 - Wgs84.Flattening);

    /// <summary>The ECEF point of a latitude and longitude on the ellipsoid surface.</summary>
    /// <param name="position">Geodetic latitude and longitude in degrees.</param>
    /// <returns>X, Y, Z in metres.</returns>
    public static (double X, double Y, double Z) ToSurfaceEcef(LatLng position)
    {
        var (sinLat, cosLat) = Math.SinCos(position.Lat * DegreesToRadians);
        var (sinLng, cosLng) = Math.SinCos(position.Lng * DegreesToRadians);
        var n = Wgs84.SemiMajorAxisM / Math.Sqrt(1 - (EccentricitySquared * sinLat * sinLat));
        return (n * cosLat * cosLng, n * cosLat * sinLng, n * (1 - EccentricitySquared) * sinLat);
    }

    /// <summary>The ECEF vector of a horizontal velocity given as east and north components at a position.</summary>
    /// <param name="position">Geodetic latitude and longitude in degrees.</param>
    /// <param name="eastMps">East component in metres per second.</param>
    /// <param name="northMps">North component in metres per second.</param>
    /// <returns>The velocity in ECEF, metres per second.</returns>
    public static (double X, double Y, double Z) ToEcefVelocity(LatLng position, double eastMps, double northMps)
    {
        var (sinLat, cosLat) = Math.SinCos(position.Lat * DegreesToRadians);
        var (sinLng, cosLng) = Math.SinCos(position.Lng * DegreesToRadians);
        return (
            (-sinLng * eastMps) - (sinLat * cosLng * northMps),
            (cosLng * eastMps) - (sinLat * sinLng * northMps),
            cosLat * northMps);
    }

    /// <summary>
    /// The latitude and longitude of an ECEF point at or near the ellipsoid surface (within a few hundred metres of
    /// it, as predicted positions are): the point is read as if on the surface, which costs under 1 m.
    /// </summary>
    /// <param name="x">X in metres.</param>
    /// <param name="y">Y in metres.</param>
    /// <param name="z">Z in metres.</param>
    /// <returns>Geodetic latitude and longitude in degrees; longitude 0 on the polar axis.</returns>
    public static LatLng FromSurfaceEcef(double x, double y, double z)
    {
        var p = Math.Sqrt((x * x) + (y * y));
        var lat = Math.Atan2(z, (1 - EccentricitySquared) * p) / DegreesToRadians;
        var lng = p == 0 ? 0.0 : Math.Atan2(y, x) / DegreesToRadians;
        return new LatLng(lat, lng);
    }
}
