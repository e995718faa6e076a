using System.Collections.Immutable;
using System.Text.Json;
using System.Threading.Channels;
using Tahaluf.Domain;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;
using Tahaluf.Hub.Engine;
using Tahaluf.Hub.Feed;
using Tahaluf.Hub.Ledger;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.State;
using Tahaluf.Hub.Storage;
using Tahaluf.Hub.Writing;

namespace Tahaluf.Hub;

/// <summary>
/// The hub: the write path (validate → authorize → one durable transaction → engine → notifications) and
/// the read paths, every one of which projects through the release policy. One writer task serializes all
/// changes and commits them in groups; readers use the last published <see cref="HubSnapshot"/> without
/// locks. All public members are thread-safe.
/// </summary>
public sealed partial class HubService : IAsyncDisposable
{
    private readonly IHubStore _store;
    private readonly TimeProvider _time;
    private readonly Channel<WriteRequest> _requests = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConflictEngine _engine;
    private readonly Dictionary<string, int> _pairEpisodes = new(StringComparer.Ordinal);
    private readonly Dictionary<ItemRef, HashSet<string>> _openByItem = [];

    // The open predicted conflicts (ids): the prediction cycle closes those it no longer finds, each second,
    // without walking every open declared conflict.
    private readonly HashSet<string> _openPredicted = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _deadlines = new();
    private readonly HashSet<ItemRef> _engineRefs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ISharedHubStore? _shared;
    private HubSnapshot _snapshot = HubSnapshot.Empty;
    private Task _writer = Task.CompletedTask;
    private Task _leadership = Task.CompletedTask;
    private ITimer? _deadlineTimer;
    private IAsyncDisposable? _subscription;
    private ILeadershipLease? _lease;
    private long _committedElsewhere;
    private long _catchUps;
    private bool _mustCatchUp;
    private bool _mustFullyReload;

    // While a batch runs: how to put the writer's own state (engine, open conflicts, episodes) back as it was
    // at the last commit, should the store refuse the batch. Null outside a batch.
    private List<Action>? _undo;

    // A store of one instance commits in a pipeline: the writer prepares the next batch (processor work) while the
    // store commits the previous one (mostly waiting for the disk to sync). _head is the state the next batch runs
    // on: that of the last batch handed to the store, committed or not (null: Snapshot). Writer-owned.
    private HubSnapshot? _head;
    private PendingCommit? _committing;
    private long _batchTaken;
    private int _queued;
    private TaskCompletionSource? _gatherWake;

    private sealed record PendingCommit(Task<bool> Committed, List<Action> Undo);

    private long _prepared;

    /// <summary>Batches the pipelined writer has run and prepared for the store (tests: the next batch is waiting on the commit).</summary>
    internal long PreparedBatches => Interlocked.Read(ref _prepared);

    private HubService(IHubStore store, HubOptions options, TimeProvider time, HubLedger ledger)
    {
        _store = store;
        _shared = store as ISharedHubStore;
        Ledger = ledger;
        Options = options;
        _time = time;
        _engine = new ConflictEngine(options.Minima);
        Feed = new FeedBroker(store);
    }

    /// <summary>The hub's settings.</summary>
    public HubOptions Options { get; }

    /// <summary>The Merkle log of every accepted declaration version, notification and acknowledgement.</summary>
    public HubLedger Ledger { get; }

    /// <summary>The live event stream.</summary>
    public FeedBroker Feed { get; }

    /// <summary>The last committed state.</summary>
    public HubSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Writer statistics (batches, requests, time spent), for load tests and metrics.</summary>
    public WriterStats Stats { get; } = new();

    /// <summary>The hub's clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>
    /// Whether this instance leads the engine's clock-driven work (deadlines, track prediction, reconciling
    /// after a crash). Always true on a store of one instance; on a shared store one instance at a time.
    /// </summary>
    public bool IsLeader => _shared is null || Volatile.Read(ref _lease) is { Lost.IsCancellationRequested: false };

