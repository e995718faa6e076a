using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Hub;
using Tahaluf.Hub.Storage;
using Tahaluf.Storage.Sqlite;

namespace Tahaluf.Server.Tests.Hub;

/// <summary>
/// The writer of a one-instance store prepares the next batch while the store commits the previous one. Callers and
/// readers must not notice: a batch is visible and answered only once durable, in order, and a batch the store
/// refuses takes with it the batch prepared on top of it, leaving no trace in the state, the engine or the store.
/// </summary>
public sealed class PipelinedCommitTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tahaluf-pipeline-").FullName;
    private readonly FakeTimeProvider _clock = new(TestHub.Start);
    private HoldingStore _store = null!;
    private HubService _hub = null!;

    private static readonly string Area = TestHub.Square(36.6, 36.2);
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(3);

    public async Task InitializeAsync()
    {
        _store = new HoldingStore(new SqliteHubStore(Path.Combine(_dir, "tahaluf.db")));
        // A gathering window far longer than any commit here: whether the writer waited is beyond doubt.
        _hub = await HubService.StartAsync(_store, new HubOptions { CommitGather = Gather }, _clock, null, CancellationToken.None);
        foreach (var id in new[] { "AA", "BB" })
        {
            var added = await _hub.AddPartnerAsync(new Partner(id, ImmutableDictionary<string, string>.Empty.Add("en", id), PartnerRole.Member, []), "token-" + id);
            Assert.True(added.Success, added.Error?.Message);
        }
    }

    public async Task DisposeAsync()
    {
        _store.Release(refuse: false); // a test that failed while a commit was held must not hang the hub's stop
        await _hub.DisposeAsync();
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ABatchPreparedWhileTheStoreCommits_IsAnsweredAndVisibleOnlyAfterTheCommitBeforeIt()
    {
        var first = await HoldCommitOfAsync("a1", "AA");
        Assert.Null(_hub.Snapshot.Item(ItemKind.Operation, "a1"));

        var second = await PreparedOnTopAsync("b1", "BB");
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.Null(_hub.Snapshot.Item(ItemKind.Operation, "b1"));

        _store.Release(refuse: false);
        Assert.True((await first).Success);
        Assert.True((await second).Success);

        // b1 ran on a1's state before a1 was durable: its conflict with a1 was found then, and is stored.
        var conflict = Assert.Single(_hub.Snapshot.Conflicts.Values);
        Assert.Equal(["AA", "BB"], new[] { conflict.A.Owner, conflict.B.Owner }.Order());
        Assert.Equal(2, _hub.Snapshot.Notifications.Count);
        await AssertStoreHoldsAsync(["a1", "b1"], conflicts: 1);
    }

    [Fact]
    public async Task ARefusedCommit_FailsItsCallersAndTheBatchBuiltOnIt_LeavingNoTrace_AndTheHubGoesOn()
    {
        var first = await HoldCommitOfAsync("a1", "AA");
        var second = await PreparedOnTopAsync("b1", "BB");

        _store.Release(refuse: true);
        await Assert.ThrowsAsync<HubUnavailableException>(() => first);
        await Assert.ThrowsAsync<HubUnavailableException>(() => second);
        Assert.Null(_hub.Snapshot.Item(ItemKind.Operation, "a1"));
        Assert.Null(_hub.Snapshot.Item(ItemKind.Operation, "b1"));
        Assert.Empty(_hub.Snapshot.Conflicts);
        Assert.Empty(_hub.Snapshot.Notifications);

        // The engine forgot both: b1 declared again meets no a1 ...
        Assert.True((await Declare("b1", "BB")).Success);
        Assert.Empty(_hub.Snapshot.Conflicts);

        // ... and a1 declared again meets b1 once, as a fresh pair (its first episode).
        Assert.True((await Declare("a1", "AA")).Success);
        var conflict = Assert.Single(_hub.Snapshot.Conflicts.Values);
        Assert.True(conflict.IsOpen);
        Assert.Equal(2, _hub.Snapshot.Notifications.Count);
        await AssertStoreHoldsAsync(["a1", "b1"], conflicts: 1);
        Assert.Equal(_hub.Snapshot.LastSequence, (await _store.LoadAsync(CancellationToken.None)).LastEventSequence);
    }

    [Fact]
    public async Task GroupCommit_RequestsComingWhileOthersCommit_GoOutTogether_ALoneCallerNeverWaits()
    {
        // A lone caller: every batch holds one request, so the writer never waits for company. (One declaration first,
        // unmeasured: the first declaration of a process compiles the whole path; four lone ones once took 1.2 s on CI.)
        Assert.True((await Declare("z0", "AA")).Success);
        var lone = System.Diagnostics.Stopwatch.StartNew();
        foreach (var id in new[] { "z1", "z2", "z3", "z4" })
        {
            Assert.True((await Declare(id, "AA")).Success);
        }

        Assert.True(lone.Elapsed < Gather, $"four lone declarations took {lone.Elapsed.TotalMilliseconds:F0} ms");

        // A batch of two: x1 is prepared while h commits (held), x2 and x3 queue behind it and go out together.
        var held = await HoldCommitOfAsync("h", "AA");
        var x1 = await PreparedOnTopAsync("x1", "BB");
        var pair = new[] { Declare("x2", "BB"), Declare("x3", "BB") }; // queued on return: PutItemAsync enqueues synchronously
        _store.Release(refuse: false);
        foreach (var put in new[] { held, x1 }.Concat(pair))
        {
            Assert.True((await put).Success);
        }

        // Requests keep coming, so the writer gathers: three declarations sent one after another, while the last
        // commit is well inside its window, go out in one commit.
        var spaced = new List<Task<Tahaluf.Hub.Errors.HubResult<Tahaluf.Hub.Writing.PutOutcome>>>();
        foreach (var id in new[] { "y1", "y2", "y3" })
        {
            spaced.Add(Declare(id, "AA"));
            await Task.Delay(20);
        }

        foreach (var put in spaced)
        {
            Assert.True((await put).Success);
        }

        Assert.Equal(["x2", "x3"], _store.Commits.Single(c => c.Contains("x2")));
        Assert.Equal(["y1", "y2", "y3"], _store.Commits.Single(c => c.Contains("y1")));
        Assert.Equal(["z1"], _store.Commits.Single(c => c.Contains("z1")));
    }

    [Fact]
    public async Task GroupCommit_ABacklogEndsTheWait_GatherUpToQueuedRequestsGoOutAtOnce()
    {
        // A batch of two (x2, x3) leaves the writer gathering for the next one.
        var held = await HoldCommitOfAsync("h", "AA");
        var x1 = await PreparedOnTopAsync("x1", "BB");
        var pair = new[] { Declare("x2", "BB"), Declare("x3", "BB") };
        _store.Release(refuse: false);
        foreach (var put in new[] { held, x1 }.Concat(pair))
        {
            Assert.True((await put).Success);
        }

        // One request short of GatherUpTo arrives: the writer waits for company. The last one wakes it: it stops
        // waiting when GatherUpTo requests are queued, not when the window ends, and they go out in one commit.
        var options = new HubOptions();
        var ids = Enumerable.Range(1, options.GatherUpTo).Select(i => "g" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var sent = System.Diagnostics.Stopwatch.StartNew();
        var backlog = ids.SkipLast(1).Select(id => Declare(id, "AA")).ToList();
        await Task.Delay(100);
        Assert.All(backlog, put => Assert.False(put.IsCompleted));
        backlog.Add(Declare(ids[^1], "AA"));
        foreach (var put in backlog)
        {
            Assert.True((await put).Success);
        }

        Assert.True(sent.Elapsed < Gather / 2, $"{ids.Length} queued declarations took {sent.Elapsed.TotalMilliseconds:F0} ms: the writer waited out its window");
        Assert.Equal(ids, _store.Commits.Single(c => c.Contains("g1")));
    }

    private Task<Tahaluf.Hub.Errors.HubResult<Tahaluf.Hub.Writing.PutOutcome>> Declare(string id, string owner)
    {
        using var body = JsonDocument.Parse(TestHub.Operation(Area));
        return _hub.PutItemAsync(owner, ItemKind.Operation, id, body.RootElement.Clone(), null, default);
    }

    // Declares id and waits until its commit is inside the store, held there.
    private async Task<Task<Tahaluf.Hub.Errors.HubResult<Tahaluf.Hub.Writing.PutOutcome>>> HoldCommitOfAsync(string id, string owner)
    {
        _store.HoldItem = id;
        var put = Declare(id, owner);
        await _store.Held.WaitAsync(TimeSpan.FromSeconds(30));
        return put;
    }

    // Declares id and waits until the writer has run it on the state of the batch being committed.
    private async Task<Task<Tahaluf.Hub.Errors.HubResult<Tahaluf.Hub.Writing.PutOutcome>>> PreparedOnTopAsync(string id, string owner)
    {
        var before = _hub.PreparedBatches;
        var put = Declare(id, owner);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_hub.PreparedBatches == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer did not prepare the next batch while the store was committing");
            await Task.Delay(5);
        }

        return put;
    }

    private async Task AssertStoreHoldsAsync(string[] items, int conflicts)
    {
        var stored = await _store.LoadAsync(CancellationToken.None);
        Assert.Equal(items, stored.Items.Select(i => i.Id).Order().ToArray());
        Assert.Equal(conflicts, stored.Conflicts.Count);
    }

    /// <summary>A SQLite store whose commit of one item can be held, then let through or refused (a full disk).</summary>
    private sealed class HoldingStore(SqliteHubStore inner) : IHubStore
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? HoldItem { get; set; }

        public Task Held => _held.Task;

        // The items of every commit that carried some, in commit order.
        public List<string[]> Commits { get; } = [];

        public void Release(bool refuse) => _release.TrySetResult(refuse);

        public async Task CommitAsync(StoreWrite write, CancellationToken cancellationToken)
        {
            if (HoldItem is { } id && write.Items.Any(i => i.Id == id))
            {
                HoldItem = null;
                _held.SetResult();
                if (await _release.Task)
                {
                    throw new IOException("No space left on device");
                }
            }

            await inner.CommitAsync(write, cancellationToken);
            if (write.Items.Count > 0)
            {
                lock (Commits)
                {
                    Commits.Add([.. write.Items.Select(i => i.Id)]);
                }
            }
        }

        public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

        public Task<StoreSnapshot> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

        public Task<IReadOnlyList<ItemRecord>> GetItemHistoryAsync(string kind, string id, CancellationToken cancellationToken) => inner.GetItemHistoryAsync(kind, id, cancellationToken);

        public Task<IReadOnlyList<EventRecord>> ReadEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken) => inner.ReadEventsAsync(afterSequence, limit, cancellationToken);

        public Task AppendTrackPointsAsync(IReadOnlyList<TrackPointRecord> points, CancellationToken cancellationToken) => inner.AppendTrackPointsAsync(points, cancellationToken);

        public Task<IReadOnlyList<TrackPointRecord>> ReadTrackPointsAsync(string trackId, string owner, int limit, CancellationToken cancellationToken) => inner.ReadTrackPointsAsync(trackId, owner, limit, cancellationToken);

        public Task<IReadOnlyList<LedgerEntryRecord>> ReadLedgerAsync(long fromIndex, int limit, CancellationToken cancellationToken) => inner.ReadLedgerAsync(fromIndex, limit, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
