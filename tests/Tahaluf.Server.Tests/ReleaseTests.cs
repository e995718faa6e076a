using System.Net;
using System.Text.Json;
using static Tahaluf.Server.Tests.TestHub;

namespace Tahaluf.Server.Tests;

/// <summary>Every read path gives each partner exactly its release level; hidden answers 404.</summary>
public sealed class ReleaseTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await StartAsync();
        await _hub.AddPartnersAsync(["RU", "TR", "US", "FR"], "CIV");
        await _hub.AgreeAsync("RU", "US", "operation", "envelope");
        await _hub.AgreeAsync("RU", "FR", "operation", "full");
        await _hub.AgreeAsync("RU", "TR", "operation", "none");
        await _hub.AgreeAsync("RU", "CIV", "operation", "safety");
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("RU").PutAsync("/api/v1/operations/ru-op-1", Json(Operation(Square(35.8, 36.1))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("RU").PutAsync("/api/v1/operations/ru-op-fr-only", Json(Operation(Square(35.5, 36.5), extra: ""","label":{"releasable_to":["FR"],"civil":false,"caveat":"REL FR"}""")))).StatusCode);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Get_EachPartner_SeesExactlyItsLevel()
    {
        using var owner = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/operations/ru-op-1"));
        Assert.Equal("full", owner.RootElement.GetProperty("level").GetString());
        Assert.Equal("secret remark", owner.RootElement.GetProperty("remarks").GetString());

        using var us = await ReadJsonAsync(await _hub.Partner("US").GetAsync("/api/v1/operations/ru-op-1"));
        Assert.Equal("envelope", us.RootElement.GetProperty("level").GetString());
        Assert.Equal(1, us.RootElement.GetProperty("volumes").GetArrayLength());
        Assert.Equal("active", us.RootElement.GetProperty("state").GetString());
        foreach (var field in new[] { "callsigns", "aircraft_count", "remarks", "category", "caveat", "label" })
        {
            Assert.False(us.RootElement.TryGetProperty(field, out _), $"envelope view leaked {field}");
        }

        using var fr = await ReadJsonAsync(await _hub.Partner("FR").GetAsync("/api/v1/operations/ru-op-1"));
        Assert.Equal("full", fr.RootElement.GetProperty("level").GetString());
        Assert.Equal(["FALCON1", "FALCON2"], fr.RootElement.GetProperty("callsigns").EnumerateArray().Select(c => c.GetString()));
        Assert.False(fr.RootElement.TryGetProperty("label", out _), "only the owner sees its own label");

        foreach (var hidden in new[] { "TR", "CIV" })
        {
            var response = await _hub.Partner(hidden).GetAsync("/api/v1/operations/ru-op-1");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var problem = await ReadJsonAsync(response);
            Assert.Equal("resource.not_found", problem.RootElement.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Get_LabelNotListingViewer_CapsAtSafety()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("US").GetAsync("/api/v1/operations/ru-op-fr-only")).StatusCode);
        using var fr = await ReadJsonAsync(await _hub.Partner("FR").GetAsync("/api/v1/operations/ru-op-fr-only"));
        Assert.Equal("REL FR", fr.RootElement.GetProperty("caveat").GetString());
    }

    [Fact]
    public async Task List_EachPartner_SeesOnlyReleasedItems()
    {
        async Task<string[]> Ids(string partner)
        {
            using var doc = await ReadJsonAsync(await _hub.Partner(partner).GetAsync("/api/v1/operations"));
            return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
        }

        Assert.Equal(["ru-op-1", "ru-op-fr-only"], await Ids("RU"));
        Assert.Equal(["ru-op-1", "ru-op-fr-only"], await Ids("FR"));
        Assert.Equal(["ru-op-1"], await Ids("US"));
        Assert.Empty(await Ids("TR"));
        Assert.Empty(await Ids("CIV"));
    }

    [Fact]
    public async Task History_HiddenItem_Is404AndVisibleIsProjected()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("TR").GetAsync("/api/v1/operations/ru-op-1/history")).StatusCode);
        using var us = await ReadJsonAsync(await _hub.Partner("US").GetAsync("/api/v1/operations/ru-op-1/history"));
        var version = Assert.Single(us.RootElement.GetProperty("versions").EnumerateArray());
        Assert.Equal("envelope", version.GetProperty("item").GetProperty("level").GetString());
        Assert.False(version.GetProperty("item").TryGetProperty("callsigns", out _));
    }

    [Fact]
    public async Task Notifications_ItemRelease_ReachesOnlyThoseItIsReleasedTo()
    {
        async Task<JsonElement[]> Notes(string partner)
        {
            using var doc = await ReadJsonAsync(await _hub.Partner(partner).GetAsync("/api/v1/notifications"));
            return [.. doc.RootElement.GetProperty("notifications").EnumerateArray().Select(e => e.Clone())];
        }

        var us = Assert.Single(await Notes("US"));
        Assert.Equal("item", us.GetProperty("type").GetString());
        Assert.Equal("envelope", us.GetProperty("item").GetProperty("level").GetString());
        Assert.Equal(2, (await Notes("FR")).Length);
        Assert.Empty(await Notes("TR"));
        Assert.Empty(await Notes("CIV"));
    }

    [Fact]
    public async Task Feed_EachPartner_ReceivesOnlyWhatItMaySee()
    {
        await using var us = await SseReader.OpenAsync(_hub.Partner("US"), "/api/v1/feed?after=0");
        var usEvents = await us.ReadUntilAsync((type, data) => type == "item" && data.GetProperty("id").GetString() == "ru-op-1");
        var item = usEvents[^1].Data;
        Assert.Equal("envelope", item.GetProperty("level").GetString());
        Assert.False(item.TryGetProperty("callsigns", out _));

        // TR's feed: declare something of TR's own; every event before it must not be RU's.
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("TR").PutAsync("/api/v1/zones/tr-marker", Json(Zone(Square(40, 30, lowerM: 0, upperM: 100))))).StatusCode);
        await using var tr = await SseReader.OpenAsync(_hub.Partner("TR"), "/api/v1/feed?after=0");
        var trEvents = await tr.ReadUntilAsync((type, data) => type == "item" && data.GetProperty("id").GetString() == "tr-marker");
        Assert.DoesNotContain(trEvents, e => e.Data.ToString().Contains("ru-op", StringComparison.Ordinal));
        Assert.DoesNotContain(trEvents, e => e.Data.ToString().Contains("FALCON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feed_ResumesWithLastEventId()
    {
        await using var first = await SseReader.OpenAsync(_hub.Partner("FR"), "/api/v1/feed?after=0");
        var seen = await first.ReadUntilAsync((type, data) => type == "item" && data.GetProperty("id").GetString() == "ru-op-1");
        var resumeFrom = seen[^1].Id;

        await using var resumed = await SseReader.OpenAsync(_hub.Partner("FR"), "/api/v1/feed", resumeFrom);
        var next = await resumed.ReadUntilAsync((type, data) => type == "item");
        Assert.Equal("ru-op-fr-only", next[^1].Data.GetProperty("id").GetString());
        Assert.True(long.Parse(next[^1].Id, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(resumeFrom, System.Globalization.CultureInfo.InvariantCulture));
    }
}
