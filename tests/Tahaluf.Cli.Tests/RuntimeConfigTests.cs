using System.Text.Json;

namespace Tahaluf.Cli.Tests;

/// <summary>
/// The runtime settings shipped with the <c>tahaluf</c> executable (tahaluf.runtimeconfig.json, which
/// <c>dotnet tahaluf.dll</c> reads). The hub's latency at load depends on them (docs/performance.md).
/// </summary>
public sealed class RuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "tahaluf.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the tests run the built executable and read its settings");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void YoungGenerationBudget_IsCappedWellBelowTheCacheSizedDefault()
    {
        // Without a cap the runtime sizes the gen-0 budget from the largest CPU cache: on a host reporting a
        // 260 MB L3 each young collection then promoted ~13 MB and stopped every thread for 60-80 ms.
        var properties = ConfigProperties();
        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget), "System.GC.Gen0MaxBudget is not set");
        var bytes = budget.GetInt64();
        Assert.InRange(bytes, 1L << 20, 16L << 20);
    }

    [Fact]
    public void GarbageCollector_StaysConcurrentWorkstation()
    {
        // Server GC was measured slower on two cores (docs/performance.md); background gen-2 collections keep the
        // old generation's sweep off the request path.
        var properties = ConfigProperties();
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean());
    }
}
