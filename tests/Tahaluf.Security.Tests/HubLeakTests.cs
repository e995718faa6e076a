using System.Diagnostics;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.State;

namespace Tahaluf.Security.Tests;

/// <summary>
/// The fast layer of the no-leak property: random worlds played straight into a hub, every read method of the hub
/// scanned for canaries the oracle forbids, and the positive side (what is released is there) checked too.
/// </summary>
public sealed class HubLeakTests
{
    internal static Arbitrary<World> Worlds(bool trackLabels) =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => World.Generate(seed, trackLabels)));

    [FsCheck.Xunit.Property(MaxTest = 1000, QuietOnSuccess = true)]
    public Property HubReads_RandomWorlds_NoViewerGetsAForbiddenCanary() =>
        Prop.ForAll(Worlds(trackLabels: true), world => Task.Run(() => CheckAsync(world)).GetAwaiter().GetResult());

    [Fact]
    public async Task HubReads_EncounterNumberWithAThirdPartysLeadingDigits_IsNoLeak()
    {
        // A predicted conflict's encounter box edge (P3's track + 0.01°) begins with the digits of a P4 report vertex.
        var world = World.Generate(920473195, trackLabels: true);
        Report(world, await FailuresAsync(world));
    }

    [Fact]
    public async Task HubReads_EncounterEdgeWithin1e9OfAThirdPartysVertex_IsNoLeak()
    {
        // P0's track at entry into P3's zone plus 0.01° prints 36.122668239712205; P1's report (hidden from P3) has a
        // vertex at 36.122668262, 2.2e-8 away: arithmetic on a released track, not a release of the report.
        var world = World.Generate(1479757711, trackLabels: true);
        Report(world, await FailuresAsync(world));
    }

    [Fact]
    public async Task Scan_PlantedForbiddenCanary_IsReportedWithViewerPathAndCanary()
    {
        // The oracle can fail: a world where some viewer is denied some full-level text, and an output carrying it.
        for (var seed = 1; ; seed++)
        {
            var world = World.Generate(seed);
            await using var driver = await HubDriver.StartAsync();
            await WorldScript.RunAsync(world, driver);
            var oracle = new Oracle(world, driver.Hub);
            var viewer = world.Partners.FirstOrDefault(p => oracle.Forbidden(p.Id).Any(c => c.Need == Lvl.Full));
            if (viewer is null)
            {
                continue;
            }

            var canary = oracle.Forbidden(viewer.Id).First(c => c.Need == Lvl.Full);
            var hits = Oracle.Scan(viewer.Id, oracle.Forbidden(viewer.Id), [("GET /x", "{\"remarks\":\"" + canary.Text + "\"}")], world).ToList();
            var hit = Assert.Single(hits);
            Assert.Contains("viewer=" + viewer.Id, hit, StringComparison.Ordinal);
            Assert.Contains("path=GET /x", hit, StringComparison.Ordinal);
            Assert.Contains(canary.Text, hit, StringComparison.Ordinal);
            Assert.False(oracle.IsAllowed(viewer.Id, canary.Text));
            Assert.True(oracle.IsAllowed(canary.Item.Owner, canary.Text), "the owner may see everything it declared");
            return;
        }
    }

    internal static async Task CheckAsync(World world) => Report(world, await FailuresAsync(world));

    internal static void Report(World world, List<string> failures)
    {
        if (failures.Count > 0)
        {
            Assert.Fail(world + "\n" + string.Join("\n", failures.Take(10)));
        }
    }

    internal static async Task<List<string>> FailuresAsync(World world)
    {
        await using var driver = await HubDriver.StartAsync();
        await WorldScript.RunAsync(world, driver);
        var hub = driver.Hub;
        var oracle = new Oracle(world, hub);
        var failures = new List<string>();
        var receipts = new List<(string, string)>();
        for (var i = 0L; i < hub.Ledger.Latest.Checkpoint.Size; i++)
        {
            receipts.Add(($"Receipt#{i}", await hub.ReceiptForAsync(i, CancellationToken.None) ?? ""));
        }

        foreach (var viewer in world.Partners.Select(p => p.Id))
        {
            var outputs = await CollectAsync(world, driver, viewer, failures);
            outputs.AddRange(receipts);
            failures.AddRange(Oracle.Scan(viewer, oracle.Forbidden(viewer), outputs, world).Take(5));
        }

        return failures;
    }

    private static async Task<List<(string Path, string Text)>> CollectAsync(World world, HubDriver driver, string viewer, List<string> failures)
    {
        var hub = driver.Hub;
        var outputs = new List<(string, string)>();
        foreach (var kind in new[] { ItemKind.Operation, ItemKind.Zone, ItemKind.Report })
        {
            var wire = WireNames.Of(kind);
            var (page, _) = hub.ListItems(viewer, kind, new ItemFilter(Limit: 1000));
            outputs.Add(($"ListItems({wire})", ViewJson.ToJson(w =>
            {
                w.WriteStartArray();
                foreach (var v in page)
                {
                    ViewJson.Write(w, v);
                }

                w.WriteEndArray();
            })));
            var expected = world.Items.Where(i => i.Kind == wire && world.CurrentLevel(viewer, i) >= Lvl.Envelope).Select(i => i.Id).Order(StringComparer.Ordinal);
            var listed = page.Select(v => v.Id).Order(StringComparer.Ordinal);
            if (!expected.SequenceEqual(listed))
            {
                failures.Add($"WRONG LIST viewer={viewer} ListItems({wire}) expected [{string.Join(",", expected)}] got [{string.Join(",", listed)}]");
            }

            foreach (var item in world.Items.Where(i => i.Kind == wire))
            {
                var view = hub.GetItem(viewer, kind, item.Id, out _);
                var level = world.CurrentLevel(viewer, item);
                if ((view is null) != (level < Lvl.Envelope))
                {
                    failures.Add($"WRONG VISIBILITY viewer={viewer} GetItem({item}) level {level} but view {(view is null ? "null" : view.Level.ToString())}");
                }

                if (view is not null)
                {
                    var json = ViewJson.ToJson(w => ViewJson.Write(w, view));
                    outputs.Add(($"GetItem({item})", json));
                    if (level == Lvl.Full && !json.Contains(item.Versions[^1].FullMarker!, StringComparison.Ordinal))
                    {
                        failures.Add($"MISSING viewer={viewer} GetItem({item}) at full lacks {item.Versions[^1].FullMarker}");
                    }
                }

                var history = await hub.GetHistoryAsync(viewer, kind, item.Id, CancellationToken.None);
                if (history is not null)
                {
                    outputs.Add(($"GetHistory({item})", ViewJson.ToJson(w =>
                    {
                        w.WriteStartArray();
                        foreach (var (v, _, _) in history)
                        {
                            ViewJson.Write(w, v);
                        }

                        w.WriteEndArray();
                    })));
                }
            }
        }

        var tracks = hub.ListTracks(viewer);
        outputs.Add(("ListTracks", ViewJson.ToJson(w =>
        {
            w.WriteStartArray();
            foreach (var t in tracks)
            {
                ViewJson.Write(w, t);
            }

            w.WriteEndArray();
        })));
        var expectedTracks = world.Items.Where(i => i.Kind == "track" && world.CurrentLevel(viewer, i) >= Lvl.Envelope).Select(i => i.Id).Order(StringComparer.Ordinal);
        if (!expectedTracks.SequenceEqual(tracks.Select(t => t.Id).Order(StringComparer.Ordinal)))
        {
            failures.Add($"WRONG LIST viewer={viewer} ListTracks expected [{string.Join(",", expectedTracks)}] got [{string.Join(",", tracks.Select(t => t.Id))}]");
        }

        foreach (var notice in hub.ListConflicts(viewer, openOnly: false))
        {
            outputs.Add(($"ListConflicts/{notice.ConflictId}", ViewJson.ToJson(w => ViewJson.Write(w, notice))));
            var conflict = hub.Snapshot.Conflicts[notice.ConflictId];
            var other = conflict.OtherThan(viewer)!.Item;
            var otherSpec = world.Items.Single(i => i.Id == other.Id && i.Kind == WireNames.Of(other.Kind));
            if ((notice.OtherItem is not null) != (world.CurrentLevel(viewer, otherSpec) >= Lvl.Envelope))
            {
                failures.Add($"WRONG NOTICE viewer={viewer} conflict {notice.ConflictId} other {otherSpec} level {world.CurrentLevel(viewer, otherSpec)} other_item {(notice.OtherItem is null ? "absent" : "present")}");
            }
        }

        foreach (var id in hub.Snapshot.Conflicts.Keys)
        {
            if (hub.GetConflict(viewer, id) is { } notice)
            {
                outputs.Add(($"GetConflict({id})", ViewJson.ToJson(w => ViewJson.Write(w, notice))));
            }
        }

        foreach (var d in hub.ListNotifications(viewer, null, 1000))
        {
            outputs.Add(($"ListNotifications/{d.Notification.Id}", ViewJson.ToJson(w => HubJson.Write(w, d))));
        }

        foreach (var id in hub.Snapshot.Notifications.Keys)
        {
            if (hub.GetNotification(viewer, id) is { } d)
            {
                outputs.Add(($"GetNotification({id})", ViewJson.ToJson(w => HubJson.Write(w, d))));
            }
        }

        foreach (var e in driver.Store.Events)
        {
            if (hub.ProjectEvent(viewer, e) is { } json)
            {
                outputs.Add(($"Feed#{e.Sequence}({e.Type} {e.SubjectKind})", json));
            }
        }

        outputs.AddRange(await WebhookBodiesAsync(driver, viewer, failures));

        for (var i = 0L; i < hub.Ledger.Latest.Checkpoint.Size; i++)
        {
            var entry = await hub.GetLedgerEntryAsync(viewer, i, CancellationToken.None);
            Assert.NotNull(entry);
            outputs.Add(($"LedgerLeaf#{i}", Oracle.Utf8(entry.Entry.Leaf)));
            if (entry.Released)
            {
                outputs.Add(($"LedgerContent#{i}({entry.Entry.Subject})", entry.Entry.Subject + "\n" + Oracle.Utf8(entry.Entry.Content)));
            }
        }

        return outputs;
    }

    /// <summary>
    /// The body of every webhook delivery <paramref name="viewer"/> would receive, as path <c>Webhook#seq</c>. The set
    /// of deliveries is checked against the notifications themselves: each of the viewer's notifications once, plus its
    /// escalation once when it was escalated, and nothing addressed to anyone else — so this path can fail by showing
    /// too much as well as by showing nothing.
    /// </summary>
    internal static async Task<List<(string Path, string Text)>> WebhookBodiesAsync(HubDriver driver, string viewer, List<string> failures)
    {
        var outputs = new List<(string, string)>();
        var delivered = new List<string>();
        foreach (var e in await driver.Store.ReadEventsAsync(0, int.MaxValue, CancellationToken.None))
        {
            if (driver.Webhooks.Project(viewer, e) is not { } delivery)
            {
                continue;
            }

            outputs.Add(($"Webhook#{e.Sequence}({delivery.Event} {delivery.DeliveryId})", delivery.Body));
            delivered.Add(delivery.DeliveryId);
            using var body = JsonDocument.Parse(delivery.Body);
            var root = body.RootElement;
            if (root.GetProperty("id").GetString() != delivery.DeliveryId || root.GetProperty("sequence").GetInt64() != e.Sequence
                || root.GetProperty("notification").GetProperty("id").GetString() != e.SubjectId)
            {
                failures.Add($"WRONG WEBHOOK viewer={viewer} Webhook#{e.Sequence} id {delivery.DeliveryId} body {delivery.Body}");
            }
        }

        var expected = driver.Hub.Snapshot.Notifications.Values
            .Where(n => n.Recipient == viewer)
            .SelectMany(n => n.EscalatedAt is null ? new[] { n.Id } : [n.Id, n.Id + "/escalated"])
            .Order(StringComparer.Ordinal);
        if (!expected.SequenceEqual(delivered.Order(StringComparer.Ordinal)))
        {
            failures.Add($"WRONG WEBHOOKS viewer={viewer} expected [{string.Join(",", expected)}] got [{string.Join(",", delivered.Order(StringComparer.Ordinal))}]");
        }

        return outputs;
    }

    [Fact]
    public async Task WebhookBodies_GeneratedWorlds_CarryTheRecipientsNotificationsOnly()
    {
        // The positive side of the webhook path: the generated worlds do produce deliveries (so the property scans
        // real bodies), each body is the recipient's notification, and no other partner gets a body for it.
        var bodies = 0;
        var escalations = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var world = World.Generate(seed, trackLabels: true);
            await using var driver = await HubDriver.StartAsync();
            await WorldScript.RunAsync(world, driver);
            var failures = new List<string>();
            foreach (var viewer in world.Partners.Select(p => p.Id))
            {
                var found = await WebhookBodiesAsync(driver, viewer, failures);
                bodies += found.Count;
                escalations += found.Count(f => f.Path.Contains("escalated", StringComparison.Ordinal));
                foreach (var (path, text) in found)
                {
                    using var body = JsonDocument.Parse(text);
                    var id = body.RootElement.GetProperty("notification").GetProperty("id").GetString()!;
                    Assert.Equal(viewer, driver.Hub.Snapshot.Notifications[id].Recipient);
                    Assert.True(driver.Hub.GetNotification(viewer, id) is not null, path);
                    Assert.All(world.Partners.Where(p => p.Id != viewer), other =>
                        Assert.DoesNotContain(driver.Store.Events.Where(e => e.SubjectId == id), e => driver.Webhooks.Project(other.Id, e) is not null));
                }
            }

            Report(world, failures);
        }

        Assert.True(bodies > 0, "the generated worlds must produce webhook deliveries, or the webhook path is never scanned");
        Console.WriteLine($"{bodies} webhook bodies ({escalations} escalations) in 20 worlds");
    }

    [Fact]
    public async Task HubReads_OneHundredWorlds_TimedForTheBudget()
    {
        // Not a performance assertion: it prints the rate so the property's MaxTest can be sized.
        var watch = Stopwatch.StartNew();
        var worlds = 0;
        var conflicts = 0;
        for (var seed = 1; seed <= 100; seed++)
        {
            var world = World.Generate(seed);
            await using var driver = await HubDriver.StartAsync();
            await WorldScript.RunAsync(world, driver);
            conflicts += driver.Hub.Snapshot.Conflicts.Count;
            worlds++;
        }

        Assert.True(conflicts > 0, "worlds must produce conflicts, or the safety override is never exercised");
        Console.WriteLine($"{worlds} worlds played in {watch.ElapsedMilliseconds} ms, {conflicts} conflicts");
    }
}
