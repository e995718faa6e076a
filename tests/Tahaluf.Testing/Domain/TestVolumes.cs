using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Domain;

/// <summary>Valid volumes over north-west Syria on 24 November 2015 (times UTC, altitudes metres WGS84).</summary>
public static class TestVolumes
{
    public static readonly DateTimeOffset Start = new(2015, 11, 24, 7, 0, 0, TimeSpan.Zero);

    public static readonly LatLng Hmeimim = new(35.41167, 35.94500);

    /// <summary>A 20 km circle over Hmeimim, 5,000–7,000 m, 07:00–08:00Z.</summary>
    public static Volume4D Default { get; } = Circle(Hmeimim, 20_000, 5_000, 7_000, Start, Start.AddHours(1));

    public static Volume4D Circle(LatLng center, double radiusM, double lowerM, double upperM, DateTimeOffset start, DateTimeOffset? end) =>
        new(new CircleFootprint(center, radiusM), lowerM, upperM, start, end);

    public static Volume4D Box(double south, double west, double north, double east, double lowerM, double upperM, DateTimeOffset start, DateTimeOffset? end) =>
        new(
            new PolygonFootprint([new(south, west), new(south, east), new(north, east), new(north, west)]),
            lowerM,
            upperM,
            start,
            end);
}
