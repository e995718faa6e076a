using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>
/// Huge vertex counts: 200,000 vertices are refused by count before any geometry work; 10,000-vertex rings
/// (the most allowed) are validated, including the pairwise self-intersection search, within a bounded time.
/// </summary>
public sealed class HugeGeometryTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Generous on a shared 2-core machine; the point is "seconds, not O(n²) minutes".
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private HostileHub _hub = null!;

    public async Task InitializeAsync() => _hub = await HostileHub.StartAsync(s => s with { MaxRequestBodyBytes = 32 * 1024 * 1024 });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static List<(double Lat, double Lng)> Circle(int n, double radiusDeg = 0.8) =>
        [.. Enumerable.Range(0, n).Select(i => (35.0 + radiusDeg * Math.Sin(2 * Math.PI * i / n), 36.0 + radiusDeg * Math.Cos(2 * Math.PI * i / n)))];

    [Fact]
    public async Task Polygon_With200000Vertices_IsRefusedByCountQuickly()
    {
        var before = _hub.Footprint();
        var body = Bodies.Operation(Bodies.Volume(Bodies.Ring(Circle(200_000))));
        var watch = Stopwatch.StartNew();
        var response = await _hub.A.PutAsync("/api/v1/operations/huge", HostileHub.Json(body));
        watch.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"200,000 vertices ({body.Length} bytes) refused in {watch.ElapsedMilliseconds} ms"));
        await HostileHub.AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry.too_many_vertices");
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Equal(before, _hub.Footprint());
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Fact]
    public async Task Polygon_WithMaximumVertices_IsAcceptedInBoundedTime()
    {
        var body = Bodies.Operation(Bodies.Volume(Bodies.Ring(Circle(10_000))));
        var watch = Stopwatch.StartNew();
        var response = await _hub.A.PutAsync("/api/v1/operations/max-ring", HostileHub.Json(body));
        watch.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000-vertex simple ring accepted in {watch.ElapsedMilliseconds} ms"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Fact]
    public async Task Polygon_WithMaximumVerticesCrossingAtTheEnd_IsRefusedInBoundedTime()
    {
        var ring = Circle(10_000);
        (ring[^1], ring[^2]) = (ring[^2], ring[^1]);
        var before = _hub.Footprint();
        var watch = Stopwatch.StartNew();
        var response = await _hub.A.PutAsync("/api/v1/operations/crossing-ring", HostileHub.Json(Bodies.Operation(Bodies.Volume(Bodies.Ring(ring)))));
        watch.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"10,000-vertex ring crossing at its end refused in {watch.ElapsedMilliseconds} ms"));
        await HostileHub.AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry.self_intersection");
        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Equal(before, _hub.Footprint());
    }

    [Fact]
    public async Task Polygon_OverMaximumVertices_IsRefusedByCount()
    {
        var response = await _hub.A.PutAsync("/api/v1/operations/one-too-many", HostileHub.Json(Bodies.Operation(Bodies.Volume(Bodies.Ring(Circle(10_002))))));
        await HostileHub.AssertProblemAsync(response, HttpStatusCode.BadRequest, "geometry.too_many_vertices");
    }
}
