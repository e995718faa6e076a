using System.Collections.Immutable;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing;

/// <summary>
/// Builds valid <see cref="Volume4D"/> values for tests: by default a 0.01° square (about 1.1 km) at
/// 35.5 N 35.9 E, 1,000–2,000 m above the ellipsoid, 2015-11-26T10:00Z for one hour. Each <c>With…</c> call
/// returns a new builder; builders are immutable.
/// </summary>
public sealed record VolumeBuilder
{
    /// <summary>The default start time.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2015, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public Footprint Footprint { get; init; } = Square(35.5, 35.9, 0.01);

    public double LowerM { get; init; } = 1000;

    public double UpperM { get; init; } = 2000;

    public DateTimeOffset Start { get; init; } = DefaultStart;

    public DateTimeOffset? End { get; init; } = DefaultStart.AddHours(1);

    public static VolumeBuilder Create() => new();

    /// <summary>A square with sides along meridians and parallels, south-west corner at (lat, lng), counter-clockwise.</summary>
    public static PolygonFootprint Square(double lat, double lng, double sizeDeg) =>
        Polygon((lat, lng), (lat, lng + sizeDeg), (lat + sizeDeg, lng + sizeDeg), (lat + sizeDeg, lng));

    /// <summary>A polygon from (lat, lng) pairs in degrees.</summary>
    public static PolygonFootprint Polygon(params (double Lat, double Lng)[] vertices) =>
        new([.. vertices.Select(v => new LatLng(v.Lat, v.Lng))]);

    public VolumeBuilder WithFootprint(Footprint footprint) => this with { Footprint = footprint };

    public VolumeBuilder WithSquare(double lat, double lng, double sizeDeg) => this with { Footprint = Square(lat, lng, sizeDeg) };

    public VolumeBuilder WithPolygon(params (double Lat, double Lng)[] vertices) => this with { Footprint = Polygon(vertices) };

    public VolumeBuilder WithVertices(ImmutableArray<LatLng> vertices) => this with { Footprint = new PolygonFootprint(vertices) };

    public VolumeBuilder WithCircle(double lat, double lng, double radiusM) => this with { Footprint = new CircleFootprint(new LatLng(lat, lng), radiusM) };

    public VolumeBuilder WithAltitudes(double lowerM, double upperM) => this with { LowerM = lowerM, UpperM = upperM };

    public VolumeBuilder WithWindow(DateTimeOffset start, DateTimeOffset? end) => this with { Start = start, End = end };

    public VolumeBuilder WithWindow(DateTimeOffset start, TimeSpan duration) => this with { Start = start, End = start + duration };

    public VolumeBuilder OpenEnded() => this with { End = null };

    public Volume4D Build() => new(Footprint, LowerM, UpperM, Start, End);
}
