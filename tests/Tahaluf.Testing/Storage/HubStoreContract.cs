using System.Text;
using Tahaluf.Hub.Storage;
using Xunit;

namespace Tahaluf.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IHubStore"/> must have. Each store's test project derives from it once
/// and supplies a fresh, empty store per test.
/// </summary>
public abstract class HubStoreContract
{
    private static readonly DateTimeOffset T0 = new(2015, 11, 24, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A new empty store, migrated. Reopening must reach the same data (see <see cref="ReopenAsync"/>).</summary>
    protected abstract Task<IHubStore> CreateAsync();

    /// <summary>Closes <paramref name="store"/> and opens the same database again, migrated.</summary>
    protected abstract Task<IHubStore> ReopenAsync(IHubStore store);

    private static ItemRecord Item(string id, long version, string owner = "RU", string state = "planned", long ledger = 0) =>
        new("operation", id, owner, version, state, $$"""{"id":"{{id}}","v":{{version}}}""", Encoding.UTF8.GetBytes(id + version), T0.AddSeconds(version), ledger);

    private static EventRecord Event(long seq, string type = "item") => new(seq, T0.AddSeconds(seq), type, "operation", "op-" + seq, "{}");

    private static LedgerEntryRecord Leaf(long index) => new(index, [(byte)index, 1, 2], new byte[32], [(byte)index], "operation/op-" + index);

    [Fact]
    public async Task Commit_EverythingInOneWrite_IsLoadedBack()
    {
        var store = await CreateAsync();
        var write = new StoreWrite();
        write.Partners.Add(new PartnerRecord("RU", "member", """{"en":"Russia"}""", new byte[32], new byte[32], T0));
        write.Partners.Add(new PartnerRecord("CIV", "observer", """{"en":"Civil aviation"}""", null, Enumerable.Repeat((byte)7, 32).ToArray(), T0));
        write.Agreements.Add(new AgreementRecord("RU", "US", "operation", "envelope"));
        write.Items.Add(Item("op-1", 1));
        write.Conflicts.Add(new ConflictRecord("c-1", "open", T0, null, "{}"));
        write.Notifications.Add(new NotificationRecord("n-1", "TR", "pending", T0, T0.AddMinutes(2), "{}"));
        write.Events.Add(Event(1));
        write.Ledger.Add(Leaf(0));
        await store.CommitAsync(write, CancellationToken.None);

        store = await ReopenAsync(store);
        var snapshot = await store.LoadAsync(CancellationToken.None);

        Assert.Equal(["CIV", "RU"], snapshot.Partners.Select(p => p.Id));
        Assert.Null(snapshot.Partners[0].PublicKey);
        Assert.Equal(Enumerable.Repeat((byte)7, 32), snapshot.Partners[0].TokenHash);
        Assert.Equal(new AgreementRecord("RU", "US", "operation", "envelope"), Assert.Single(snapshot.Agreements));
        var item = Assert.Single(snapshot.Items);
        Assert.Equal(("op-1", 1L, T0.AddSeconds(1)), (item.Id, item.Version, item.UpdatedAt));
        Assert.Equal("""{"id":"op-1","v":1}""", item.BodyJson);
        Assert.Equal(new ConflictRecord("c-1", "open", T0, null, "{}"), Assert.Single(snapshot.Conflicts));
        Assert.Equal(T0.AddMinutes(2), Assert.Single(snapshot.Notifications).DeadlineAt);
        Assert.Equal(1, snapshot.LastEventSequence);
        Assert.Equal(1, snapshot.LedgerSize);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task LoadChanges_AfterASequence_ReturnsOnlyWhatLaterEventsName()
    {
        await using var store = await CreateAsync();
        var reader = Assert.IsAssignableFrom<IStoreChangeReader>(store);
        var first = new StoreWrite();
        first.Partners.Add(new PartnerRecord("RU", "member", """{"en":"Russia"}""", null, new byte[32], T0));
        first.Items.Add(Item("op-1", 1));
        first.Items.Add(Item("op-2", 1));
        first.Events.Add(new EventRecord(1, T0, "item", "operation", "op-1", "{}"));
        first.Events.Add(new EventRecord(2, T0, "item", "operation", "op-2", "{}"));
        await store.CommitAsync(first, CancellationToken.None);

        var second = new StoreWrite();
        second.Partners.Add(new PartnerRecord("TR", "member", """{"en":"Türkiye"}""", null, Enumerable.Repeat((byte)1, 32).ToArray(), T0));
        second.Items.Add(Item("op-2", 2));
        second.Conflicts.Add(new ConflictRecord("c-1", "open", T0, null, "{}"));
        second.Notifications.Add(new NotificationRecord("n-1", "TR", "pending", T0, null, "{}"));
        second.Events.Add(new EventRecord(3, T0, "item", "operation", "op-2", "{}"));
        second.Events.Add(new EventRecord(4, T0, "conflict", "conflict", "c-1", "{}"));
        second.Events.Add(new EventRecord(5, T0, "notification", "notification", "n-1", "{}"));
        second.Events.Add(new EventRecord(6, T0, "partner", "partner", "TR", "{}"));
        second.Ledger.Add(Leaf(0));
        await store.CommitAsync(second, CancellationToken.None);

        var changes = await reader.LoadChangesAsync(2, CancellationToken.None);
        Assert.Equal(["RU", "TR"], changes.Partners.Select(p => p.Id));
        Assert.Equal(("op-2", 2L), (Assert.Single(changes.Items).Id, changes.Items[0].Version));
        Assert.Equal("c-1", Assert.Single(changes.Conflicts).Id);
        Assert.Equal("n-1", Assert.Single(changes.Notifications).Id);
        Assert.Equal((6L, 1L), (changes.LastEventSequence, changes.LedgerSize));
        Assert.Empty((await reader.LoadChangesAsync(6, CancellationToken.None)).Items);
        Assert.Equal(2, (await reader.LoadChangesAsync(0, CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task Commit_NewVersions_KeepHistoryAndCurrent()
    {
        await using var store = await CreateAsync();
        for (var v = 1; v <= 3; v++)
        {
            var write = new StoreWrite();
            write.Items.Add(Item("op-1", v, state: v == 3 ? "ended" : "active"));
            await store.CommitAsync(write, CancellationToken.None);
        }

        var history = await store.GetItemHistoryAsync("operation", "op-1", CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], history.Select(h => h.Version));
        var current = Assert.Single((await store.LoadAsync(CancellationToken.None)).Items);
        Assert.Equal((3L, "ended"), (current.Version, current.State));
        Assert.Empty(await store.GetItemHistoryAsync("zone", "op-1", CancellationToken.None));
    }

    [Fact]
    public async Task Commit_StaleVersion_IsRefusedAndWritesNothing()
    {
        await using var store = await CreateAsync();
        var first = new StoreWrite();
        first.Items.Add(Item("op-1", 1));
        await store.CommitAsync(first, CancellationToken.None);

        var stale = new StoreWrite();
        stale.Items.Add(Item("op-2", 1));
        stale.Items.Add(Item("op-1", 1));
        stale.Events.Add(Event(1));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(stale, CancellationToken.None));

        var snapshot = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(["op-1"], snapshot.Items.Select(i => i.Id));
        Assert.Equal(0, snapshot.LastEventSequence);
    }

    [Fact]
    public async Task Commit_EventGapOrLedgerGap_IsRefused()
    {
        await using var store = await CreateAsync();
        var gap = new StoreWrite();
        gap.Events.Add(Event(2));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(gap, CancellationToken.None));

        var ledgerGap = new StoreWrite();
        ledgerGap.Ledger.Add(Leaf(1));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(ledgerGap, CancellationToken.None));

        var ok = new StoreWrite();
        ok.Events.Add(Event(1));
        ok.Events.Add(Event(2));
        ok.Ledger.Add(Leaf(0));
        await store.CommitAsync(ok, CancellationToken.None);

        var replay = new StoreWrite();
        replay.Events.Add(Event(2));
        await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(replay, CancellationToken.None));
    }

    [Fact]
    public async Task Commit_ManyBatchesAroundARefusedOne_WritesEveryTableEachTime()
    {
        // The write connection reuses its prepared statements across transactions, including after a rollback.
        var store = await CreateAsync();
        long seq = 0, leaf = 0;
        for (var batch = 0; batch < 4; batch++)
        {
            if (batch == 2)
            {
                var refused = new StoreWrite();
                refused.Items.Add(Item("op-0", 1));
                refused.Events.Add(Event(seq + 1));
                refused.Ledger.Add(Leaf(leaf));
                await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(refused, CancellationToken.None));
            }

            var write = new StoreWrite();
            write.Items.Add(Item("op-0", batch + 1));
            write.Items.Add(Item("op-new-" + batch, 1));
            write.Conflicts.Add(new ConflictRecord("c-" + batch, "open", T0, null, "{}"));
            write.Notifications.Add(new NotificationRecord("n-" + batch, "TR", "pending", T0, null, "{}"));
            write.Events.Add(Event(++seq));
            write.Events.Add(Event(++seq));
            write.Ledger.Add(Leaf(leaf++));
            await store.CommitAsync(write, CancellationToken.None);
        }

        store = await ReopenAsync(store);
        var snapshot = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(["op-0", "op-new-0", "op-new-1", "op-new-2", "op-new-3"], snapshot.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(4, snapshot.Items.Single(i => i.Id == "op-0").Version);
        Assert.Equal([1L, 2, 3, 4], (await store.GetItemHistoryAsync("operation", "op-0", CancellationToken.None)).Select(v => v.Version));
        Assert.Equal(4, snapshot.Conflicts.Count);
        Assert.Equal(4, snapshot.Notifications.Count);
        Assert.Equal(8, snapshot.LastEventSequence);
        Assert.Equal(4, snapshot.LedgerSize);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task ReadEvents_AfterSequence_PagesInOrder()
    {
        await using var store = await CreateAsync();
        var write = new StoreWrite();
        for (var i = 1; i <= 10; i++)
        {
            write.Events.Add(Event(i, i % 2 == 0 ? "conflict" : "item"));
        }

        await store.CommitAsync(write, CancellationToken.None);

        var page = await store.ReadEventsAsync(3, 4, CancellationToken.None);
        Assert.Equal([4L, 5L, 6L, 7L], page.Select(e => e.Sequence));
        Assert.Equal("conflict", page[0].Type);
        Assert.Equal(T0.AddSeconds(4), page[0].Time);
        Assert.Empty(await store.ReadEventsAsync(10, 5, CancellationToken.None));
    }

    [Fact]
    public async Task ReadLedger_FromIndex_ReturnsLeafSaltAndContent()
    {
        await using var store = await CreateAsync();
        var write = new StoreWrite();
        for (var i = 0; i < 5; i++)
        {
            write.Ledger.Add(Leaf(i));
        }

        await store.CommitAsync(write, CancellationToken.None);

        var entries = await store.ReadLedgerAsync(2, 2, CancellationToken.None);
        Assert.Equal([2L, 3L], entries.Select(e => e.Index));
        Assert.Equal(new byte[] { 2, 1, 2 }, entries[0].Leaf);
        Assert.Equal(new byte[] { 3 }, entries[1].Content);
        Assert.Equal("operation/op-3", entries[1].Subject);

        var leaves = await store.ReadLedgerLeavesAsync(1, 3, CancellationToken.None);
        Assert.Equal((await store.ReadLedgerAsync(1, 3, CancellationToken.None)).Select(e => e.Leaf), leaves);
        Assert.Equal(new byte[] { 4, 1, 2 }, Assert.Single(await store.ReadLedgerLeavesAsync(4, 10, CancellationToken.None)));
        Assert.Empty(await store.ReadLedgerLeavesAsync(5, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Commit_TextAndBytes_ComeBackExactly_EmptyLongAndBeyondAscii()
    {
        // Non-ASCII text in several scripts and a surrogate pair, an empty text, a text far longer than any buffer
        // a store keeps for binding, an empty byte array (not NULL) and every byte value.
        var remarks = "Hmeimim — Хмеймим — حميميم — Hatay ✈ \U0001F6E9 ü";
        var longText = string.Concat(Enumerable.Repeat(remarks, 2_000));
        var everyByte = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        await using var store = await CreateAsync();
        var write = new StoreWrite();
        write.Partners.Add(new PartnerRecord("SY", "member", $$"""{"ar":"{{remarks}}"}""", [], everyByte, T0));
        write.Items.Add(new ItemRecord("operation", "op-ü", "SY", 1, "planned", longText, everyByte, T0, 0));
        write.Events.Add(new EventRecord(1, T0, "item", "operation", "op-ü", string.Empty));
        write.Events.Add(new EventRecord(2, T0, "item", "operation", remarks, remarks));
        write.Ledger.Add(new LedgerEntryRecord(0, everyByte, [], Encoding.UTF8.GetBytes(longText), "operation/op-ü"));
        write.Conflicts.Add(new ConflictRecord("c-ü", "open", T0, null, remarks));
        await store.CommitAsync(write, CancellationToken.None);

        var snapshot = await store.LoadAsync(CancellationToken.None);
        var partner = Assert.Single(snapshot.Partners);
        Assert.Equal($$"""{"ar":"{{remarks}}"}""", partner.NamesJson);
        Assert.Equal([], Assert.IsType<byte[]>(partner.PublicKey));
        Assert.Equal(everyByte, partner.TokenHash);
        var item = Assert.Single(snapshot.Items);
        Assert.Equal(("op-ü", longText), (item.Id, item.BodyJson));
        Assert.Equal(everyByte, item.BodyHash);
        Assert.Equal(remarks, Assert.Single(snapshot.Conflicts).BodyJson);
        var events = await store.ReadEventsAsync(0, 10, CancellationToken.None);
        Assert.Equal([string.Empty, remarks], events.Select(e => e.PayloadJson));
        Assert.Equal(remarks, events[1].SubjectId);
        var leaf = Assert.Single(await store.ReadLedgerAsync(0, 10, CancellationToken.None));
        Assert.Equal(everyByte, leaf.Leaf);
        Assert.Equal([], leaf.Salt);
        Assert.Equal(longText, Encoding.UTF8.GetString(leaf.Content));
    }

    [Fact]
    public async Task Commit_ReplacesConflictsNotificationsAgreementsById()
    {
        await using var store = await CreateAsync();
        var first = new StoreWrite();
        first.Conflicts.Add(new ConflictRecord("c-1", "open", T0, null, "{}"));
        first.Notifications.Add(new NotificationRecord("n-1", "TR", "pending", T0, T0.AddMinutes(2), "{}"));
        first.Agreements.Add(new AgreementRecord("RU", "FR", "operation", "none"));
        await store.CommitAsync(first, CancellationToken.None);

        var second = new StoreWrite();
        second.Conflicts.Add(new ConflictRecord("c-1", "closed", T0, T0.AddHours(1), """{"x":1}"""));
        second.Notifications.Add(new NotificationRecord("n-1", "TR", "acknowledged", T0, T0.AddMinutes(2), "{}"));
        second.Agreements.Add(new AgreementRecord("RU", "FR", "operation", "envelope"));
        await store.CommitAsync(second, CancellationToken.None);

        var snapshot = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(("closed", T0.AddHours(1)), (Assert.Single(snapshot.Conflicts).State, snapshot.Conflicts[0].ClosedAt));
        Assert.Equal("acknowledged", Assert.Single(snapshot.Notifications).State);
        Assert.Equal("envelope", Assert.Single(snapshot.Agreements).Level);
    }

    [Fact]
    public async Task Commit_AnIdTwiceInOneWrite_TheLaterWins_InLoadsChangeReadsAndAfterReopening()
    {
        var store = await CreateAsync();
        try
        {
            var first = new StoreWrite();
            first.Conflicts.Add(new ConflictRecord("c-1", "open", T0, null, "{}"));
            first.Notifications.Add(new NotificationRecord("n-1", "TR", "pending", T0, T0.AddMinutes(2), "{}"));
            first.Events.Add(new EventRecord(1, T0, "conflict", "conflict", "c-1", "{}"));
            await store.CommitAsync(first, CancellationToken.None);

            var second = new StoreWrite();
            second.Notifications.Add(new NotificationRecord("n-1", "TR", "escalated", T0, T0.AddMinutes(2), """{"v":2}"""));
            second.Conflicts.Add(new ConflictRecord("c-2", "open", T0.AddSeconds(1), null, "{}"));
            second.Notifications.Add(new NotificationRecord("n-1", "TR", "acknowledged", T0, T0.AddMinutes(2), """{"v":3}"""));
            second.Conflicts.Add(new ConflictRecord("c-1", "closed", T0, T0.AddHours(1), """{"v":2}"""));
            second.Events.Add(new EventRecord(2, T0, "notification", "notification", "n-1", "{}"));
            second.Events.Add(new EventRecord(3, T0, "conflict", "conflict", "c-1", "{}"));
            await store.CommitAsync(second, CancellationToken.None);

            for (var pass = 0; pass < 2; pass++)
            {
                var snapshot = await store.LoadAsync(CancellationToken.None);
                Assert.Equal(
                    [("c-1", "closed", """{"v":2}"""), ("c-2", "open", "{}")],
                    snapshot.Conflicts.Select(c => (c.Id, c.State, c.BodyJson)));
                var n = Assert.Single(snapshot.Notifications);
                Assert.Equal(("acknowledged", """{"v":3}"""), (n.State, n.BodyJson));
                store = await ReopenAsync(store);
            }

            if (store is IStoreChangeReader reader)
            {
                var changes = await reader.LoadChangesAsync(1, CancellationToken.None);
                Assert.Equal(("c-1", "closed"), (Assert.Single(changes.Conflicts).Id, changes.Conflicts[0].State));
                Assert.Equal("acknowledged", Assert.Single(changes.Notifications).State);
            }
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task TrackPoints_AppendedInBatches_ReadBackNewestLimitOldestFirst()
    {
        await using var store = await CreateAsync();
        var points = Enumerable.Range(0, 10).Select(i => new TrackPointRecord("su24-1", "RU", T0.AddSeconds(i), 35.8 + i * 0.001, 36.0, 5800, 180, 220, 0)).ToList();
        await store.AppendTrackPointsAsync(points[..6], CancellationToken.None);
        await store.AppendTrackPointsAsync(points[4..], CancellationToken.None);

        var read = await store.ReadTrackPointsAsync("su24-1", "RU", 3, CancellationToken.None);
        Assert.Equal([T0.AddSeconds(7), T0.AddSeconds(8), T0.AddSeconds(9)], read.Select(p => p.Time));
        Assert.Equal(10, (await store.ReadTrackPointsAsync("su24-1", "RU", 100, CancellationToken.None)).Count);
        Assert.Equal(35.809, read[2].Lat, 9);
        Assert.Empty(await store.ReadTrackPointsAsync("other", "RU", 5, CancellationToken.None));
    }

    [Fact]
    public async Task TrackPoints_OfOneIdReportedByTwoOwners_ReadBackOnlyTheAskedOwners()
    {
        // One id, two owners (RU before a restart, US after it; or each on its own instance): a read for one owner
        // never returns the other's positions, even when they are newer and the limit would reach them.
        await using var store = await CreateAsync();
        await store.AppendTrackPointsAsync([.. Enumerable.Range(0, 5).Select(i => new TrackPointRecord("uid-7", "RU", T0.AddSeconds(i), 35.8, 36.0, 5800, 180, 220, 0))], CancellationToken.None);
        await store.AppendTrackPointsAsync([.. Enumerable.Range(10, 3).Select(i => new TrackPointRecord("uid-7", "US", T0.AddSeconds(i), 37.1, 38.0, 9000, 90, 240, 0))], CancellationToken.None);

        var us = await store.ReadTrackPointsAsync("uid-7", "US", 100, CancellationToken.None);
        Assert.Equal([T0.AddSeconds(10), T0.AddSeconds(11), T0.AddSeconds(12)], us.Select(p => p.Time));
        Assert.All(us, p => Assert.Equal(("US", 37.1), (p.Owner, p.Lat)));
        var ru = await store.ReadTrackPointsAsync("uid-7", "RU", 2, CancellationToken.None);
        Assert.Equal([T0.AddSeconds(3), T0.AddSeconds(4)], ru.Select(p => p.Time));
        Assert.All(ru, p => Assert.Equal("RU", p.Owner));
        Assert.Empty(await store.ReadTrackPointsAsync("uid-7", "TR", 100, CancellationToken.None));
    }

    [Fact]
    public async Task Commit_ConcurrentWriters_AreSerializedWithoutLoss()
    {
        await using var store = await CreateAsync();
        var tasks = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var write = new StoreWrite();
                write.Items.Add(Item($"op-{w}-{i}", 1));
                await store.CommitAsync(write, CancellationToken.None);
            }
        }));
        await Task.WhenAll(tasks);

        Assert.Equal(200, (await store.LoadAsync(CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task Webhooks_PutListGetDelete_RoundTripAndSurviveReopen()
    {
        var store = await CreateAsync();
        var webhooks = (IWebhookStore)store;
        var stored = await webhooks.PutWebhookAsync(new WebhookRecord("RU", "https://ru.example/hook", T0, 7), CancellationToken.None);
        await webhooks.PutWebhookAsync(new WebhookRecord("FR", "https://fr.example/hook", T0.AddSeconds(1), 0), CancellationToken.None);
        Assert.Equal(new WebhookRecord("RU", "https://ru.example/hook", T0, 7), stored);

        store = await ReopenAsync(store);
        webhooks = (IWebhookStore)store;
        Assert.Equal(["FR", "RU"], (await webhooks.ListWebhooksAsync(CancellationToken.None)).Select(w => w.Partner));
        Assert.Equal(new WebhookRecord("FR", "https://fr.example/hook", T0.AddSeconds(1), 0), await webhooks.GetWebhookAsync("FR", CancellationToken.None));

        Assert.True(await webhooks.DeleteWebhookAsync("FR", CancellationToken.None));
        Assert.False(await webhooks.DeleteWebhookAsync("FR", CancellationToken.None));
        Assert.Null(await webhooks.GetWebhookAsync("FR", CancellationToken.None));
        Assert.Equal("RU", Assert.Single(await webhooks.ListWebhooksAsync(CancellationToken.None)).Partner);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Webhooks_ReplaceUrl_KeepsCursorAndCreation()
    {
        await using var store = await CreateAsync();
        var webhooks = (IWebhookStore)store;
        await webhooks.PutWebhookAsync(new WebhookRecord("RU", "https://ru.example/a", T0, 3), CancellationToken.None);
        await webhooks.AdvanceWebhookCursorAsync("RU", 9, CancellationToken.None);

        var replaced = await webhooks.PutWebhookAsync(new WebhookRecord("RU", "https://ru.example/b", T0.AddHours(1), 100), CancellationToken.None);

        Assert.Equal(new WebhookRecord("RU", "https://ru.example/b", T0, 9), replaced);
        Assert.Equal(replaced, await webhooks.GetWebhookAsync("RU", CancellationToken.None));
    }

    [Fact]
    public async Task Webhooks_AdvanceCursor_OnlyMovesForwardAndSurvivesReopen()
    {
        var store = await CreateAsync();
        var webhooks = (IWebhookStore)store;
        await webhooks.PutWebhookAsync(new WebhookRecord("RU", "https://ru.example/hook", T0, 5), CancellationToken.None);

        Assert.True(await webhooks.AdvanceWebhookCursorAsync("RU", 12, CancellationToken.None));
        Assert.False(await webhooks.AdvanceWebhookCursorAsync("RU", 12, CancellationToken.None));
        Assert.False(await webhooks.AdvanceWebhookCursorAsync("RU", 4, CancellationToken.None));
        Assert.False(await webhooks.AdvanceWebhookCursorAsync("TR", 50, CancellationToken.None));

        store = await ReopenAsync(store);
        webhooks = (IWebhookStore)store;
        Assert.Equal(12, (await webhooks.GetWebhookAsync("RU", CancellationToken.None))!.Cursor);
        Assert.Null(await webhooks.GetWebhookAsync("TR", CancellationToken.None));
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Webhooks_ConcurrentAdvances_EndAtTheHighest()
    {
        await using var store = await CreateAsync();
        var webhooks = (IWebhookStore)store;
        await webhooks.PutWebhookAsync(new WebhookRecord("RU", "https://ru.example/hook", T0, 0), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(1, 40).Reverse().Select(i => Task.Run(() => webhooks.AdvanceWebhookCursorAsync("RU", i, CancellationToken.None))));

        Assert.Equal(40, (await webhooks.GetWebhookAsync("RU", CancellationToken.None))!.Cursor);
    }
}
