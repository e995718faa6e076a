using FsCheck.Fluent;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Formats;

public class GeoJsonReaderTests
{
    private const string Properties = """
        "properties": { "altitude_lower_m": 0, "altitude_upper_m": 3000, "time_start": "2015-11-26T10:00:00Z", "time_end": "2015-11-26T12:00:00Z" }
        """;

    private static string Feature(string geometry, string properties = Properties) =>
        $$"""{ "type": "Feature", "geometry": {{geometry}}, {{properties}} }""";

    [Fact]
    public void ReadFeature_Polygon_ReadsLongitudeLatitudeOrderAndDropsClosingPosition()
    {
        var json = Feature("""{ "type": "Polygon", "coordinates": [[[6.166, 46.212], [6.171, 46.212], [6.171, 46.218, 400], [6.166, 46.212]]] }""");

        var result = GeoJsonReader.ReadFeature(json);

        Assert.True(result.Success, result.Error?.ToString());
        var polygon = Assert.IsType<PolygonFootprint>(result.Value.Footprint);
        Assert.Equal([new LatLng(46.212, 6.166), new LatLng(46.212, 6.171), new LatLng(46.218, 6.171)], polygon.Vertices.ToArray());
        Assert.Equal(0, result.Value.AltitudeLowerM);
        Assert.Equal(3000, result.Value.AltitudeUpperM);
        Assert.Equal(TimeSpan.FromHours(2), result.Value.TimeEnd - result.Value.TimeStart);
    }

    [Fact]
    public void ReadFeature_PointWithRadius_IsCircle()
    {
        var json = Feature(
            """{ "type": "Point", "coordinates": [35.945, 35.4117] }""",
            "\"properties\": " + """{ "radius_m": 400000, "altitude_lower_m": 0, "altitude_upper_m": 30000, "time_start": "2015-11-26T00:00:00Z", "time_end": null }""");

        var result = GeoJsonReader.ReadFeature(json, allowOpenEnd: true);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal(new CircleFootprint(new LatLng(35.4117, 35.945), 400_000), result.Value.Footprint);
        Assert.Null(result.Value.TimeEnd);
    }

    [Theory]
    [InlineData("""{ "type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]], [[0.2,0.2],[0.3,0.2],[0.3,0.3],[0.2,0.2]]] }""", GeometryErrorCodes.PolygonHoles, "feature.geometry.coordinates[1]")]
    [InlineData("""{ "type": "LineString", "coordinates": [[0,0],[1,1]] }""", GeometryErrorCodes.UnsupportedGeometry, "feature.geometry.type")]
    [InlineData("""{ "type": "Point", "coordinates": [0, 0] }""", GeometryErrorCodes.MissingField, "feature.properties.radius_m")]
    [InlineData("""{ "type": "Polygon", "coordinates": [[[0,0],[1,0],["1",1],[0,0]]] }""", GeometryErrorCodes.MalformedJson, "feature.geometry.coordinates[0][2][0]")]
    [InlineData("""{ "type": "Polygon", "coordinates": [[[0,0],[1,0],[1,95],[0,0]]] }""", GeometryErrorCodes.LatitudeOutOfRange, "feature.geometry.coordinates[0][2][1]")]
    [InlineData("""{ "type": "Polygon", "coordinates": [[[0,0],[1,0],[1],[0,0]]] }""", GeometryErrorCodes.MalformedJson, "feature.geometry.coordinates[0][2]")]
    [InlineData("""{ "type": "Polygon", "coordinates": {} }""", GeometryErrorCodes.MalformedJson, "feature.geometry.coordinates")]
    public void ReadFeature_BadGeometry_ReportsCodeAndField(string geometry, string code, string field)
    {
        var result = GeoJsonReader.ReadFeature(Feature(geometry));

        Assert.False(result.Success);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(field, result.Error.Field);
    }

    [Theory]
    [InlineData("""{ "altitude_upper_m": 3000, "time_start": "2015-11-26T10:00:00Z", "time_end": "2015-11-26T12:00:00Z" }""", GeometryErrorCodes.MissingField, "feature.properties.altitude_lower_m")]
    [InlineData("""{ "altitude_lower_m": 3000, "altitude_upper_m": 100, "time_start": "2015-11-26T10:00:00Z", "time_end": "2015-11-26T12:00:00Z" }""", GeometryErrorCodes.AltitudeOrder, "feature.properties.altitude_lower_m")]
    [InlineData("""{ "altitude_lower_m": 0, "altitude_upper_m": 100, "time_start": "26/11/2015", "time_end": "2015-11-26T12:00:00Z" }""", GeometryErrorCodes.InvalidTime, "feature.properties.time_start")]
    [InlineData("""{ "altitude_lower_m": 0, "altitude_upper_m": 100, "time_start": "2015-11-26T10:00:00Z" }""", GeometryErrorCodes.OpenEndNotAllowed, "feature.properties.time_end")]
    public void ReadFeature_BadProperties_ReportsCodeAndField(string properties, string code, string field)
    {
        var result = GeoJsonReader.ReadFeature(Feature("""{ "type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]] }""", $"\"properties\": {properties}"));

        Assert.False(result.Success);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(field, result.Error.Field);
    }

    [Theory]
    [InlineData("""{ "type": "FeatureCollection", "features": [] }""")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"Feature\"")]
    public void ReadFeature_NotAFeature_Fails(string json)
    {
        Assert.False(GeoJsonReader.ReadFeature(json).Success);
    }
}

public class GeoJsonReaderFuzzTests
{
    private const string Valid = """{ "type": "Feature", "geometry": { "type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]] }, "properties": { "altitude_lower_m": 0, "altitude_upper_m": 3000, "time_start": "2015-11-26T10:00:00Z", "time_end": "2015-11-26T12:00:00Z" } }""";

    [Fact]
    public void ReadFeature_ValidSample_Succeeds()
    {
        Assert.True(Tahaluf.Geometry.Formats.GeoJsonReader.ReadFeature(Valid).Success);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public FsCheck.Property ReadFeature_TruncatedOrSplicedText_NeverThrows()
    {
        var tokens = new[] { "{", "}", "[", "]", ",", ":", "\"type\"", "\"Feature\"", "\"Polygon\"", "\"Point\"", "\"coordinates\"", "\"geometry\"", "\"properties\"", "\"radius_m\"", "1e999", "0", "-1", "null", "\"x\"" };
        var spliced = FsCheck.Fluent.Gen.Choose(0, Valid.Length).Two().SelectMany(
            cut => FsCheck.Fluent.Gen.Elements(tokens),
            (cut, token) => Valid[..Math.Min(cut.Item1, cut.Item2)] + token + Valid[Math.Max(cut.Item1, cut.Item2)..]);
        return FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.ToArbitrary(spliced), json =>
        {
            var result = Tahaluf.Geometry.Formats.GeoJsonReader.ReadFeature(json, allowOpenEnd: true);
            return result.Success || result.Error.Code.StartsWith("geometry.", StringComparison.Ordinal);
        });
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool ReadFeature_ArbitraryString_NeverThrows(string? text)
    {
        var result = Tahaluf.Geometry.Formats.GeoJsonReader.ReadFeature(text ?? string.Empty);
        var f3548 = Tahaluf.Geometry.Formats.F3548Reader.ReadVolume4D(text ?? string.Empty);
        return (result.Success || result.Error is not null) && (f3548.Success || f3548.Error is not null);
    }
}
