using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Formats;

public class F3548ReaderTests
{
    private const string ValidPolygon = """
        {
          "volume": {
            "outline_polygon": { "vertices": [ { "lat": 46.9749, "lng": 7.4774 }, { "lat": 46.9749, "lng": 7.4790 }, { "lat": 46.9760, "lng": 7.4790 } ] },
            "altitude_lower": { "value": 605.0, "reference": "W84", "units": "M" },
            "altitude_upper": { "value": 635.0, "reference": "W84", "units": "M" }
          },
          "time_start": { "value": "2023-02-12T10:27:14.483425+00:00", "format": "RFC3339" },
          "time_end": { "value": "2023-02-12T10:52:14.483425+00:00", "format": "RFC3339" }
        }
        """;

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static ParseResult<Volume4D> Read(JsonNode node, bool allowOpenEnd = false) =>
        F3548Reader.ReadVolume4D(node.ToJsonString(), allowOpenEnd: allowOpenEnd);

    [Fact]
    public void ReadVolume4D_ValidPolygon_ReadsEveryField()
    {
        var result = F3548Reader.ReadVolume4D(ValidPolygon);

        Assert.True(result.Success, result.Error?.ToString());
        var polygon = Assert.IsType<PolygonFootprint>(result.Value.Footprint);
        Assert.Equal(3, polygon.Vertices.Length);
        Assert.Equal(new LatLng(46.9749, 7.4774), polygon.Vertices[0]);
        Assert.Equal(605.0, result.Value.AltitudeLowerM);
        Assert.Equal(635.0, result.Value.AltitudeUpperM);
        Assert.Equal(new DateTimeOffset(2023, 2, 12, 10, 27, 14, TimeSpan.Zero).AddTicks(4834250), result.Value.TimeStart);
        Assert.Equal(TimeSpan.Zero, result.Value.TimeStart.Offset);
        Assert.Equal(result.Value.TimeStart.AddMinutes(25), result.Value.TimeEnd);
    }

    [Fact]
    public void ReadVolume4D_FromJsonElement_SameAsFromText()
    {
        using var document = JsonDocument.Parse(ValidPolygon);

        var result = F3548Reader.ReadVolume4D(document.RootElement);

        Assert.True(result.Success);
        Assert.Equal(F3548Reader.ReadVolume4D(ValidPolygon).Value, result.Value);
    }

    [Fact]
    public void ReadVolume4D_Feet_ConvertedToMetres()
    {
        var node = Parse(ValidPolygon);
        node["volume"]!["altitude_lower"]!["units"] = "FT";
        node["volume"]!["altitude_lower"]!["value"] = 1000;

        var result = Read(node);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal(304.8, result.Value.AltitudeLowerM, 9);
    }

    [Fact]
    public void ReadVolume4D_Circle_ReadsCentreAndRadiusInFeet()
    {
        var node = Parse(ValidPolygon);
        var volume = node["volume"]!.AsObject();
        volume.Remove("outline_polygon");
        volume["outline_circle"] = JsonNode.Parse("""{ "center": { "lat": 35.41, "lng": 35.95 }, "radius": { "value": 10000, "units": "FT" } }""");

        var result = Read(node);

        Assert.True(result.Success, result.Error?.ToString());
        var circle = Assert.IsType<CircleFootprint>(result.Value.Footprint);
        Assert.Equal(new LatLng(35.41, 35.95), circle.Center);
        Assert.Equal(3048, circle.RadiusM, 9);
    }

    [Fact]
    public void ReadVolume4D_ClosedRing_DropsRepeatedClosingVertex()
    {
        var node = Parse(ValidPolygon);
        var vertices = node["volume"]!["outline_polygon"]!["vertices"]!.AsArray();
        vertices.Add(vertices[0]!.DeepClone());

        var result = Read(node);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal(3, Assert.IsType<PolygonFootprint>(result.Value.Footprint).Vertices.Length);
    }

