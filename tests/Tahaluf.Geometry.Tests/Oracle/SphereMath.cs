using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// Spherical trigonometry for placing test shapes. Only the generator uses it: where a shape ends up is
/// measured afterwards by PostGIS, so the sphere's 0.5 % error never reaches an assertion.
/// </summary>
internal static class SphereMath
{
    public const double EarthRadiusM = 6_371_008.8;

    /// <summary>The point reached from <paramref name="from"/> along the initial bearing (degrees) after distanceM.</summary>
    public static LatLng Destination(LatLng from, double bearingDeg, double distanceM)
    {
        var lat1 = double.DegreesToRadians(from.Lat);
        var lng1 = double.DegreesToRadians(from.Lng);
        var bearing = double.DegreesToRadians(bearingDeg);
        var delta = distanceM / EarthRadiusM;
        var sinLat2 = (Math.Sin(lat1) * Math.Cos(delta)) + (Math.Cos(lat1) * Math.Sin(delta) * Math.Cos(bearing));
        var lat2 = Math.Asin(Math.Clamp(sinLat2, -1, 1));
        var lng2 = lng1 + Math.Atan2(
            Math.Sin(bearing) * Math.Sin(delta) * Math.Cos(lat1),
            Math.Cos(delta) - (Math.Sin(lat1) * Math.Sin(lat2)));
        return new LatLng(double.RadiansToDegrees(lat2), NormalizeLng(double.RadiansToDegrees(lng2)));
    }

    /// <summary>Longitude folded into [-180, 180).</summary>
    public static double NormalizeLng(double lng)
    {
        var folded = ((lng + 180) % 360 + 360) % 360 - 180;
        return folded;
    }

    public static double BearingDeg(LatLng from, LatLng to)
    {
        var lat1 = double.DegreesToRadians(from.Lat);
        var lat2 = double.DegreesToRadians(to.Lat);
        var dLng = double.DegreesToRadians(to.Lng - from.Lng);
        return double.RadiansToDegrees(Math.Atan2(
            Math.Sin(dLng) * Math.Cos(lat2),
            (Math.Cos(lat1) * Math.Sin(lat2)) - (Math.Sin(lat1) * Math.Cos(lat2) * Math.Cos(dLng))));
    }

    public static double DistanceM(LatLng from, LatLng to)
    {
        var lat1 = double.DegreesToRadians(from.Lat);
        var lat2 = double.DegreesToRadians(to.Lat);
        var dLat = lat2 - lat1;
        var dLng = double.DegreesToRadians(to.Lng - from.Lng);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin(dLng / 2), 2));
        return 2 * SphereMath.EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
