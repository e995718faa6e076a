using System.Collections.Immutable;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Workloads;

/// <summary>
/// The defined benchmark workload for the volume index, deterministic by seed (same seed, same volumes, on every
/// machine): half circles, half convex-ish polygons of 8–24 vertices, 1–30 km across, spread uniformly by area
/// over a 2,000 × 2,000 km region centred on 35° N 38° E; altitude bands 300–3,000 m thick within 0–15,000 m;
/// windows of 10 min–4 h starting within the 7 days from <see cref="Epoch"/>; owners among
/// <see cref="Partners"/> partners.
/// </summary>
public static class VolumeWorkload
{
    /// <summary>Number of partners that own volumes.</summary>
    public const int Partners = 20;

    /// <summary>Centre of the region, degrees.</summary>
    public static readonly LatLng Center = new(35.0, 38.0);

    /// <summary>Side of the square region, metres.</summary>
    public const double RegionSideM = 2_000_000;

    /// <summary>Start of the 7-day period in which windows lie.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private const double MetresPerDegreeLat = 111_132.0;
    private const double MetresPerDegreeLngAtEquator = 111_320.0;

    /// <summary>Generates <paramref name="count"/> volumes keyed 1..<paramref name="count"/>.</summary>
    /// <param name="count">Number of volumes, at least 0.</param>
    /// <param name="seed">Seed; equal seeds give equal workloads.</param>
    /// <returns>The volumes, in key order.</returns>
    public static WorkloadVolume[] Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var result = new WorkloadVolume[count];
        for (var i = 0; i < count; i++)
        {
            var owner = random.Next(Partners);
            result[i] = new WorkloadVolume(i + 1, owner, NextVolume(random));
        }

        return result;
    }

    /// <summary>One volume drawn from the workload's distribution.</summary>
    /// <param name="random">The source of randomness.</param>
    /// <returns>A valid volume.</returns>
    public static Volume4D NextVolume(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);

        // Uniform by area: north-south offset uniform in metres, east-west offset in metres at that latitude.
        var halfSide = RegionSideM / 2;
        var lat = Center.Lat + (((random.NextDouble() * 2) - 1) * halfSide / MetresPerDegreeLat);
        var metresPerDegreeLng = MetresPerDegreeLngAtEquator * Math.Cos(lat * Math.PI / 180);
        var lng = Center.Lng + (((random.NextDouble() * 2) - 1) * halfSide / metresPerDegreeLng);
        var center = new LatLng(lat, lng);

        var diameterM = 1_000 + (random.NextDouble() * 29_000);
        Footprint footprint = random.Next(2) == 0
            ? new CircleFootprint(center, diameterM / 2)
            : Polygon(random, center, diameterM / 2, metresPerDegreeLng);

        var thickness = 300 + (random.NextDouble() * 2_700);
        var lower = random.NextDouble() * (15_000 - thickness);
        var duration = TimeSpan.FromSeconds(Math.Round(600 + (random.NextDouble() * (4 * 3600 - 600))));
        var startSeconds = Math.Round(random.NextDouble() * (TimeSpan.FromDays(7) - duration).TotalSeconds);
        var start = Epoch.AddSeconds(startSeconds);
        return new Volume4D(footprint, Math.Round(lower, 1), Math.Round(lower + thickness, 1), start, start + duration);
    }

    private static PolygonFootprint Polygon(Random random, LatLng center, double radiusM, double metresPerDegreeLng)
    {
        var count = random.Next(8, 25);
        var vertices = ImmutableArray.CreateBuilder<LatLng>(count);
        var step = 2 * Math.PI / count;
        for (var i = 0; i < count; i++)
        {
            // Jitter stays inside a third of a step so bearings keep their order and the ring stays simple.
            var bearing = (i + ((random.NextDouble() - 0.5) * 0.6)) * step;
            var r = radiusM * (0.75 + (random.NextDouble() * 0.25));
            vertices.Add(new LatLng(
                center.Lat + (r * Math.Cos(bearing) / MetresPerDegreeLat),
                center.Lng + (r * Math.Sin(bearing) / metresPerDegreeLng)));
        }

        return new PolygonFootprint(vertices.MoveToImmutable());
    }
}
