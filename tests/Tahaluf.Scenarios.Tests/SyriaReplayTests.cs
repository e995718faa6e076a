using System.Net;
using System.Text.Json;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Scenarios.Tracks;

namespace Tahaluf.Scenarios.Tests;

/// <summary>"What the replay must show" (SCENARIO-SYRIA-2015.md), asserted against the hub after a stepped replay.</summary>
public sealed class SyriaReplayTests(SyriaReplay replay) : IClassFixture<SyriaReplay>
{
    private Conflict ConflictOf(Notification n) => replay.Hub.Snapshot.Conflicts[n.ConflictId!];

    private static bool Involves(Conflict c, ItemKind kind, string id) =>
        (c.A.Item.Kind == kind && c.A.Item.Id == id) || (c.B.Item.Kind == kind && c.B.Item.Id == id);

    [Fact]
    public void Replay_WentThroughWithoutRefusals() =>
        Assert.True(replay.Runner.Refusals.Count == 0, string.Join("\n", replay.Runner.Refusals));

    [Fact]
    public async Task Outcome1_Su24IncursionIntoBorderZone_AlertedToRuAndTrBeforeEntry_AcksInLedger()
    {
        var alerts = replay.Hub.Snapshot.Notifications.Values
            .Where(n => n.ConflictId is not null)
            .Where(n => ConflictOf(n) is var c && c.Source == ConflictSource.Predicted && Involves(c, ItemKind.Zone, "tr-border-warning") && Involves(c, ItemKind.Track, "su24m-1"))
            .ToList();
        var tr = alerts.Where(n => n.Recipient == "TR").OrderBy(n => n.CreatedAt).First();
        var ru = alerts.Where(n => n.Recipient == "RU").OrderBy(n => n.CreatedAt).First();
        Assert.True(tr.CreatedAt < SyriaReplay.Entry, $"TR alerted at {tr.CreatedAt:O}");
        Assert.True(ru.CreatedAt < SyriaReplay.Entry, $"RU alerted at {ru.CreatedAt:O}");

        // TR acknowledged (an ack entry in the ledger, with a receipt); RU never did, and the hub escalated.
        Assert.Equal(NotificationState.Acknowledged, replay.Hub.Snapshot.Notifications[tr.Id].State);
        var ack = Assert.Single(replay.Runner.Acks, a => a.NotificationId == tr.Id);
        Assert.True(ack.At < SyriaReplay.Entry.AddSeconds(30));
        Assert.NotNull(await replay.Hub.ReceiptForAsync(ack.LedgerIndex, CancellationToken.None));
        Assert.Null(replay.Hub.Snapshot.Notifications[ru.Id].AcknowledgedAt);
        Assert.Equal(NotificationState.Escalated, replay.Hub.Snapshot.Notifications[ru.Id].State);
        Assert.DoesNotContain(replay.Runner.Acks, a => a.NotificationId == ru.Id);

        // RU's silence is towards Turkey only: the same day it acknowledged the EASA caution's alert about the same track.
        var easa = replay.Hub.Snapshot.Notifications.Values.First(n => n.Recipient == "RU" && n.ConflictId is not null
            && ConflictOf(n) is var c && Involves(c, ItemKind.Zone, "easa-damascus-fir") && Involves(c, ItemKind.Track, "su24m-1"));
        Assert.Equal(NotificationState.Acknowledged, easa.State);
    }

    [Fact]
    public async Task Outcome2_RuOperationOverLatakia_ReachedUsWithReceipt_InvisibleToTr()
    {
        var toUs = replay.Hub.Snapshot.Notifications.Values.Single(n => n.Recipient == "US" && n.Item is { } i && i.Kind == ItemKind.Operation && i.Id == "ru-su24-latakia");
        Assert.Equal(NotificationState.Acknowledged, toUs.State);
        Assert.True(toUs.CreatedAt < SyriaReplay.Entry);
        var ack = Assert.Single(replay.Runner.Acks, a => a.NotificationId == toUs.Id);
        Assert.NotNull(await replay.Hub.ReceiptForAsync(ack.LedgerIndex, CancellationToken.None));
        var declared = replay.Hub.Snapshot.Item(ItemKind.Operation, "ru-su24-latakia")!;
        Assert.NotNull(await replay.Hub.ReceiptForAsync(declared.LedgerIndex, CancellationToken.None));
        Assert.NotNull(replay.Hub.GetItem("US", ItemKind.Operation, "ru-su24-latakia", out _));

        Assert.Null(replay.Hub.GetItem("TR", ItemKind.Operation, "ru-su24-latakia", out _));
        foreach (var n in replay.Hub.ListNotifications("TR", null, 1000))
        {
            Assert.False(n.Notification.Item is { Id: "ru-su24-latakia" });
            Assert.False(n.Notification.ConflictId is { } c && Involves(replay.Hub.Snapshot.Conflicts[c], ItemKind.Operation, "ru-su24-latakia"), n.Notification.ConflictId is { } d ? replay.Hub.Snapshot.Conflicts[d].ToString() : "");
        }
    }

    [Fact]
    public void Outcome3_RafaleOperationsCrossingS400_RaiseRuFrConflicts_ThenAgreementReleasesEnvelopes()
    {
        foreach (var partner in new[] { "RU", "FR" })
        {
            var notes = replay.Hub.Snapshot.Notifications.Values
                .Where(n => n.Recipient == partner && n.ConflictId is not null && n.CreatedAt < SyriaReplay.AgreementTime)
                .Where(n => ConflictOf(n) is var c && Involves(c, ItemKind.Zone, "ru-s400") && Involves(c, ItemKind.Operation, "fr-rafale-raqqa-1"));
            Assert.NotEmpty(notes);
        }

        Assert.Equal((false, false), replay.BeforeAgreement);
        var s400 = replay.Hub.GetItem("FR", ItemKind.Zone, "ru-s400", out _);
        var rafale = replay.Hub.GetItem("RU", ItemKind.Operation, "fr-rafale-raqqa-1", out _);
        Assert.NotNull(s400);
        Assert.NotNull(rafale);
        Assert.Equal("Envelope", s400!.Level.ToString());
        Assert.Equal("Envelope", rafale!.Level.ToString());
    }

    [Fact]
    public void Outcome4_FortZone_MovesWithMoskva()
    {
        Assert.Equal(2, replay.FortSamples.Count);
        foreach (var (_, fort, moskva) in replay.FortSamples)
        {
            Assert.Equal(moskva, fort);
        }

        var (first, second) = (replay.FortSamples[0].Fort, replay.FortSamples[1].Fort);
        Assert.True(TrackInterpolator.Distance(first.Lat, first.Lng, second.Lat, second.Lng) > 1000, $"{first} -> {second}");
    }

    [Fact]
    public async Task Outcome5_CivilFeed_ShowsS400FortAndDamascusFir()
    {
        var response = await replay.Anonymous.GetAsync("/public/v1/civil-feed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hazards = doc.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .Select(p => (State: p.GetProperty("state").GetString(), Hazard: p.GetProperty("hazard").GetString(), Upper: p.GetProperty("upper_m").GetDouble()))
            .OrderBy(h => h.State, StringComparer.Ordinal).ThenBy(h => h.Upper)
            .ToList();
        Assert.Equal(
            [("EASA", "danger_area", 20000.0), ("RU", "air_defence_engagement_zone", 27000.0), ("RU", "air_defence_engagement_zone", 30000.0)],
            hazards);
    }
}
