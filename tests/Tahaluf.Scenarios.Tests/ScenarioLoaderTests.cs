using Tahaluf.Scenarios.Loading;

namespace Tahaluf.Scenarios.Tests;

public sealed class ScenarioLoaderTests
{
    [Theory]
    [InlineData("turkish", 19000 * 0.3048)]
    [InlineData("russian", 6000)]
    public void Load_SyriaScenario_ValidatesAndSelectsTheVariant(string variant, double su24AltitudeM)
    {
        var (scenario, errors) = ScenarioLoader.Load(ScenarioPaths.Syria, variant);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(variant, scenario!.Variant);
        var su24 = scenario.Tracks.Single(t => t.Id == "su24m-1");
        Assert.Equal(su24AltitudeM, su24.Waypoints[0].AltitudeM, 6);
        Assert.Equal(["CIV", "EASA", "FR", "RU", "TR", "US"], scenario.File.Partners.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Contains(scenario.Agreements, a => a.At is not null && a.Agreement.Owner == "RU" && a.Agreement.Recipient == "FR");
        Assert.NotEmpty(scenario.File.Assumptions);
    }

    [Fact]
    public void Load_UnknownVariant_IsAnError()
    {
        var (scenario, errors) = ScenarioLoader.Load(ScenarioPaths.Syria, "ottoman");
        Assert.Null(scenario);
        Assert.Contains(errors, e => e.Field == "variant" && e.Code == ScenarioErrorCodes.UnknownReference);
    }

    [Fact]
    public void Load_BrokenScenario_ReportsEachProblemWithItsField()
    {
        var dir = Directory.CreateTempSubdirectory("tahaluf-scenario-bad-").FullName;
        var path = Path.Combine(dir, "scenario.json");
        File.WriteAllText(path, """
            // a comment is fine
            {
              "name": "bad",
              "clock": {"start": "2015-11-24T06:00:00Z", "end": "2015-11-24T08:00:00Z", "speed": 10},
              "partners": [{"id": "RU", "names": {"en": "Russia"}, "role": "member"}, {"id": "RU", "names": {"en": "again"}, "role": "boss"}],
              "agreements": [{"owner": "RU", "recipient": "XX", "kinds": ["zone"], "level": "secret"}],
              "declarations": [{"at": "2015-11-24T07:00:00Z", "partner": "RU", "kind": "zone", "id": "z1",
                "body": {"state": "active", "zone_kind": "other", "volumes": [{"volume": {"outline_circle": {"center": {"lat": 95, "lng": 35}, "radius": {"value": 1000, "units": "M"}},
                  "altitude_lower": {"value": 0, "reference": "W84", "units": "M"}, "altitude_upper": {"value": 100, "reference": "W84", "units": "M"}},
                  "time_start": {"value": "2015-11-24T06:00:00Z", "format": "RFC3339"}}]}}],
              "tracks": [{"file": "missing.json"}],
              "acks": [{"partner": "RU", "kind": "sometimes", "after_s": 5}],
            }
            """);
        var (scenario, errors) = ScenarioLoader.Load(path);
        Assert.Null(scenario);
        var fields = errors.Select(e => e.Field).ToList();
        Assert.Contains("partners[1].id", fields);
        Assert.Contains("partners[1].role", fields);
        Assert.Contains("agreements[0].recipient", fields);
        Assert.Contains("agreements[0].level", fields);
        Assert.Contains(errors, e => e.Code == ScenarioErrorCodes.InvalidDeclaration && e.Field!.StartsWith("declarations[0].body.", StringComparison.Ordinal) && e.Message.Contains("z1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Code == ScenarioErrorCodes.FileNotFound && e.File.EndsWith("missing.json", StringComparison.Ordinal));
        Assert.Contains("acks[0].kind", fields);
        Assert.All(errors, e => Assert.Contains(e.File, e.Message, StringComparison.Ordinal));
    }
}
