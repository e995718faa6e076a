using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Hub.Engine;

/// <summary>
/// A coarse latitude/longitude box around a footprint, for encounter regions and list filters (never for conflict
/// decisions, which the geometry engine makes exactly). Circles use 111 km per degree; the box is clamped to the
/// valid ranges and does not wrap the antimeridian. Pure and thread-safe.
/// </summary>
public static class FootprintBox
{
    /// <summary>The box of a footprint in degrees.</summary>
    /// <param name="footprint">A polygon or circle.</param>
    /// <returns>(south, west, north, east).</returns>
    public static (double S, double W, double N, double E) Of(Footprint footprint)
    {
        switch (footprint)
        {
            case CircleFootprint c:
                var dLat = c.RadiusM / 111_000.0;
                var dLng = dLat / Math.Max(0.01, Math.Cos(c.Center.Lat * Math.PI / 180));
                return (Math.Max(-90, c.Center.Lat - dLat), Math.Max(-180, c.Center.Lng - dLng), Math.Min(90, c.Center.Lat + dLat), Math.Min(180, c.Center.Lng + dLng));
            case PolygonFootprint p:
                double s = 90, w = 180, n = -90, e = -180;
                foreach (var v in p.Vertices)
                {
                    s = Math.Min(s, v.Lat);
                    n = Math.Max(n, v.Lat);
                    w = Math.Min(w, v.Lng);
                    e = Math.Max(e, v.Lng);
                }

                return (s, w, n, e);
            default:
                throw new ArgumentException("Unknown footprint.", nameof(footprint));
        }
    }
}