    /// <summary>What is wrong with the store's background housekeeping (see <see cref="IStoreMaintenance"/>), or null.</summary>
    public string? StoreMaintenanceProblem => (_store as IStoreMaintenance)?.MaintenanceProblem;

    /// <summary>How many times this instance reloaded its state because another instance committed (shared store only).</summary>
    public long CatchUps => Interlocked.Read(ref _catchUps);

    /// <summary>
    /// Opens the store, rebuilds the state and the engine from it, re-detects conflicts that a crash
    /// may have left unrecorded, and starts the writer and the deadline timer.
    /// </summary>
    /// <param name="store">The durable store (owned by the caller).</param>
    /// <param name="options">Settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="ledger">The Merkle log (owned by the hub from now on), or null for an in-memory one with a fresh key.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running hub.</returns>
    public static async Task<HubService> StartAsync(IHubStore store, HubOptions options, TimeProvider time, HubLedger? ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var hub = new HubService(store, options, time, ledger ?? HubLedger.InMemory(options.LedgerOrigin));
        if (hub._shared is { } shared)
        {
            // Listen before loading, so a commit by another instance between the load and now is not missed.
            hub._subscription = await shared.SubscribeAsync(hub.OnCommitted, cancellationToken).ConfigureAwait(false);
        }

        await hub.LoadAsync(cancellationToken).ConfigureAwait(false);
        hub._writer = Task.Run(hub.WriteLoopAsync, CancellationToken.None);
        if (hub._shared is null)
        {
            await hub.EnqueueAsync<bool>(ctx =>
            {
                hub.Reconcile(ctx);
                return true;
            }).ConfigureAwait(false);
        }
        else
        {
            hub._leadership = Task.Run(hub.LeadAsync, CancellationToken.None);
        }

        hub._deadlineTimer = time.CreateTimer(_ => hub.RequestDeadlineCheck(), null, options.DeadlineCheckInterval, options.DeadlineCheckInterval);
        hub.StartTrackTimer();
        return hub;
    }

