using NetTopologySuite.Geometries;
using NtsGeometry = NetTopologySuite.Geometries.Geometry;

namespace Tahaluf.Scenarios.Borders;

/// <summary>
/// A spherical azimuthal equidistant projection (mean Earth radius 6,371,008.8 m) about a centre: distances and
/// bearings from the centre are exact, other distances within about 1 % up to 1,000 km away, which is enough to
/// draw a buffer of a few kilometres. X east and Y north, metres. Immutable and thread-safe.
/// </summary>
public sealed class AzimuthalEquidistant
{
    /// <summary>Mean Earth radius, metres.</summary>
    public const double EarthRadiusM = 6_371_008.8;

    private readonly double _lat0;
    private readonly double _lng0;
    private readonly double _sinLat0;
    private readonly double _cosLat0;

    /// <summary>Creates the projection about a centre.</summary>
    /// <param name="centreLat">Centre latitude, degrees, in (-90, 90).</param>
    /// <param name="centreLng">Centre longitude, degrees, in [-180, 180].</param>
    public AzimuthalEquidistant(double centreLat, double centreLng)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Math.Abs(centreLat), 90, nameof(centreLat));
        _lat0 = centreLat * Math.PI / 180;
        _lng0 = centreLng * Math.PI / 180;
        (_sinLat0, _cosLat0) = Math.SinCos(_lat0);
    }

    /// <summary>Projects longitude/latitude degrees (X = longitude) to metres.</summary>
    /// <param name="c">Geographic coordinate.</param>
    /// <returns>Projected coordinate.</returns>
    public Coordinate Forward(Coordinate c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var lat = c.Y * Math.PI / 180;
        var dLng = (c.X * Math.PI / 180) - _lng0;
        var (sinLat, cosLat) = Math.SinCos(lat);
        var cosC = Math.Clamp((_sinLat0 * sinLat) + (_cosLat0 * cosLat * Math.Cos(dLng)), -1, 1);
        var angle = Math.Acos(cosC);
        var k = angle < 1e-12 ? 1 : angle / Math.Sin(angle);
        var x = k * cosLat * Math.Sin(dLng);
        var y = k * ((_cosLat0 * sinLat) - (_sinLat0 * cosLat * Math.Cos(dLng)));
        return new Coordinate(x * EarthRadiusM, y * EarthRadiusM);
    }

    /// <summary>Maps projected metres back to longitude/latitude degrees (X = longitude).</summary>
    /// <param name="p">Projected coordinate.</param>
    /// <returns>Geographic coordinate.</returns>
    public Coordinate Inverse(Coordinate p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var x = p.X / EarthRadiusM;
        var y = p.Y / EarthRadiusM;
        var angle = Math.Sqrt((x * x) + (y * y));
        if (angle < 1e-15)
        {
            return new Coordinate(_lng0 * 180 / Math.PI, _lat0 * 180 / Math.PI);
        }

        var (sinC, cosC) = Math.SinCos(angle);
        var lat = Math.Asin((cosC * _sinLat0) + (y * sinC * _cosLat0 / angle));
        var lng = _lng0 + Math.Atan2(x * sinC, (angle * _cosLat0 * cosC) - (y * _sinLat0 * sinC));
        return new Coordinate(lng * 180 / Math.PI, lat * 180 / Math.PI);
    }

    /// <summary>Projects every coordinate of a geometry (a copy).</summary>
    /// <param name="geometry">Geographic geometry.</param>
    /// <returns>The projected geometry.</returns>
    public NtsGeometry Forward(NtsGeometry geometry) => Map(geometry, Forward);

    /// <summary>Maps every coordinate of a projected geometry back to degrees (a copy).</summary>
    /// <param name="geometry">Projected geometry.</param>
    /// <returns>The geographic geometry.</returns>
    public NtsGeometry Inverse(NtsGeometry geometry) => Map(geometry, Inverse);

    private static NtsGeometry Map(NtsGeometry geometry, Func<Coordinate, Coordinate> map)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var copy = geometry.Copy();
        copy.Apply(new CoordinateMapFilter(map));
        copy.GeometryChanged();
        return copy;
    }
}
