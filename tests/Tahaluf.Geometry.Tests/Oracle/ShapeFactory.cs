using System.Collections.Immutable;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>Builds valid footprints and volumes for the oracle.</summary>
internal static class ShapeFactory
{
    public static readonly DateTimeOffset Epoch = new(2025, 11, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A polygon star-shaped about <paramref name="center"/>: vertices at increasing bearings, each
    /// between (1 - irregularity) x radius and radius away. Bearings are preserved by the gnomonic
    /// projection about the centre, which maps great-circle edges to straight lines, so with every
    /// bearing gap under 180 degrees the ring is simple.
    /// </summary>
    public static PolygonFootprint StarPolygon(
        LatLng center, double radiusM, int vertexCount, double irregularity, Random random, double rotationDeg = double.NaN)
    {
        var spacing = 360.0 / vertexCount;
        var jitter = vertexCount >= 4 ? 0.35 : 0.2;
        var rotation = double.IsNaN(rotationDeg) ? random.NextDouble() * 360 : rotationDeg;
        var vertices = ImmutableArray.CreateBuilder<LatLng>(vertexCount);
        for (var i = 0; i < vertexCount; i++)
        {
            var bearing = rotation + (i * spacing) + ((random.NextDouble() * 2 - 1) * jitter * spacing);
            var distance = radiusM * (1 - (irregularity * random.NextDouble()));
            vertices.Add(SphereMath.Destination(center, bearing, distance));
        }

        return new PolygonFootprint(vertices.MoveToImmutable());
    }

    public static PolygonFootprint Polygon(params (double Lat, double Lng)[] vertices) =>
        new([.. vertices.Select(v => new LatLng(v.Lat, v.Lng))]);

    public static CircleFootprint Circle(double lat, double lng, double radiusM) => new(new LatLng(lat, lng), radiusM);

    /// <summary>A volume from 0 to 3,000 m over the first hour after <see cref="Epoch"/>.</summary>
    public static Volume4D Volume(Footprint footprint) =>
        new(footprint, 0, 3000, Epoch, Epoch.AddHours(1));
}