    [Fact]
    public void ReadVolume4D_MissingTimeEndWhenAllowed_IsOpenEnded()
    {
        var node = Parse(ValidPolygon);
        node.Remove("time_end");

        var result = Read(node, allowOpenEnd: true);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Null(result.Value.TimeEnd);
    }

    [Theory]
    [InlineData("2023-02-12T10:27:14Z")]
    [InlineData("2023-02-12t10:27:14z")]
    [InlineData("2023-02-12T11:27:14+01:00")]
    [InlineData("2023-02-12T10:27:14.000000000Z")]
    public void ReadVolume4D_Rfc3339Variants_AllMeanTheSameInstant(string text)
    {
        var node = Parse(ValidPolygon);
        node["time_start"]!["value"] = text;

        var result = Read(node);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal(new DateTimeOffset(2023, 2, 12, 10, 27, 14, TimeSpan.Zero), result.Value.TimeStart);
    }

    public static TheoryData<string, Action<JsonObject>, string, string> Broken() => new()
    {
        { "AGL reference", n => n["volume"]!["altitude_lower"]!["reference"] = "AGL", GeometryErrorCodes.UnsupportedAltitudeReference, "volume4d.volume.altitude_lower.reference" },
        { "SFC reference", n => n["volume"]!["altitude_upper"]!["reference"] = "SFC", GeometryErrorCodes.UnsupportedAltitudeReference, "volume4d.volume.altitude_upper.reference" },
        { "unknown units", n => n["volume"]!["altitude_upper"]!["units"] = "NM", GeometryErrorCodes.UnsupportedUnits, "volume4d.volume.altitude_upper.units" },
        { "missing reference", n => n["volume"]!["altitude_upper"]!.AsObject().Remove("reference"), GeometryErrorCodes.MissingField, "volume4d.volume.altitude_upper.reference" },
        { "lat as string", n => n["volume"]!["outline_polygon"]!["vertices"]![1]!["lat"] = "46.9", GeometryErrorCodes.MalformedJson, "volume4d.volume.outline_polygon.vertices[1].lat" },
        { "vertex as number", n => n["volume"]!["outline_polygon"]!["vertices"]![2] = 5, GeometryErrorCodes.MalformedJson, "volume4d.volume.outline_polygon.vertices[2]" },
        { "vertices as object", n => n["volume"]!["outline_polygon"]!["vertices"] = new JsonObject(), GeometryErrorCodes.MalformedJson, "volume4d.volume.outline_polygon.vertices" },
        { "missing lng", n => n["volume"]!["outline_polygon"]!["vertices"]![0]!.AsObject().Remove("lng"), GeometryErrorCodes.MissingField, "volume4d.volume.outline_polygon.vertices[0].lng" },
        { "huge number", n => n["volume"]!["outline_polygon"]!["vertices"]![0]!["lat"] = JsonNode.Parse("1e400"), GeometryErrorCodes.NotFinite, "volume4d.volume.outline_polygon.vertices[0].lat" },
        { "missing volume", n => n.Remove("volume"), GeometryErrorCodes.MissingField, "volume4d.volume" },
        { "volume is an array", n => n["volume"] = new JsonArray(), GeometryErrorCodes.MalformedJson, "volume4d.volume" },
        { "no outline", n => n["volume"]!.AsObject().Remove("outline_polygon"), GeometryErrorCodes.MissingField, "volume4d.volume.outline_polygon" },
        { "both outlines", n => n["volume"]!["outline_circle"] = JsonNode.Parse("""{"center":{"lat":1,"lng":1},"radius":{"value":5,"units":"M"}}"""), GeometryErrorCodes.UnsupportedGeometry, "volume4d.volume" },
        { "missing time_start", n => n.Remove("time_start"), GeometryErrorCodes.MissingField, "volume4d.time_start" },
        { "time without offset", n => n["time_start"]!["value"] = "2023-02-12T10:27:14", GeometryErrorCodes.InvalidTime, "volume4d.time_start.value" },
        { "time not a date", n => n["time_start"]!["value"] = "yesterday", GeometryErrorCodes.InvalidTime, "volume4d.time_start.value" },
        { "time format not RFC3339", n => n["time_end"]!["format"] = "ISO8601", GeometryErrorCodes.InvalidTime, "volume4d.time_end.format" },
        { "time value a number", n => n["time_end"]!["value"] = 1676197634, GeometryErrorCodes.MalformedJson, "volume4d.time_end.value" },
        { "missing time_end", n => n.Remove("time_end"), GeometryErrorCodes.OpenEndNotAllowed, "volume4d.time_end" },
        { "validator runs: swapped order", n => n["volume"]!["altitude_lower"]!["value"] = 700, GeometryErrorCodes.AltitudeOrder, "volume4d.volume.altitude_lower" },
        { "validator runs: latitude", n => n["volume"]!["outline_polygon"]!["vertices"]![0]!["lat"] = 95, GeometryErrorCodes.LatitudeOutOfRange, "volume4d.volume.outline_polygon.vertices[0].lat" },
        { "radius units", n => { n["volume"]!.AsObject().Remove("outline_polygon"); n["volume"]!["outline_circle"] = JsonNode.Parse("""{"center":{"lat":1,"lng":1},"radius":{"value":5,"units":"KM"}}"""); }, GeometryErrorCodes.UnsupportedUnits, "volume4d.volume.outline_circle.radius.units" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ReadVolume4D_BrokenInput_ReportsCodeAndField(string scenario, Action<JsonObject> breakIt, string code, string field)
    {
        var node = Parse(ValidPolygon);
        breakIt(node);

        var result = Read(node);

        Assert.False(result.Success, scenario);
        Assert.True(code == result.Error.Code, $"{scenario}: expected {code}, got {result.Error}");
        Assert.Equal(field, result.Error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("\"volume\"")]
    [InlineData("{\"volume\": null}")]
    public void ReadVolume4D_NotAVolumeObject_Fails(string json)
    {
        var result = F3548Reader.ReadVolume4D(json);

        Assert.False(result.Success);
        Assert.StartsWith("geometry.", result.Error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVolume4D_DeeplyNestedJunk_FailsWithoutThrowing()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var nestedInField = ValidPolygon.Replace("46.9749, \"lng\": 7.4774", "46.9749, \"lng\": " + new string('[', 60) + new string(']', 60), StringComparison.Ordinal);

        Assert.Equal(GeometryErrorCodes.MalformedJson, F3548Reader.ReadVolume4D(deep).Error?.Code);
        Assert.Equal(GeometryErrorCodes.MalformedJson, F3548Reader.ReadVolume4D(nestedInField).Error?.Code);
    }

    [Property(MaxTest = 300)]
    public Property ReadVolume4D_RandomJsonishText_NeverThrows()
    {
        var tokens = new[]
        {
            "{", "}", "[", "]", ",", ":", "\"volume\"", "\"outline_polygon\"", "\"outline_circle\"", "\"vertices\"",
            "\"lat\"", "\"lng\"", "\"value\"", "\"units\"", "\"reference\"", "\"W84\"", "\"FT\"", "\"M\"",
            "\"time_start\"", "\"time_end\"", "\"2023-02-12T10:27:14Z\"", "1e400", "-0", "46.9", "null", "true",
            "\"\\u0000\"", "\"altitude_lower\"", "\"altitude_upper\"", "\"center\"", "\"radius\"", " ",
        };
        var text = Gen.Elements(tokens).ListOf().Select(parts => string.Concat(parts));
        var mutated = Gen.OneOf(text, Gen.Choose(0, ValidPolygon.Length - 1).Two()
            .Select(t => ValidPolygon.Remove(Math.Min(t.Item1, t.Item2), Math.Abs(t.Item1 - t.Item2))));
        return Prop.ForAll(mutated.ToArbitrary(), json =>
        {
            var result = F3548Reader.ReadVolume4D(json);
            return result.Success || result.Error.Code.StartsWith("geometry.", StringComparison.Ordinal);
        });
    }
}
