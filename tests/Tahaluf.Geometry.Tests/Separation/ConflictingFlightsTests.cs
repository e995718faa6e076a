using System.Text.Json.Nodes;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing;

namespace Tahaluf.Geometry.Tests.Separation;

/// <summary>
/// The InterUSS uss_qualifier flight intents near Bern (shared/data/utm/conflicting_flights.json): two planned
/// operations that overlap in space and time, and variants moved up to 650–705 m.
/// </summary>
public class ConflictingFlightsTests
{
    private static readonly Lazy<JsonObject> Intents = new(() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.SharedData("utm/conflicting_flights.json")))!["intents"]!.AsObject());

    /// <summary>
    /// Resolves a named intent: a <c>full</c> entry as is, a <c>delta</c> as its source with the mutation deep-merged
    /// the way uss_qualifier does it: objects merge by key, lists patch element-wise, anything else replaces.
    /// </summary>
    private static JsonNode Resolve(string name)
    {
        var entry = Intents.Value[name]!.AsObject();
        if (entry["full"] is { } full)
        {
            return full.DeepClone();
        }

        var delta = entry["delta"]!;
        var source = Resolve(delta["source"]!.GetValue<string>());
        return Merge(source, delta["mutation"]!);
    }

    private static JsonNode Merge(JsonNode target, JsonNode patch)
    {
        switch (target, patch)
        {
            case (JsonObject t, JsonObject p):
                foreach (var (key, value) in p.ToList())
                {
                    t[key] = t[key] is { } existing && value is not null ? Merge(existing, value.DeepClone()) : value?.DeepClone();
                }

                return t;
            case (JsonArray t, JsonArray p):
                for (var i = 0; i < p.Count; i++)
                {
                    if (i < t.Count && t[i] is { } existing && p[i] is { } value)
                    {
                        t[i] = Merge(existing.DeepClone(), value.DeepClone());
                    }
                    else if (i >= t.Count)
                    {
                        t.Add(p[i]?.DeepClone());
                    }
                }

                return t;
            default:
                return patch.DeepClone();
        }
    }

    private static Volume4D Volume(string name)
    {
        var volume = Resolve(name)["request"]!["operational_intent"]!["volumes"]![0]!;
        var result = F3548Reader.ReadVolume4D(volume.ToJsonString(), $"{name}.volumes[0]");
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value;
    }

    private static readonly SeparationMinima F3548Intersection = new(0, 0, 0);

    [Fact]
    public void Reader_PlannedVolumes_MatchTheDataDescription()
    {
        var first = Volume("flight_1_planned_vol_A");
        var second = Volume("flight_2_planned_vol_A");

        Assert.Equal(54, Assert.IsType<PolygonFootprint>(first.Footprint).Vertices.Length);
        Assert.Equal(66, Assert.IsType<PolygonFootprint>(second.Footprint).Vertices.Length);
        Assert.Equal((605, 635), (first.AltitudeLowerM, first.AltitudeUpperM));
        Assert.Equal(new DateTimeOffset(2023, 2, 12, 10, 27, 14, TimeSpan.Zero), first.TimeStart.AddTicks(-(first.TimeStart.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Merge_VolBDelta_PatchesAltitudesAndKeepsOutline()
    {
        var a = Volume("flight_1_planned_vol_A");
        var b = Volume("flight_1_planned_vol_B");

        Assert.Equal((650, 705), (b.AltitudeLowerM, b.AltitudeUpperM));
        Assert.Equal(a.Footprint, b.Footprint);
        Assert.Equal(a.TimeStart, b.TimeStart);
    }

    [Fact]
    public void Conflicts_PlannedVolA_ConflictUnderIntersectionAndDefaultMinima()
    {
        var first = Volume("flight_1_planned_vol_A");
        var second = Volume("flight_2_planned_vol_A");

        Assert.Equal(0, FootprintDistance.HorizontalDistanceM(first.Footprint, second.Footprint));
        Assert.True(SeparationTest.Conflicts(first, second, F3548Intersection));
        Assert.True(SeparationTest.Conflicts(second, first, F3548Intersection));
        Assert.True(SeparationTest.Conflicts(first, second, SeparationMinima.Default));
    }

    [Theory]
    [InlineData("flight_1_planned_vol_B", "flight_2_planned_vol_A")]
    [InlineData("flight_1_activated_vol_B", "flight_2_planned_vol_A")]
    [InlineData("flight_2_activated_vol_B", "flight_1_planned_vol_A")]
    [InlineData("flight_2_equal_prio_planned_vol_B", "flight_1_planned_vol_A")]
    public void Conflicts_VolBAboveVolA_SeparatedOnlyWithoutVerticalMinimum(string upper, string lower)
    {
        var high = Volume(upper);
        var low = Volume(lower);

        Assert.Equal((650, 705), (high.AltitudeLowerM, high.AltitudeUpperM));
        Assert.False(SeparationTest.Conflicts(high, low, F3548Intersection));
        Assert.True(SeparationTest.Conflicts(high, low, SeparationMinima.Default));
    }
}
