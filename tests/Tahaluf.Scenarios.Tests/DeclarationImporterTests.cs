using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Scenarios.Import;
using Tahaluf.Testing;

namespace Tahaluf.Scenarios.Tests;

/// <summary>Import of the shared sample files (F3548 intents, ED-269) and of GeoJSON.</summary>
public sealed class DeclarationImporterTests
{
    [Fact]
    public void Read_F3548Intents_OneOperationPerIntentWithDeltasMerged()
    {
        var (declarations, errors) = DeclarationImporter.Read(RepoPaths.SharedData("utm/conflicting_flights.json"));
        Assert.Empty(errors);
        Assert.Equal(12, declarations.Count);
        Assert.All(declarations, d => Assert.Equal(ItemKind.Operation, d.Kind));
        var planned = declarations.Single(d => d.Id == "flight_1_planned_vol_A").Body;
        Assert.Equal("planned", planned.GetProperty("state").GetString());
        Assert.Equal(54, planned.GetProperty("volumes")[0].GetProperty("volume").GetProperty("outline_polygon").GetProperty("vertices").GetArrayLength());
        var volB = declarations.Single(d => d.Id == "flight_1_planned_vol_B").Body.GetProperty("volumes")[0].GetProperty("volume");
        Assert.Equal(650, volB.GetProperty("altitude_lower").GetProperty("value").GetDouble());
        Assert.Equal(705, volB.GetProperty("altitude_upper").GetProperty("value").GetDouble());
        Assert.Equal("active", declarations.Single(d => d.Id == "flight_1_activated_vol_A").Body.GetProperty("state").GetString());
    }

    [Fact]
    public void Read_Ed269SampleWithAgl_IsRefusedNamingZoneAndField()
    {
        var (declarations, errors) = DeclarationImporter.Read(RepoPaths.SharedData("utm/cis_source_sample_ed269.json"));
        Assert.Empty(declarations);
        var error = errors.First();
        Assert.Equal(ScenarioErrorCodes.UnsupportedAltitudeReference, error.Code);
        Assert.Contains("cis_source_sample_ed269.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("zone LSXX", error.Message, StringComparison.Ordinal);
        Assert.Contains("UASZoneList[0].geometry[0].lowerVerticalReference", error.Message, StringComparison.Ordinal);
        Assert.Contains("AGL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Ed269WithWgs84Limits_BecomesAZone()
    {
        var text = File.ReadAllText(RepoPaths.SharedData("utm/cis_source_sample_ed269.json"))
            .Replace("\"AGL\"", "\"WGS84\"", StringComparison.Ordinal)
            .Replace("\"upperLimit\": null", "\"upperLimit\": \"120\"", StringComparison.Ordinal);
        var path = Path.Combine(Directory.CreateTempSubdirectory("tahaluf-import-").FullName, "ed269.json");
        File.WriteAllText(path, text);
        var (declarations, errors) = DeclarationImporter.Read(path);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var zone = Assert.Single(declarations);
        Assert.Equal((ItemKind.Zone, "LSXX"), (zone.Kind, zone.Id));
        Assert.Equal("restricted_area", zone.Body.GetProperty("zone_kind").GetString());
        Assert.Equal(120, zone.Body.GetProperty("volumes")[0].GetProperty("volume").GetProperty("altitude_upper").GetProperty("value").GetDouble());
    }

    [Theory]
    [InlineData(null, ItemKind.Zone)]
    [InlineData(ItemKind.Operation, ItemKind.Operation)]
    public void Read_GeoJsonFeatureCollection_OneItemPerFeature(ItemKind? asKind, ItemKind expected)
    {
        var path = WriteTemp("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":"box-1","geometry":{"type":"Polygon","coordinates":[[[36,35],[36.1,35],[36.1,35.1],[36,35.1],[36,35]]]},
               "properties":{"name":"Box","zone_kind":"danger_area","altitude_lower_m":0,"altitude_upper_m":3000,"time_start":"2015-11-24T06:00:00Z","time_end":"2015-11-24T09:00:00Z"}},
              {"type":"Feature","geometry":{"type":"Point","coordinates":[36,35]},
               "properties":{"radius_m":5000,"altitude_lower_m":0,"altitude_upper_m":3000,"time_start":"2015-11-24T06:00:00Z","time_end":"2015-11-24T09:00:00Z"}}]}
            """);
        var (declarations, errors) = DeclarationImporter.Read(path, asKind);
        Assert.Empty(errors);
        Assert.Equal(2, declarations.Count);
        Assert.All(declarations, d => Assert.Equal(expected, d.Kind));
        Assert.Equal("box-1", declarations[0].Id);
        Assert.StartsWith("features-", declarations[1].Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GeoJsonBadLatitude_NamesFileItemAndField()
    {
        var path = WriteTemp("""
            {"type":"Feature","id":"bad","geometry":{"type":"Polygon","coordinates":[[[36,95],[36.1,35],[36.1,35.1],[36,95]]]},
             "properties":{"altitude_lower_m":0,"altitude_upper_m":3000,"time_start":"2015-11-24T06:00:00Z"}}
            """);
        var (declarations, errors) = DeclarationImporter.Read(path);
        Assert.Empty(declarations);
        var message = Assert.Single(errors).Message;
        Assert.Contains("features.json", message, StringComparison.Ordinal);
        Assert.Contains("item bad", message, StringComparison.Ordinal);
        Assert.Contains("feature.geometry.coordinates[0][0][1]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownShape_IsAnUnknownFormatError()
    {
        var (_, errors) = DeclarationImporter.Read(WriteTemp("""{"hello":1}"""));
        Assert.Equal(ScenarioErrorCodes.UnknownFormat, Assert.Single(errors).Code);
        Assert.Equal("zone", WireNames.Of(ItemKind.Zone));
    }

    private static string WriteTemp(string json)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tahaluf-import-").FullName, "features.json");
        File.WriteAllText(path, json);
        return path;
    }
}