    /// <summary>Checks deadlines now (the timer does this every <see cref="HubOptions.DeadlineCheckInterval"/>).</summary>
    /// <returns>The number of notifications escalated.</returns>
    public Task<int> CheckDeadlinesAsync() => EnqueueAsync(EscalateDue);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_deadlineTimer is not null)
        {
            await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_trackTimer is not null)
        {
            await _trackTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_shareTimer is not null)
        {
            await _shareTimer.DisposeAsync().ConfigureAwait(false);
        }

        _requests.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        // Requests queued after the writer's last batch (a leadership take-over, a timer) fail rather than wait forever.
        while (_requests.Reader.TryRead(out var left))
        {
            left.Fail(new ObjectDisposedException(nameof(HubService), "The hub stopped before the request was committed."));
        }

        await _leadership.ConfigureAwait(false);
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }

        // A track-sharing cycle in flight uses the store, which the caller disposes after the hub.
        await _shareGate.WaitAsync().ConfigureAwait(false);
        Feed.Dispose();
        Ledger.Dispose();
        Stats.Dispose();
        _stop.Dispose();
    }

    internal Task<T> EnqueueAsync<T>(Func<WriteContext, T> run)
    {
        var request = new WriteRequest<T>(run);
        if (!Post(request))
        {
            throw new ObjectDisposedException(nameof(HubService));
        }

        return request.Task;
    }

    // Every request reaches the writer through here: the count of queued requests ends a group-commit wait early.
    private bool Post(WriteRequest request)
    {
        Interlocked.Increment(ref _queued);
        if (!_requests.Writer.TryWrite(request))
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        if (Volatile.Read(ref _queued) >= Options.GatherUpTo)
        {
            Volatile.Read(ref _gatherWake)?.TrySetResult();
        }

        return true;
    }

    private void RequestDeadlineCheck()
    {
        Post(new WriteRequest<int>(EscalateDue));
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await WriteBatchesAsync().ConfigureAwait(false);
        }
        finally
        {
            // A batch handed to the store finishes (its callers get their answers) before the writer stops.
            if (_committing is { } pending)
            {
                _committing = null;
                await pending.Committed.ConfigureAwait(false);
            }
        }
    }

    private async Task WriteBatchesAsync()
    {
        var reader = _requests.Reader;
        var batch = new List<WriteRequest>(Options.MaxBatch);
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            if (_shared is null && batch.Count > 1 && batch.Count < Options.GatherUpTo)
            {
                await GatherAsync().ConfigureAwait(false);
            }

            batch.Clear();
            while (batch.Count < Options.MaxBatch && reader.TryRead(out var request))
            {
                Interlocked.Decrement(ref _queued);
                batch.Add(request);
            }

            _batchTaken = System.Diagnostics.Stopwatch.GetTimestamp();

            try
            {
                await (_shared is null ? ProcessBatchPipelinedAsync(batch) : ProcessBatchAsync(batch)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Stopping in the middle of a batch (e.g. waiting for the write turn): nothing of it was committed.
                FailAll(batch, new ObjectDisposedException(nameof(HubService), "The hub stopped before the request was committed."));
                throw;
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                // A bug must not stop the only writer: fail this batch, rebuild the state from the store, go on.
                Feed.ReportError(e);
                _undo = null;
                FailAll(batch, new HubUnavailableException("The hub could not complete the request; nothing was accepted."));
                _mustFullyReload = true;
            }
        }
    }

    // Group commit: the last batch held several requests, so more are coming; let them gather until CommitGather
    // after the last batch was taken. The wait overlaps that batch's run and commit, so it only idles the writer when
    // both took less than the window. Timed by the machine's clock, not the hub's TimeProvider: this is about the
    // disk, not about deadlines.
    private async Task GatherAsync()
    {
        var left = Options.CommitGather - System.Diagnostics.Stopwatch.GetElapsedTime(_batchTaken);
        if (left < MinGather || Volatile.Read(ref _queued) >= Options.GatherUpTo)
        {
            return;
        }

        // Woken early once GatherUpTo requests are queued. Post counts its request before it looks for a wake, the
        // writer publishes the wake before it counts again, both with full fences: one of the two sees the other.
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _gatherWake, wake);
        try
        {
            if (Volatile.Read(ref _queued) < Options.GatherUpTo)
            {
                await Task.WhenAny(wake.Task, Task.Delay(left, _stop.Token)).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _gatherWake, null);
        }
    }

    // Shorter waits than this are not worth a timer (whose resolution is about a millisecond).
    private static readonly TimeSpan MinGather = TimeSpan.FromMilliseconds(0.25);

    // One batch on a store of one instance: run it on the last prepared state, then wait for the previous batch's
    // commit (this one builds on it), then hand it to the store and return to take the next batch while it commits.
    // Callers get their answers only once their batch is durable; readers see a batch only once it is committed.
    private async Task ProcessBatchPipelinedAsync(List<WriteRequest> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (Volatile.Read(ref _mustFullyReload))
        {
            // Reading the store back needs every batch handed to it committed (or refused) first.
            await SettleCommitAsync(null).ConfigureAwait(false);
            _head = null;
            var full = Interlocked.Exchange(ref _mustFullyReload, false);
            if (!await TryCatchUpAsync(full).ConfigureAwait(false))
            {
                _mustFullyReload |= full;
                FailAll(batch, new HubUnavailableException("The hub could not read the store; nothing was accepted."));
                return;
            }
        }
        else if (_committing is { Committed.IsCompleted: true })
        {
            await SettleCommitAsync(null).ConfigureAwait(false);
        }

        _undo = [];
        var (context, ran) = RunBatch(batch);
        var ranAt = System.Diagnostics.Stopwatch.GetTimestamp();
        UpdateEngineAndDetect(context);
        var detectedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var undo = _undo;
        _undo = null;
        var state = context.Build();
        Interlocked.Increment(ref _prepared);

        // Deadlines are the writer's: queued now, in order. Should the store refuse the batch, the escalation check
        // skips them (it looks each notification up in the state it runs on).
        QueueDeadlines(context);

        if (!await SettleCommitAsync(undo).ConfigureAwait(false))
        {
            FailAll(ran, new HubUnavailableException("The store refused the commit this request built on; nothing was accepted."));
            return;
        }

        _head = state;
        var phases = (ranAt - started, detectedAt - ranAt);
        _committing = new PendingCommit(Task.Run(() => CommitAndPublishAsync(context, state, ran, batch.Count, phases)), undo);
    }

    // Waits for the batch the store is committing. When the store refused it, puts the writer's own state back as it
    // was at the last commit: first undoing the batch prepared on top of it (later), then the refused one.
    private async Task<bool> SettleCommitAsync(List<Action>? later)
    {
        if (_committing is not { } pending)
        {
            return true;
        }

        _committing = null;
        if (await pending.Committed.ConfigureAwait(false))
        {
            return true;
        }

        if (later is not null)
        {
            Undo(later);
        }

        Undo(pending.Undo);
        _head = null;
        return false;
    }

    // Runs off the writer: commits one prepared batch, publishes it (ledger, snapshot, feed) and answers its callers.
    // Never throws: a refused commit fails the batch's callers and returns false for the writer to undo its state.
    private async Task<bool> CommitAndPublishAsync(WriteContext context, HubSnapshot state, List<WriteRequest> ran, int count, (long Run, long Detect) phases)
    {
        var committing = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await CommitAsync(context).ConfigureAwait(false);
        if (outcome != CommitOutcome.Committed)
        {
            FailAll(ran, new HubUnavailableException("The store refused the commit; nothing was accepted."));
            return false;
        }

        var committedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            Publish(context, state);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The batch is durable; what readers see is rebuilt from the store before the next batch.
            Feed.ReportError(e);
            Volatile.Write(ref _mustFullyReload, true);
        }

        Stats.RecordPhases(phases.Run, phases.Detect, committedAt - committing, System.Diagnostics.Stopwatch.GetTimestamp() - committedAt);
        foreach (var r in ran)
        {
            r.Complete();
        }

        // Busy time: the writer's own part and the commit's; the two overlap with the neighbouring batches' parts.
        Stats.Record(count, System.Diagnostics.Stopwatch.GetElapsedTime(committing) + TimeSpan.FromSeconds((double)(phases.Run + phases.Detect) / System.Diagnostics.Stopwatch.Frequency));
        return true;
    }

    private void UpdateEngineAndDetect(WriteContext context)
    {
        // Conflicts the batch causes go into the same transaction as the writes themselves:
        // a declaration and the notifications it causes are durable together or not at all.
        var changed = context.ChangedItems.Distinct().ToList();
        foreach (var item in changed)
        {
            var before = context.Basis.Items.GetValueOrDefault((item.Kind, item.Id));
            _undo!.Add(() => UpdateEngine(item, before));
            UpdateEngine(item, context.Items.GetValueOrDefault((item.Kind, item.Id)));
        }

        foreach (var item in changed)
        {
            DetectConflicts(context, item);
        }
    }

    private async Task ProcessBatchAsync(List<WriteRequest> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // Instances take turns to write, so the batch runs on the latest state and commits without a race.
        await using var turn = await TakeWriteTurnAsync().ConfigureAwait(false);
        if (turn is not null)
        {
            _mustCatchUp = true;
        }

        for (var attempt = 1; ; attempt++)
        {
            if (Volatile.Read(ref _mustFullyReload) || (_shared is not null && (_mustCatchUp || Volatile.Read(ref _committedElsewhere) > Snapshot.LastSequence)))
            {
                var full = Interlocked.Exchange(ref _mustFullyReload, false);
                if (!await TryCatchUpAsync(full).ConfigureAwait(false))
                {
                    _mustFullyReload |= full;
                    FailAll(batch, new HubUnavailableException("The hub could not read the store; nothing was accepted."));
                    break;
                }
            }

            _undo = [];
            var (context, ran) = RunBatch(batch);
            var ranAt = System.Diagnostics.Stopwatch.GetTimestamp();
            UpdateEngineAndDetect(context);
            var detectedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = await CommitAsync(context).ConfigureAwait(false);
            if (outcome != CommitOutcome.Committed)
            {
                // Nothing was stored: put the writer's own state back as it was at the last commit.
                Undo();
            }

            if (outcome == CommitOutcome.Moved && attempt < MaxCommitAttempts)
            {
                // Another instance committed first: load what it wrote and run the batch again on top of it.
                _mustCatchUp = true;
                continue;
            }

            if (outcome != CommitOutcome.Committed)
            {
                _mustCatchUp = _shared is not null;
                FailAll(ran, new HubUnavailableException("The store refused the commit; nothing was accepted."));
                break;
            }

            var committedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            _undo = null;
            AfterCommit(context);
            Stats.RecordPhases(ranAt - started, detectedAt - ranAt, committedAt - detectedAt, System.Diagnostics.Stopwatch.GetTimestamp() - committedAt);
            foreach (var r in ran)
            {
                r.Complete();
            }

            Stats.Record(batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            break;
        }
    }

    private const int MaxCommitAttempts = 5;

    private async Task<IAsyncDisposable?> TakeWriteTurnAsync()
    {
        if (_shared is null)
        {
            return null;
        }

        try
        {
            return await _shared.TakeWriteTurnAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // Without a turn the commit's continuity check still keeps the store consistent; it may cost retries.
            Feed.ReportError(e);
            return null;
        }
    }

    private void Undo()
    {
        if (_undo is { } undo)
        {
            _undo = null;
            Undo(undo);
        }
    }

    private static void Undo(List<Action> undo)
    {
        for (var i = undo.Count - 1; i >= 0; i--)
        {
            undo[i]();
        }
    }

    private enum CommitOutcome
    {
        Committed,
        Moved,
        Failed,
    }

    private static void FailAll(List<WriteRequest> requests, Exception error)
    {
        foreach (var r in requests)
        {
            r.Fail(error);
        }
    }

    // Runs each request of the batch in one context over the last committed snapshot. A request that throws
    // is a bug; it fails alone: its partial effects are in the context, so the others re-run in a fresh one.
    private (WriteContext Context, List<WriteRequest> Ran) RunBatch(List<WriteRequest> batch)
    {
        var basis = _head ?? Snapshot;
        var context = new WriteContext(basis, _time.GetUtcNow());
        var ran = new List<WriteRequest>(batch.Count);
        foreach (var request in batch)
        {
            if (request.IsCompleted)
            {
                continue;
            }

            try
            {
                request.Run(context);
                ran.Add(request);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                request.Fail(e);
                context = new WriteContext(basis, context.Now);
                foreach (var r in ran)
                {
                    r.Run(context);
                }
            }
        }

        return (context, ran);
    }

    private void OnCommitted(long sequence)
    {
        var seen = Volatile.Read(ref _committedElsewhere);
        while (sequence > seen)
        {
            var previous = Interlocked.CompareExchange(ref _committedElsewhere, sequence, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        if (sequence > Snapshot.LastSequence)
        {
            // Wake the writer; it catches up before its next batch.
            Post(new WriteRequest<bool>(_ => true));
        }
    }

    // Brings this instance up to date with what other instances committed: snapshot, engine, deadlines, ledger
    // leaves, and the events for this instance's feed subscribers. Incremental (only the items, conflicts and
    // notifications the new events name) when the store can say what changed; a full reload otherwise, and
    // when taking the leadership (the leader's writer state must be exact).
    private async Task<bool> TryCatchUpAsync(bool full = false)
    {
        try
        {
            var before = Snapshot;
            StoreSnapshot data;
            HubSnapshot snapshot;
            if (!full && _store is IStoreChangeReader changes)
            {
                data = await changes.LoadChangesAsync(before.LastSequence, _stop.Token).ConfigureAwait(false);
                snapshot = ApplyChanges(before, data);
            }
            else
            {
                data = await _store.LoadAsync(_stop.Token).ConfigureAwait(false);
                snapshot = BuildSnapshot(data);
                RebuildWriterState(snapshot);
                _deadlines.Clear();
                EnqueueDeadlines(snapshot);
            }

            await CatchUpLedgerAsync(data.LedgerSize, _stop.Token).ConfigureAwait(false);
            Volatile.Write(ref _snapshot, snapshot);
            for (var after = before.LastSequence; after < data.LastEventSequence;)
            {
                var page = await _store.ReadEventsAsync(after, 1_000, _stop.Token).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                Feed.Publish(page);
                after = page[^1].Sequence;
            }

            _mustCatchUp = false;
            Interlocked.Increment(ref _catchUps);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            Feed.ReportError(e);
            return false;
        }
    }

    // Applies a change read to the last snapshot and to the writer's own state (engine, open conflicts, deadlines).
    private HubSnapshot ApplyChanges(HubSnapshot before, StoreSnapshot data)
    {
        if (data.LastEventSequence == before.LastSequence && data.LedgerSize == before.LedgerSize)
        {
            return before;
        }

        var everything = BuildSnapshot(data);
        var items = before.Items.ToBuilder();
        foreach (var (key, stored) in everything.Items)
        {
            items[key] = stored;
            UpdateEngine(stored.Item.Ref, stored);
        }

        var conflicts = before.Conflicts.ToBuilder();
        var open = before.OpenConflicts.ToBuilder();
        foreach (var conflict in everything.Conflicts.Values)
        {
            var key = PairKey(conflict.A.Item, conflict.B.Item);
            if (!before.Conflicts.ContainsKey(conflict.Id))
            {
                _pairEpisodes[key] = _pairEpisodes.GetValueOrDefault(key) + 1;
            }

            conflicts[conflict.Id] = conflict;
            if (conflict.IsOpen)
            {
                open[key] = conflict.Id;
                TrackOpen(conflict);
            }
            else
            {
                if (open.TryGetValue(key, out var id) && id == conflict.Id)
                {
                    open.Remove(key);
                }

                UntrackOpen(conflict);
            }
        }

        var notifications = before.Notifications.ToBuilder();
        foreach (var n in everything.Notifications.Values)
        {
            if (!before.Notifications.ContainsKey(n.Id) && n is { AckDeadline: { } deadline, AcknowledgedAt: null, EscalatedAt: null })
            {
                _deadlines.Enqueue(n.Id, deadline);
            }

            notifications[n.Id] = n;
        }

        return new HubSnapshot(
            everything.Partners,
            everything.Tokens,
            everything.Agreements,
            items.ToImmutable(),
            conflicts.ToImmutable(),
            open.ToImmutable(),
            notifications.ToImmutable(),
            data.LastEventSequence,
            data.LedgerSize);
    }

    // Tries to take the engine leadership every second; while held, this instance reconciles once and then
    // runs deadlines and track prediction. Losing the store session loses the lease at once.
    private async Task LeadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var lease = await _shared!.TryAcquireLeadershipAsync(_stop.Token).ConfigureAwait(false);
                if (lease is null)
                {
                    await Task.Delay(Options.LeadershipRetry, _stop.Token).ConfigureAwait(false);
                    continue;
                }

                Volatile.Write(ref _lease, lease);
                _mustFullyReload = true;
                await EnqueueAsync<bool>(ctx =>
                {
                    Reconcile(ctx);
                    return true;
                }).ConfigureAwait(false);
                using var held = CancellationTokenSource.CreateLinkedTokenSource(lease.Lost, _stop.Token);
                await Task.Delay(Timeout.Infinite, held.Token).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                if (Interlocked.CompareExchange(ref _lease, null, lease) == lease)
                {
                    await lease.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Feed.ReportError(e);
                try
                {
                    await Task.Delay(Options.LeadershipRetry, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<CommitOutcome> CommitAsync(WriteContext context)
    {
        if (!context.Write.IsEmpty)
        {
            try
            {
                await _store.CommitAsync(context.Write, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StoreConflictException e) when (_shared is not null)
            {
                Feed.ReportError(e);
                return CommitOutcome.Moved;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Feed.ReportError(e);
                return CommitOutcome.Failed;
            }
        }

        return CommitOutcome.Committed;
    }

    private void AfterCommit(WriteContext context)
    {
        Publish(context, context.Build());
        QueueDeadlines(context);
    }

    // The writer's own queue of acknowledgement deadlines, for the escalation check.
    private void QueueDeadlines(WriteContext context)
    {
        foreach (var n in context.NewDeadlines)
        {
            _deadlines.Enqueue(n.Id, n.AckDeadline!.Value);
        }
    }

    // Makes a committed batch visible: ledger leaves, the state readers see, the live feed. In commit order.
    private void Publish(WriteContext context, HubSnapshot state)
    {
        Ledger.AppendCommitted(context.NewLeaves);
        Volatile.Write(ref _snapshot, state);
        if (context.Write.Events.Count > 0)
        {
            Feed.Publish(context.Write.Events);
        }
    }

    private void RebuildWriterState(HubSnapshot snapshot)
    {
        foreach (var item in _engineRefs.ToList())
        {
            _engine.Remove(item);
        }

        _engineRefs.Clear();
        _anchoredNow.Clear();
        _liveZones.Clear();
        foreach (var stored in snapshot.Items.Values)
        {
            UpdateEngine(stored.Item.Ref, stored);
        }

        _pairEpisodes.Clear();
        _openByItem.Clear();
        _openPredicted.Clear();
        foreach (var conflict in snapshot.Conflicts.Values)
        {
            var key = PairKey(conflict.A.Item, conflict.B.Item);
            _pairEpisodes[key] = _pairEpisodes.GetValueOrDefault(key) + 1;
            if (conflict.IsOpen)
            {
                TrackOpen(conflict);
            }
        }
    }

    private void UpdateEngine(ItemRef item, StoredItem? stored)
    {
        _engineRefs.Add(item);
        if (stored?.Item is Zone { State: var zoneState } && zoneState.IsLive())
        {
            _liveZones.Add(item);
        }
        else
        {
            _liveZones.Remove(item);
        }

        switch (stored?.Item)
        {
            case Operation o:
                _engine.Set(item, o.Volumes, o.State.IsLive());
                break;
            case Zone z:
                var present = (Zone)Present(z);
                _engine.Set(item, present.Volumes, z.State.IsLive());
                if (z.AnchorTrackId is not null)
                {
                    _anchoredNow[item] = present.Volumes;
                }

                break;
            default:
                _engine.Remove(item);
                break;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var data = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = BuildSnapshot(data);
        Feed.Start(data.LastEventSequence);
        await CatchUpLedgerAsync(data.LedgerSize, cancellationToken).ConfigureAwait(false);
        RebuildWriterState(snapshot);
        EnqueueDeadlines(snapshot);
        _snapshot = snapshot;
    }

    private void EnqueueDeadlines(HubSnapshot snapshot)
    {
        foreach (var notification in snapshot.Notifications.Values)
        {
            if (notification is { AckDeadline: { } deadline, AcknowledgedAt: null, EscalatedAt: null })
            {
                _deadlines.Enqueue(notification.Id, deadline);
            }
        }
    }

    private async Task CatchUpLedgerAsync(long storedSize, CancellationToken cancellationToken)
    {
        if (Ledger.Size > storedSize)
        {
            throw new InvalidDataException($"The ledger tree holds {Ledger.Size} leaves but the store only {storedSize}: they belong to different hubs.");
        }

        while (Ledger.Size < storedSize)
        {
            var page = await _store.ReadLedgerAsync(Ledger.Size, 10_000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                throw new InvalidDataException($"The store reports {storedSize} ledger entries but returned none from {Ledger.Size}.");
            }

            Ledger.AppendCommitted([.. page.Select(e => (e.Index, e.Leaf))]);
        }
    }

    private static HubSnapshot BuildSnapshot(StoreSnapshot data)
    {
        var partners = ImmutableDictionary.CreateBuilder<string, Partner>(StringComparer.Ordinal);
        var tokens = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var p in data.Partners)
        {
            var names = JsonSerializer.Deserialize<Dictionary<string, string>>(p.NamesJson) ?? [];
            var role = p.Role == "observer" ? PartnerRole.Observer : PartnerRole.Member;
            partners[p.Id] = new Partner(p.Id, names.ToImmutableDictionary(StringComparer.Ordinal), role, p.PublicKey is null ? [] : [.. p.PublicKey]);
            tokens[Convert.ToHexStringLower(p.TokenHash)] = p.Id;
        }

        var agreements = new List<Agreement>();
        foreach (var a in data.Agreements)
        {
            if (WireNames.TryParse<ItemKind>(a.Kind, out var kind) && WireNames.TryParse<ReleaseLevel>(a.Level, out var level))
            {
                agreements.Add(new Agreement(a.Owner, a.Recipient, kind, level));
            }
        }

        var items = ImmutableDictionary.CreateBuilder<(ItemKind, string), StoredItem>();
        foreach (var r in data.Items)
        {
            if (!WireNames.TryParse<ItemKind>(r.Kind, out var kind))
            {
                throw new InvalidDataException($"Stored item {r.Kind}/{r.Id} has an unknown kind.");
            }

            using var body = JsonDocument.Parse(r.BodyJson);
            var parsed = ItemJson.Read(kind, body.RootElement, r.Id, r.Owner, r.Version);
            if (!parsed.Success)
            {
                throw new InvalidDataException($"Stored item {r.Kind}/{r.Id} v{r.Version} no longer reads: {parsed.Error.Message}");
            }

            items[(kind, r.Id)] = new StoredItem(parsed.Value!, r.Version, r.BodyHash, r.UpdatedAt, r.LedgerIndex);
        }

        var conflicts = ImmutableDictionary.CreateBuilder<string, Domain.Conflicts.Conflict>(StringComparer.Ordinal);
        var open = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var c in data.Conflicts)
        {
            var conflict = RecordJson.ReadConflict(c.BodyJson);
            conflicts[conflict.Id] = conflict;
            if (conflict.IsOpen)
            {
                open[PairKey(conflict.A.Item, conflict.B.Item)] = conflict.Id;
            }
        }

        var notifications = ImmutableDictionary.CreateBuilder<string, Domain.Notifications.Notification>(StringComparer.Ordinal);
        foreach (var n in data.Notifications)
        {
            var notification = RecordJson.ReadNotification(n.BodyJson);
            notifications[notification.Id] = notification;
        }

        return new HubSnapshot(
            partners.ToImmutable(),
            tokens.ToImmutable(),
            AgreementSet.Create(agreements),
            items.ToImmutable(),
            conflicts.ToImmutable(),
            open.ToImmutable(),
            notifications.ToImmutable(),
            data.LastEventSequence,
            data.LedgerSize);
    }
}
