using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Indexing;

/// <summary>
/// A conservative latitude/longitude box around a footprint, in degrees, with latitude and longitude read as
/// spherical coordinates (the convention of <see cref="NVector"/>). The longitude interval is
/// [<see cref="LngMin"/>, <see cref="LngMax"/>] with <see cref="LngMin"/> in [-180, 180) and
/// <see cref="LngMax"/> possibly above 180 when the box crosses the antimeridian; <see cref="FullLng"/> means
/// every longitude. Every point of the footprint lies inside the box.
/// </summary>
/// <param name="LatMin">Southern bound in degrees, at least -90.</param>
/// <param name="LatMax">Northern bound in degrees, at most 90.</param>
/// <param name="LngMin">Western bound in degrees, in [-180, 180).</param>
/// <param name="LngMax">Eastern bound in degrees, in [<paramref name="LngMin"/>, <paramref name="LngMin"/> + 360).</param>
/// <param name="FullLng">True when the box covers every longitude (polar caps, huge footprints).</param>
internal readonly record struct GeoBox(double LatMin, double LatMax, double LngMin, double LngMax, bool FullLng)
{
    /// <summary>Extra margin, degrees, that absorbs floating-point error in the bounds (about 0.2 m).</summary>
    private const double PaddingDeg = 2e-6;

    /// <summary>A polygon whose ring comes this close to both poles may be the pole-holding side; it gets the whole globe.</summary>
    private const double PolarSuspicionDeg = 80.0;

    private const double RadToDeg = 180.0 / Math.PI;

    /// <summary>The whole sphere.</summary>
    public static GeoBox Globe { get; } = new(-90, 90, -180, 180, true);

    /// <summary>
    /// The largest angle on the unit sphere, radians, that a geodesic of the given length can span: lengths are
    /// divided by the smallest radius of curvature of WGS84, so the result never underestimates.
    /// </summary>
    /// <param name="metres">A distance in metres, at least 0.</param>
    /// <returns>An angle in radians.</returns>
    public static double MaxAngleRad(double metres) => metres / Wgs84.MinMetresPerRadian;

    /// <summary>The conservative box of a footprint.</summary>
    /// <param name="footprint">A validated footprint.</param>
    /// <returns>A box containing every point of the footprint.</returns>
    public static GeoBox Of(Footprint footprint) => footprint switch
    {
        CircleFootprint circle => OfCircle(circle),
        PolygonFootprint polygon => OfPolygon(polygon),
        _ => throw new ArgumentException("Unknown footprint type.", nameof(footprint)),
    };

    /// <summary>This box grown by an angle in every direction, so that it holds every point within that angle of the original box.</summary>
    /// <param name="angleRad">Angle in radians, at least 0.</param>
    /// <returns>The expanded box.</returns>
    public GeoBox Expand(double angleRad)
    {
        var angleDeg = (angleRad * RadToDeg) + PaddingDeg;
        var latMin = LatMin - angleDeg;
        var latMax = LatMax + angleDeg;
        if (FullLng)
        {
            return new GeoBox(Math.Max(latMin, -90), Math.Min(latMax, 90), -180, 180, true);
        }

        // Longitude reach of a cap grows with latitude, so the box's most poleward latitude bounds it.
        var extreme = Math.Max(Math.Abs(LatMin), Math.Abs(LatMax));
        if (extreme + angleDeg >= 90 || latMin <= -90 || latMax >= 90)
        {
            return new GeoBox(Math.Max(latMin, -90), Math.Min(latMax, 90), -180, 180, true);
        }

        var sinRatio = Math.Sin(angleRad) / Math.Cos(extreme / RadToDeg);
        if (sinRatio >= 1)
        {
            return new GeoBox(latMin, latMax, -180, 180, true);
        }

        var dLng = (Math.Asin(sinRatio) * RadToDeg) + PaddingDeg;
        return Normalize(latMin, latMax, LngMin - dLng, LngMax + dLng);
    }

    private static GeoBox OfCircle(CircleFootprint circle)
    {
        var center = circle.Center;
        var point = new GeoBox(center.Lat, center.Lat, center.Lng, center.Lng, Math.Abs(center.Lat) >= 90);
        return Normalize(point).Expand(MaxAngleRad(circle.RadiusM));
    }

    private static GeoBox OfPolygon(PolygonFootprint polygon)
    {
        var vertices = polygon.Vertices;
        if (vertices.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A polygon needs vertices.", nameof(polygon));
        }

        var ring = vertices.AsSpan();
        var latMin = double.MaxValue;
        var latMax = double.MinValue;
        var fullLng = false;
        var lngRunning = ring[0].Lng;
        var lngMin = lngRunning;
        var lngMax = lngRunning;
        var winding = 0.0;
        var allNorth = true;
        var allSouth = true;
        var first = NVector.FromLatLng(ring[0]);
        var a = first;
        for (var i = 0; i < ring.Length; i++)
        {
            var latA = ring[i].Lat;
            latMin = Math.Min(latMin, latA);
            latMax = Math.Max(latMax, latA);
            allNorth &= latA > 0;
            allSouth &= latA < 0;
            if (Math.Abs(latA) >= 89.9999)
            {
                // Longitude means nothing at a pole, so the walk below cannot be trusted.
                fullLng = true;
            }

            var next = i + 1 < ring.Length ? ring[i + 1] : ring[0];
            var dLng = next.Lng - ring[i].Lng;
            if (dLng > 180)
            {
                dLng -= 360;
            }
            else if (dLng <= -180)
            {
                dLng += 360;
            }

            if (Math.Abs(dLng) >= 179.9999)
            {
                // The great circle runs (nearly) through a pole: its longitude jumps by 180 there.
                fullLng = true;
            }

            winding += dLng;
            lngRunning += dLng;
            lngMin = Math.Min(lngMin, lngRunning);
            lngMax = Math.Max(lngMax, lngRunning);
            var b = i + 1 < ring.Length ? NVector.FromLatLng(next) : first;
            EdgeLatitudeExtremes(a, b, ref latMin, ref latMax);
            a = b;
        }

        if (Math.Abs(winding) > 180)
        {
            // The ring goes round the polar axis, so the interior holds one pole. A ring that stays in one
            // hemisphere leaves the other hemisphere (more than half the sphere) on its far side.
            if (allNorth)
            {
                return Normalize(new GeoBox(latMin, 90, -180, 180, true));
            }

            if (allSouth)
            {
                return Normalize(new GeoBox(-90, latMax, -180, 180, true));
            }

            return Globe;
        }

        if (latMax >= PolarSuspicionDeg && latMin <= -PolarSuspicionDeg)
        {
            // A small interior that holds both poles (a pole-to-pole sliver) would have such a ring; stay safe.
            return Globe;
        }

        var box = fullLng || lngMax - lngMin >= 360
            ? new GeoBox(latMin, latMax, -180, 180, true)
            : new GeoBox(latMin, latMax, lngMin, lngMax, false);
        return Normalize(box).Expand(0);
    }

    /// <summary>Widens the latitude range by the poleward bulge of the great-circle arc a→b, when the arc reaches it.</summary>
    private static void EdgeLatitudeExtremes(NVector a, NVector b, ref double latMin, ref double latMax)
    {
        var n = a.Cross(b);

        // Height (z) along the arc rises at a and falls at b exactly when the arc passes its great circle's
        // highest point in between; the tangent in the direction of travel is n × p, whose z is nX pY − nY pX.
        var riseAtA = (n.X * a.Y) - (n.Y * a.X);
        var riseAtB = (n.X * b.Y) - (n.Y * b.X);
        if ((riseAtA > 0 && riseAtB < 0) || (riseAtA < 0 && riseAtB > 0))
        {
            var horizontal = Math.Sqrt((n.X * n.X) + (n.Y * n.Y));
            var extremeLat = Math.Atan2(horizontal, Math.Abs(n.Z)) * RadToDeg;
            if (riseAtA > 0)
            {
                latMax = Math.Max(latMax, extremeLat);
            }
            else
            {
                latMin = Math.Min(latMin, -extremeLat);
            }
        }
    }

    private static GeoBox Normalize(GeoBox box) =>
        box.FullLng
            ? new GeoBox(Math.Max(box.LatMin, -90), Math.Min(box.LatMax, 90), -180, 180, true)
            : Normalize(box.LatMin, box.LatMax, box.LngMin, box.LngMax);

    private static GeoBox Normalize(double latMin, double latMax, double lngMin, double lngMax)
    {
        latMin = Math.Max(latMin, -90);
        latMax = Math.Min(latMax, 90);
        if (lngMax - lngMin >= 359.0)
        {
            return new GeoBox(latMin, latMax, -180, 180, true);
        }

        var shift = 360 * Math.Floor((lngMin + 180) / 360);
        return new GeoBox(latMin, latMax, lngMin - shift, lngMax - shift, false);
    }
}
