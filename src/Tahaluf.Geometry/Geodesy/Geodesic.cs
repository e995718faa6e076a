using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Geodesy;

/// <summary>
/// Geodesic (shortest-path) distances on the WGS84 ellipsoid. Thread-safe, allocation-free.
/// </summary>
public static class Geodesic
{
    private const double DegreesToRadians = Math.PI / 180.0;

    // Beyond this spherical separation Vincenty's iteration converges slowly or not at all.
    private const double NearAntipodalDeg = 179.0;
    private const int MaxIterations = 200;
    private const int FallbackSamples = 72;

    /// <summary>
    /// The length in metres of the shortest path between two points on the WGS84 ellipsoid (the inverse
    /// geodesic problem). Uses Vincenty's iteration (sub-millimetre for ordinary pairs); for nearly
    /// antipodal pairs, where it fails, the distance is the minimum of d(a, m) + d(m, b) over the points m
    /// of a closed curve separating a from b, which every path from a to b must cross.
    /// </summary>
    /// <param name="a">First point, degrees (latitude in [-90, 90]).</param>
    /// <param name="b">Second point, degrees.</param>
    /// <returns>Distance in metres, in [0, 20,003,932]; NaN when an input is not finite.</returns>
    public static double DistanceM(LatLng a, LatLng b)
    {
        if (!double.IsFinite(a.Lat) || !double.IsFinite(a.Lng) || !double.IsFinite(b.Lat) || !double.IsFinite(b.Lng))
        {
            return double.NaN;
        }

        // Vincenty struggles only near the antipode: longitudes nearly opposite and latitudes nearly mirrored.
        var nearAntipodal = Math.Abs(Math.IEEERemainder(b.Lng - a.Lng, 360)) > NearAntipodalDeg && Math.Abs(a.Lat + b.Lat) < 180 - NearAntipodalDeg;
        if (!nearAntipodal && TryVincenty(a, b, out var distance))
        {
            return distance;
        }

        return SplitDistance(NVector.FromLatLng(a), NVector.FromLatLng(b));
    }

    /// <summary>Vincenty (1975) inverse formula; false when the iteration does not converge.</summary>
    private static bool TryVincenty(LatLng p1, LatLng p2, out double distanceM)
    {
        const double a = Wgs84.SemiMajorAxisM;
        const double b = Wgs84.SemiMinorAxisM;
        const double f = Wgs84.Flattening;

        var l = NormalizeRadians((p2.Lng - p1.Lng) * DegreesToRadians);
        var u1 = Math.Atan((1 - f) * Math.Tan(Math.Clamp(p1.Lat, -90, 90) * DegreesToRadians));
        var u2 = Math.Atan((1 - f) * Math.Tan(Math.Clamp(p2.Lat, -90, 90) * DegreesToRadians));
        var (sinU1, cosU1) = Math.SinCos(u1);
        var (sinU2, cosU2) = Math.SinCos(u2);

        var lambda = l;
        double sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM;
        var iterations = 0;
        while (true)
        {
            var (sinLambda, cosLambda) = Math.SinCos(lambda);
            var t1 = cosU2 * sinLambda;
            var t2 = (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda);
            sinSigma = Math.Sqrt((t1 * t1) + (t2 * t2));
            if (sinSigma == 0)
            {
                distanceM = 0;
                return true;
            }

            cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - (sinAlpha * sinAlpha);
            cos2SigmaM = cosSqAlpha != 0 ? cosSigma - (2 * sinU1 * sinU2 / cosSqAlpha) : 0;
            var c = f / 16 * cosSqAlpha * (4 + (f * (4 - (3 * cosSqAlpha))));
            var previous = lambda;
            lambda = l + ((1 - c) * f * sinAlpha *
                (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            if (Math.Abs(lambda - previous) < 1e-12)
            {
                break;
            }

            if (++iterations >= MaxIterations || Math.Abs(lambda) > Math.PI)
            {
                distanceM = double.NaN;
                return false;
            }
        }

        var uSq = cosSqAlpha * ((a * a) - (b * b)) / (b * b);
        var bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
        var bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 *
            ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM))) -
             (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
        distanceM = b * bigA * (sigma - deltaSigma);
        return double.IsFinite(distanceM);
    }

    /// <summary>
    /// Distance between nearly antipodal points. Every path from a to b crosses the curve of points 90° from a
    /// on the unit sphere (it separates a from b ≈ −a), so the geodesic length is the minimum over that curve of
    /// d(a, m) + d(m, b), both legs about 90° long where Vincenty converges. A coarse scan finds the basin, a
    /// golden-section search refines it; the error in the length is second order in the error in m.
    /// </summary>
    private static double SplitDistance(NVector a, NVector b)
    {
        var e1 = (Math.Abs(a.Z) < 0.9 ? a.Cross(new NVector(0, 0, 1)) : a.Cross(new NVector(1, 0, 0))).Normalize();
        var e2 = a.Cross(e1).Normalize();
        var pa = a.ToLatLng();
        var pb = b.ToLatLng();

        var bestT = 0.0;
        var best = double.PositiveInfinity;
        const double step = 2 * Math.PI / FallbackSamples;
        for (var i = 0; i < FallbackSamples; i++)
        {
            var value = Legs(i * step);
            if (value < best)
            {
                best = value;
                bestT = i * step;
            }
        }

        var invPhi = (Math.Sqrt(5) - 1) / 2;
        var lo = bestT - step;
        var hi = bestT + step;
        var x1 = hi - (invPhi * (hi - lo));
        var x2 = lo + (invPhi * (hi - lo));
        var f1 = Legs(x1);
        var f2 = Legs(x2);
        while (hi - lo > 1e-9)
        {
            if (f1 < f2)
            {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - (invPhi * (hi - lo));
                f1 = Legs(x1);
            }
            else
            {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + (invPhi * (hi - lo));
                f2 = Legs(x2);
            }
        }

        return Math.Min(best, Math.Min(f1, f2));

        double Legs(double t)
        {
            var (sin, cos) = Math.SinCos(t);
            var m = ((e1 * cos) + (e2 * sin)).ToLatLng();
            return TryVincenty(pa, m, out var d1) && TryVincenty(m, pb, out var d2) ? d1 + d2 : double.PositiveInfinity;
        }
    }

    private static double NormalizeRadians(double angle)
    {
        angle = Math.IEEERemainder(angle, 2 * Math.PI);
        return angle;
    }
}
