using System.Collections.Immutable;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing;

namespace Tahaluf.Geometry.Tests.Validation;

public class Volume4DValidatorTests
{
    private static readonly VolumeBuilder Valid = VolumeBuilder.Create();

    [Fact]
    public void Validate_DefaultBuilderVolume_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.Build()));
    }

    [Fact]
    public void Validate_ValidCircle_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.WithCircle(35.5, 35.9, 5000).Build()));
    }

    public static TheoryData<string, Volume4D, string, string> Invalid() => new()
    {
        { "latitude above 90", Valid.WithPolygon((91, 0), (10, 1), (11, 0)).Build(), GeometryErrorCodes.LatitudeOutOfRange, "volume4d.volume.outline_polygon.vertices[0].lat" },
        { "latitude below -90", Valid.WithPolygon((0, 0), (-90.5, 1), (1, 0)).Build(), GeometryErrorCodes.LatitudeOutOfRange, "volume4d.volume.outline_polygon.vertices[1].lat" },
        { "longitude above 180", Valid.WithPolygon((0, 0), (1, 180.5), (1, 0)).Build(), GeometryErrorCodes.LongitudeOutOfRange, "volume4d.volume.outline_polygon.vertices[1].lng" },
        { "longitude below -180", Valid.WithPolygon((0, 0), (1, 1), (1, -181)).Build(), GeometryErrorCodes.LongitudeOutOfRange, "volume4d.volume.outline_polygon.vertices[2].lng" },
        { "NaN latitude", Valid.WithPolygon((double.NaN, 0), (1, 1), (1, 0)).Build(), GeometryErrorCodes.NotFinite, "volume4d.volume.outline_polygon.vertices[0].lat" },
        { "infinite longitude", Valid.WithPolygon((0, 0), (1, double.PositiveInfinity), (1, 0)).Build(), GeometryErrorCodes.NotFinite, "volume4d.volume.outline_polygon.vertices[1].lng" },
        { "two vertices", Valid.WithPolygon((0, 0), (1, 1)).Build(), GeometryErrorCodes.TooFewVertices, "volume4d.volume.outline_polygon.vertices" },
        { "three vertices, two distinct", Valid.WithPolygon((0, 0), (1, 1), (0, 0)).Build(), GeometryErrorCodes.TooFewVertices, "volume4d.volume.outline_polygon.vertices" },
        { "repeated vertex", Valid.WithPolygon((0, 0), (0, 1), (0, 1), (1, 1)).Build(), GeometryErrorCodes.DuplicateVertex, "volume4d.volume.outline_polygon.vertices[2]" },
        { "closing vertex repeated", Valid.WithPolygon((0, 0), (0, 1), (1, 1), (0, 0)).Build(), GeometryErrorCodes.DuplicateVertex, "volume4d.volume.outline_polygon.vertices[3]" },
        { "antipodal edge", Valid.WithPolygon((0, 0), (0, 180), (10, 90)).Build(), GeometryErrorCodes.AntipodalEdge, "volume4d.volume.outline_polygon.vertices[1]" },
        { "bow tie", Valid.WithPolygon((0, 0), (1, 1), (0, 1), (1, 0)).Build(), GeometryErrorCodes.SelfIntersection, "volume4d.volume.outline_polygon.vertices" },
        { "vertex touching an edge", Valid.WithPolygon((0, 0), (0, 2), (1, 1), (0, 1), (-1, 1)).Build(), GeometryErrorCodes.SelfIntersection, "volume4d.volume.outline_polygon.vertices" },
        { "spike folding back", Valid.WithPolygon((0, 0), (0, 2), (0, 1), (1, 1)).Build(), GeometryErrorCodes.SelfIntersection, "volume4d.volume.outline_polygon.vertices" },
        { "area over 2,000,000 km²", Valid.WithSquare(0, 0, 15).Build(), GeometryErrorCodes.AreaTooLarge, "volume4d.volume.outline_polygon.vertices" },
        { "default vertex array", Valid.WithVertices(default).Build(), GeometryErrorCodes.MissingField, "volume4d.volume.outline_polygon.vertices" },
        { "null footprint", Valid.WithFootprint(null!).Build(), GeometryErrorCodes.MissingField, "volume4d.volume" },
        { "zero radius", Valid.WithCircle(0, 0, 0).Build(), GeometryErrorCodes.RadiusOutOfRange, "volume4d.volume.outline_circle.radius" },
        { "radius over 1,000 km", Valid.WithCircle(0, 0, 1_000_001).Build(), GeometryErrorCodes.RadiusOutOfRange, "volume4d.volume.outline_circle.radius" },
        { "NaN radius", Valid.WithCircle(0, 0, double.NaN).Build(), GeometryErrorCodes.NotFinite, "volume4d.volume.outline_circle.radius" },
        { "circle centre latitude", Valid.WithCircle(100, 0, 10).Build(), GeometryErrorCodes.LatitudeOutOfRange, "volume4d.volume.outline_circle.center.lat" },
        { "lower equals upper", Valid.WithAltitudes(100, 100).Build(), GeometryErrorCodes.AltitudeOrder, "volume4d.volume.altitude_lower" },
        { "lower above upper", Valid.WithAltitudes(200, 100).Build(), GeometryErrorCodes.AltitudeOrder, "volume4d.volume.altitude_lower" },
        { "lower below -1,000 m", Valid.WithAltitudes(-1000.5, 100).Build(), GeometryErrorCodes.AltitudeOutOfRange, "volume4d.volume.altitude_lower" },
        { "upper above 100,000 m", Valid.WithAltitudes(0, 100_000.5).Build(), GeometryErrorCodes.AltitudeOutOfRange, "volume4d.volume.altitude_upper" },
        { "infinite upper", Valid.WithAltitudes(0, double.PositiveInfinity).Build(), GeometryErrorCodes.NotFinite, "volume4d.volume.altitude_upper" },
        { "start equals end", Valid.WithWindow(VolumeBuilder.DefaultStart, TimeSpan.Zero).Build(), GeometryErrorCodes.TimeOrder, "volume4d.time_start" },
        { "end before start", Valid.WithWindow(VolumeBuilder.DefaultStart, TimeSpan.FromHours(-1)).Build(), GeometryErrorCodes.TimeOrder, "volume4d.time_start" },
        { "window over 30 days", Valid.WithWindow(VolumeBuilder.DefaultStart, TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1)).Build(), GeometryErrorCodes.WindowTooLong, "volume4d.time_end" },
        { "open end not allowed", Valid.OpenEnded().Build(), GeometryErrorCodes.OpenEndNotAllowed, "volume4d.time_end" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidVolume_ReportsCodeAndField(string scenario, Volume4D volume, string code, string field)
    {
        var error = Volume4DValidator.Validate(volume);

        Assert.NotNull(error);
        Assert.True(code == error.Code, $"{scenario}: expected {code}, got {error}");
        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SwappedLatitudeAndLongitude_SaysTheyMayBeSwapped()
    {
        // Bern with lat and lng swapped: lat 7.47 is fine, but the Cyprus point swapped gives lat 130.
        var volume = Valid.WithPolygon((130, 35), (130.01, 35), (130.01, 35.01)).Build();

        var error = Volume4DValidator.Validate(volume);

        Assert.NotNull(error);
        Assert.Equal(GeometryErrorCodes.LatitudeOutOfRange, error.Code);
        Assert.Contains("may be swapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LatitudeBeyondAnyLongitude_DoesNotSuggestSwap()
    {
        var error = Volume4DValidator.Validate(Valid.WithPolygon((200, 0), (1, 1), (1, 0)).Build());

        Assert.NotNull(error);
        Assert.DoesNotContain("swapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooManyVertices_Rejected()
    {
        var vertices = Enumerable.Range(0, 10_001)
            .Select(i => new LatLng(Math.Sin(i * 2 * Math.PI / 10_001), Math.Cos(i * 2 * Math.PI / 10_001)))
            .ToImmutableArray();

        var error = Volume4DValidator.Validate(Valid.WithVertices(vertices).Build());

        Assert.Equal(GeometryErrorCodes.TooManyVertices, error?.Code);
    }

    [Fact]
    public void Validate_TenThousandVertexCircle_IsValid()
    {
        var vertices = Enumerable.Range(0, 10_000)
            .Select(i => new LatLng(Math.Sin(i * 2 * Math.PI / 10_000), Math.Cos(i * 2 * Math.PI / 10_000)))
            .ToImmutableArray();

        Assert.Null(Volume4DValidator.Validate(Valid.WithVertices(vertices).Build()));
    }

    [Fact]
    public void Validate_TenThousandVerticesWithTwoSwapped_FindsTheCrossing()
    {
        var vertices = Enumerable.Range(0, 10_000)
            .Select(i => new LatLng(Math.Sin(i * 2 * Math.PI / 10_000), Math.Cos(i * 2 * Math.PI / 10_000)))
            .ToArray();
        (vertices[7000], vertices[7001]) = (vertices[7001], vertices[7000]);

        var error = Volume4DValidator.Validate(Valid.WithVertices([.. vertices]).Build());

        Assert.Equal(GeometryErrorCodes.SelfIntersection, error?.Code);
    }

    [Fact]
    public void Validate_CombWithManyTeeth_IsValidAndTeethTouchingIsNot()
    {
        // Teeth 0.001° wide and 0.5° long, 0.001° apart: every edge overlaps every other on the sweep axis's range.
        var comb = new List<(double Lat, double Lng)>();
        for (var t = 0; t < 500; t++)
        {
            var lng = t * 0.002;
            comb.Add((0, lng));
            comb.Add((0.5, lng));
            comb.Add((0.5, lng + 0.001));
            comb.Add((0, lng + 0.001));
        }

        comb.Add((-0.1, 0.999));
        comb.Add((-0.1, 0));
        Assert.Null(Volume4DValidator.Validate(Valid.WithPolygon([.. comb]).Build()));

        // Widen one tooth's top until it reaches its neighbour.
        comb[(10 * 4) + 2] = (0.5, (10 * 0.002) + 0.002);
        Assert.Equal(GeometryErrorCodes.SelfIntersection, Volume4DValidator.Validate(Valid.WithPolygon([.. comb]).Build())?.Code);
    }

    private sealed record CorridorFootprint : Footprint;

    [Fact]
    public void Validate_UnknownFootprintKind_ReportsUnsupportedGeometry()
    {
        var error = Volume4DValidator.Validate(Valid.WithFootprint(new CorridorFootprint()).Build());

        Assert.Equal(GeometryErrorCodes.UnsupportedGeometry, error?.Code);
        Assert.Equal("volume4d.volume", error?.Field);
    }

    [Fact]
    public void Validate_OpenEndWhenAllowed_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.OpenEnded().Build(), allowOpenEnd: true));
    }

    [Fact]
    public void Validate_ThirtyDayWindow_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.WithWindow(VolumeBuilder.DefaultStart, TimeSpan.FromDays(30)).Build()));
    }

    [Fact]
    public void Validate_AltitudeBoundsInclusive_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.WithAltitudes(-1000, 100_000).Build()));
    }

    [Fact]
    public void Validate_RadiusOfExactly1000Km_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.WithCircle(0, 0, 1_000_000).Build()));
    }

    [Fact]
    public void Validate_PolygonAcrossAntimeridian_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.WithPolygon((-17, 179.5), (-17, -179.5), (-16, -179.5), (-16, 179.5)).Build()));
    }

    [Fact]
    public void Validate_PolygonAroundNorthPole_IsValid()
    {
        Assert.Null(Volume4DValidator.Validate(Valid.WithPolygon((85, 0), (85, 90), (85, 180), (85, -90)).Build()));
    }

    [Fact]
    public void Validate_PolygonSlightlyUnder2MillionKm2_IsValid()
    {
        // 12° × 12° at the equator is about 1.78 million km².
        Assert.Null(Volume4DValidator.Validate(Valid.WithSquare(-6, 0, 12).Build()));
    }

    [Fact]
    public void Validate_CustomField_PrefixesPath()
    {
        var error = Volume4DValidator.Validate(Valid.WithAltitudes(5, 1).Build(), "extents[2]");

        Assert.Equal("extents[2].volume.altitude_lower", error?.Field);
    }
}

public class Volume4DValidatorFuzzTests
{
    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Validate_ArbitraryNumbers_NeverThrows((double, double)[]? points, double radius, double lower, double upper, bool circle, long startTicks, int durationS)
    {
        points ??= [];
        Footprint footprint = circle
            ? new CircleFootprint(new LatLng(points.FirstOrDefault().Item1, points.FirstOrDefault().Item2), radius)
            : new PolygonFootprint([.. points.Select(p => new LatLng(p.Item1, p.Item2))]);
        var start = new DateTimeOffset(Math.Clamp(startTicks, DateTimeOffset.MinValue.UtcTicks + (TimeSpan.TicksPerDay * 400), DateTimeOffset.MaxValue.UtcTicks - (TimeSpan.TicksPerDay * 400)), TimeSpan.Zero);
        var volume = new Volume4D(footprint, lower, upper, start, start.AddSeconds(durationS));

        var error = Volume4DValidator.Validate(volume);

        return error is null || error.Code.StartsWith("geometry.", StringComparison.Ordinal);
    }
}
