using System.Net;
using System.Text.Json;
using static Tahaluf.Server.Tests.TestHub;

namespace Tahaluf.Server.Tests;

/// <summary>Conflicts between owners are notified to both, acknowledged, escalated when the deadline passes.</summary>
public sealed class ConflictTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await StartAsync(ackWindow: TimeSpan.FromSeconds(120));
        await _hub.AddPartnersAsync(["RU", "TR", "US"], "CIV");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<JsonElement[]> ConflictNotificationsAsync(string partner)
    {
        using var doc = await ReadJsonAsync(await _hub.Partner(partner).GetAsync("/api/v1/notifications"));
        return [.. doc.RootElement.GetProperty("notifications").EnumerateArray().Where(n => n.GetProperty("type").GetString() == "conflict").Select(n => n.Clone())];
    }

    private async Task DeclareBorderSceneAsync()
    {
        // TR's border warning zone and RU's Su-24 operation overlap near Yayladağı; no agreements between them.
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("TR").PutAsync("/api/v1/zones/tr-border", Json(Zone(Square(35.9, 36.06, sideKm: 20, lowerM: 0, upperM: 15000, startMin: 0, endMin: 600))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("RU").PutAsync("/api/v1/operations/ru-su24", Json(Operation(Square(35.82, 36.07, sideKm: 15))))).StatusCode);
    }

    [Fact]
    public async Task Declare_OverlappingItemsOfTwoOwners_NotifiesBothWithTheSafetyMinimumOnly()
    {
        await DeclareBorderSceneAsync();

        foreach (var (me, other) in new[] { ("RU", "TR"), ("TR", "RU") })
        {
            var n = Assert.Single(await ConflictNotificationsAsync(me));
            Assert.Equal("pending", n.GetProperty("state").GetString());
            Assert.Equal("2015-11-24T06:02:00Z", n.GetProperty("ack_deadline").GetString());
            var conflict = n.GetProperty("conflict");
            Assert.Equal(other, conflict.GetProperty("other_party").GetString());
            Assert.Equal("safety", conflict.GetProperty("level").GetString());
            Assert.Equal(JsonValueKind.Null, conflict.GetProperty("other_item").ValueKind);
            var encounter = conflict.GetProperty("encounter");
            Assert.True(encounter.GetProperty("volume").TryGetProperty("outline_polygon", out _));
            Assert.Equal(5000, encounter.GetProperty("volume").GetProperty("altitude_lower").GetProperty("value").GetDouble());
            Assert.DoesNotContain("FALCON", n.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("Hidden zone name", n.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(await ConflictNotificationsAsync("US"));
        using var list = await ReadJsonAsync(await _hub.Partner("US").GetAsync("/api/v1/conflicts"));
        Assert.Empty(list.RootElement.GetProperty("conflicts").EnumerateArray());
        var id = (await ConflictNotificationsAsync("RU"))[0].GetProperty("conflict").GetProperty("conflict_id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("US").GetAsync("/api/v1/conflicts/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _hub.Partner("TR").GetAsync("/api/v1/conflicts/" + id)).StatusCode);
    }

    [Fact]
    public async Task Declare_WithEnvelopeAgreement_NoticeCarriesTheOtherEnvelope()
    {
        await _hub.AgreeAsync("RU", "TR", "operation", "envelope");
        await DeclareBorderSceneAsync();

        var tr = Assert.Single(await ConflictNotificationsAsync("TR")).GetProperty("conflict");
        Assert.Equal("envelope", tr.GetProperty("level").GetString());
        Assert.Equal("ru-su24", tr.GetProperty("other_item").GetProperty("id").GetString());
        Assert.False(tr.GetProperty("other_item").TryGetProperty("callsigns", out _));
        var ru = Assert.Single(await ConflictNotificationsAsync("RU")).GetProperty("conflict");
        Assert.Equal(JsonValueKind.Null, ru.GetProperty("other_item").ValueKind);
    }

    [Fact]
    public async Task Declare_SameConflictAgain_DoesNotDuplicate()
    {
        await DeclareBorderSceneAsync();
        var moved = Json(Operation(Square(35.83, 36.07, sideKm: 15)));
        Assert.Equal(HttpStatusCode.OK, (await _hub.Partner("RU").PutAsync("/api/v1/operations/ru-su24", moved)).StatusCode);

        Assert.Single(await ConflictNotificationsAsync("RU"));
        Assert.Single(await ConflictNotificationsAsync("TR"));
    }

    [Fact]
    public async Task Declare_SameOwnerOverlap_NeverConflicts()
    {
        await _hub.Partner("RU").PutAsync("/api/v1/operations/a", Json(Operation(Square(35, 36))));
        await _hub.Partner("RU").PutAsync("/api/v1/zones/b", Json(Zone(Square(35, 36, lowerM: 0, upperM: 20000, startMin: 0, endMin: 600))));
        Assert.Empty(await ConflictNotificationsAsync("RU"));
    }

    [Fact]
    public async Task Withdraw_EndedItem_ClosesTheConflictAndStopsConflicting()
    {
        await DeclareBorderSceneAsync();
        Assert.Equal(HttpStatusCode.OK, (await _hub.Partner("RU").DeleteAsync("/api/v1/operations/ru-su24")).StatusCode);

        using var open = await ReadJsonAsync(await _hub.Partner("TR").GetAsync("/api/v1/conflicts?open=true"));
        Assert.Empty(open.RootElement.GetProperty("conflicts").EnumerateArray());
        using var all = await ReadJsonAsync(await _hub.Partner("TR").GetAsync("/api/v1/conflicts"));
        Assert.Equal("closed", Assert.Single(all.RootElement.GetProperty("conflicts").EnumerateArray()).GetProperty("state").GetString());

        // An ended operation replaced with the same footprint stays ended: no revival, no new conflict.
        var revive = await _hub.Partner("RU").PutAsync("/api/v1/operations/ru-su24", Json(Operation(Square(35.82, 36.07, sideKm: 15))));
        Assert.Equal(HttpStatusCode.Conflict, revive.StatusCode);
        Assert.Single(await ConflictNotificationsAsync("TR"));
    }

    [Fact]
    public async Task Ack_BeforeDeadline_IsRecordedAndNotEscalated()
    {
        await DeclareBorderSceneAsync();
        var id = (await ConflictNotificationsAsync("RU"))[0].GetProperty("id").GetString()!;

        var wrong = await _hub.Partner("TR").PostAsync($"/api/v1/notifications/{id}/ack", null);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

        _hub.Clock.Advance(TimeSpan.FromSeconds(60));
        var ack = await _hub.Partner("RU").PostAsync($"/api/v1/notifications/{id}/ack", null);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var body = await ReadJsonAsync(ack);
        Assert.True(body.RootElement.GetProperty("ledger_index").GetInt64() >= 0);
        Assert.Equal("acknowledged", body.RootElement.GetProperty("notification").GetProperty("state").GetString());
        Assert.Equal("2015-11-24T06:01:00Z", body.RootElement.GetProperty("notification").GetProperty("acknowledged_at").GetString());

        _hub.Clock.Advance(TimeSpan.FromSeconds(120));
        await _hub.Server.Hub.CheckDeadlinesAsync();
        var ru = Assert.Single(await ConflictNotificationsAsync("RU"));
        Assert.Equal("acknowledged", ru.GetProperty("state").GetString());
        Assert.False(ru.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Deadline_Missed_EscalatesToBothSidesAndResends()
    {
        await DeclareBorderSceneAsync();
        var ruId = (await ConflictNotificationsAsync("RU"))[0].GetProperty("id").GetString()!;
        await _hub.Partner("RU").PostAsync($"/api/v1/notifications/{ruId}/ack", null);
        await using var ruFeed = await SseReader.OpenAsync(_hub.Partner("RU"), "/api/v1/feed");
        await using var trFeed = await SseReader.OpenAsync(_hub.Partner("TR"), "/api/v1/feed");

        _hub.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, await _hub.Server.Hub.CheckDeadlinesAsync());
        Assert.Equal("pending", (await ConflictNotificationsAsync("TR"))[0].GetProperty("state").GetString());

        // The hub's own timer may escalate first; either way the check after it finds nothing left to do.
        _hub.Clock.Advance(TimeSpan.FromSeconds(1));
        await _hub.Server.Hub.CheckDeadlinesAsync();
        Assert.Equal(0, await _hub.Server.Hub.CheckDeadlinesAsync());

        var tr = Assert.Single(await ConflictNotificationsAsync("TR"));
        Assert.Equal("escalated", tr.GetProperty("state").GetString());
        Assert.True(tr.GetProperty("overdue").GetBoolean());
        Assert.Equal("2015-11-24T06:02:00Z", tr.GetProperty("escalated_at").GetString());
        var trEvents = await trFeed.ReadUntilAsync((type, _) => type == "notification");
        Assert.Contains(trEvents, e => e.Type == "escalated");
        var ruEvents = await ruFeed.ReadUntilAsync((type, _) => type == "escalated");
        Assert.Equal("TR", ruEvents[^1].Data.GetProperty("recipient").GetString());

        // A late acknowledgement is still accepted and recorded.
        var late = await _hub.Partner("TR").PostAsync($"/api/v1/notifications/{tr.GetProperty("id").GetString()}/ack", null);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
    }
}
