using NetTopologySuite.Geometries;
using Tahaluf.Scenarios.Borders;
using Tahaluf.Scenarios.Loading;
using Tahaluf.Scenarios.Tracks;

namespace Tahaluf.Scenarios.Tests;

/// <summary>The two versions of the Su-24M track against Turkey's territory in Natural Earth 10m.</summary>
public sealed class TrackInterpolatorTests
{
    private static readonly Lazy<NetTopologySuite.Geometries.Geometry> Turkey = new(() =>
        TopoJsonCountries.Load(ScenarioPaths.Borders).Country("792", new GeometryFactory())!);

    private static List<Hub.Tracks.TrackReport> Su24(string variant)
    {
        var (scenario, errors) = ScenarioLoader.Load(ScenarioPaths.Syria, variant);
        Assert.Empty(errors);
        return [.. TrackInterpolator.Interpolate(scenario!.Tracks.Single(t => t.Id == "su24m-1"))];
    }

    [Fact]
    public void Interpolate_TurkishVersion_In_TurkeyAbout17sFrom072405At19000ft()
    {
        var inside = Su24("turkish").Where(r => Turkey.Value.Contains(new Point(r.Lng!.Value, r.Lat!.Value))).ToList();
        Assert.InRange(inside.Count, 16, 18);
        Assert.InRange(inside[0].Time, new DateTimeOffset(2015, 11, 24, 7, 24, 4, TimeSpan.Zero), new DateTimeOffset(2015, 11, 24, 7, 24, 6, TimeSpan.Zero));
        Assert.All(inside, r => Assert.Equal(19000 * 0.3048, r.AltitudeM!.Value, 3));
    }

    [Fact]
    public void Interpolate_RussianVersion_NeverInTurkeyAt6000m()
    {
        var reports = Su24("russian");
        Assert.DoesNotContain(reports, r => Turkey.Value.Contains(new Point(r.Lng!.Value, r.Lat!.Value)));
        Assert.Contains(reports, r => r.Time == new DateTimeOffset(2015, 11, 24, 7, 24, 5, TimeSpan.Zero) && r.AltitudeM == 6000);
    }

    [Fact]
    public void Interpolate_OneHertz_CourseAndSpeedFromTheLeg()
    {
        var reports = Su24("turkish");
        Assert.All(reports.Zip(reports.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(1), p.Second.Time - p.First.Time));
        var crossing = reports.Single(r => r.Time == new DateTimeOffset(2015, 11, 24, 7, 24, 10, TimeSpan.Zero));
        Assert.InRange(crossing.CourseDeg!.Value, 269, 271);
        Assert.InRange(crossing.GroundSpeedMps!.Value, 180, 220);
    }
}
