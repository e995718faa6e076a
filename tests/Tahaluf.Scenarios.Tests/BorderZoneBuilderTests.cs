using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Geodesy;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Scenarios.Borders;
using Tahaluf.Scenarios.Loading;

namespace Tahaluf.Scenarios.Tests;

/// <summary>Turkey's border warning zone, computed from Natural Earth 10m, as the scenario declares it.</summary>
public sealed class BorderZoneBuilderTests
{
    private static readonly Lazy<Volume4D> TurkeyZone = new(() =>
    {
        var (scenario, errors) = ScenarioLoader.Load(ScenarioPaths.Syria);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var zone = scenario!.Declarations.Single(d => d.Id == "tr-border-warning");
        Assert.Equal(ItemKind.Zone, zone.Kind);
        var volume = zone.Body.GetProperty("volumes")[0];
        var parsed = F3548Reader.ReadVolume4D(volume, "volume", allowOpenEnd: true);
        Assert.True(parsed.Success, parsed.Error?.Message);
        return parsed.Value!;
    });

    // Great-circle edges, as the hub reads them.
    private static bool Contains(double lat, double lng)
    {
        var ring = ((PolygonFootprint)TurkeyZone.Value.Footprint).Vertices.Select(NVector.FromLatLng).ToArray();
        return SphericalPolygon.Contains(ring, NVector.FromLatLng(new LatLng(lat, lng)));
    }

    [Theory]
    [InlineData(35.9025, 36.0606)] // Yayladağı, in Turkey
    [InlineData(35.7750, 36.1390)] // about 5 km south of Turkey's southern tip, in Syria, near the shoot-down
    [InlineData(35.8000, 36.0700)] // south of the crash site, 3-6 km from the border
    [InlineData(36.8700, 37.3800)] // Kilis, a Turkish border town far east of the incident
    public void TurkeyZone_PointsInTurkeyOrNearTheBorder_AreInside(double lat, double lng) =>
        Assert.True(Contains(lat, lng), $"({lat}, {lng}) should be inside");

    [Theory]
    [InlineData(35.517, 35.783)] // Latakia
    [InlineData(35.41167, 35.945)] // Hmeimim
    [InlineData(35.6500, 36.1400)] // 19 km south of the tip: outside the 5 NM band
    public void TurkeyZone_SyrianPointsAwayFromTheBorder_AreOutside(double lat, double lng) =>
        Assert.False(Contains(lat, lng), $"({lat}, {lng}) should be outside");

    [Fact]
    public void TurkeyZone_Outline_IsWithinTheVertexBudgetAndAltitudes()
    {
        var polygon = Assert.IsType<PolygonFootprint>(TurkeyZone.Value.Footprint);
        Assert.InRange(polygon.Vertices.Length, 50, 300);
        Assert.Equal(0, TurkeyZone.Value.AltitudeLowerM);
        Assert.Equal(15000, TurkeyZone.Value.AltitudeUpperM);
    }

    [Fact]
    public void Build_UnknownCountry_IsAnErrorValue()
    {
        var countries = TopoJsonCountries.Load(ScenarioPaths.Borders);
        var (outline, _, error) = BorderZoneBuilder.Build(countries, "999", null, 0, 100, new AzimuthalEquidistant(36, 37));
        Assert.Null(outline);
        Assert.Contains("999", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Projection_RoundTrip_IsWithinAMillimetre()
    {
        var p = new AzimuthalEquidistant(36, 37);
        var c = new NetTopologySuite.Geometries.Coordinate(26.5, 41.8);
        var back = p.Inverse(p.Forward(c));
        Assert.Equal(c.X, back.X, 8);
        Assert.Equal(c.Y, back.Y, 8);
    }
}
