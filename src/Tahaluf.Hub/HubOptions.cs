using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Hub;

/// <summary>Settings of a hub instance. Immutable once the hub has started.</summary>
public sealed record HubOptions
{
    /// <summary>Time a partner has to acknowledge a conflict notification (default 120 s).</summary>
    public TimeSpan AckWindow { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Separation minima for declared volumes (default 5 NM, 1000 ft, 0 s).</summary>
    public SeparationMinima Minima { get; init; } = SeparationMinima.Default;

    /// <summary>How often deadlines are checked (default 1 s).</summary>
    public TimeSpan DeadlineCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often live tracks are predicted (default 1 s).</summary>
    public TimeSpan TrackCycle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How far ahead tracks are extrapolated at constant velocity (default 120 s).</summary>
    public TimeSpan LookAhead { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A track with no report for this long is dropped (default 60 s).</summary>
    public TimeSpan TrackStaleAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most requests committed together in one transaction (group commit; default 512).</summary>
    public int MaxBatch { get; init; } = 512;

    /// <summary>
    /// Group commit on a store of one instance: while requests keep coming, the writer takes a new batch no sooner
    /// than this after it took the previous one, so one commit (one fsync, one rewrite of each page it touches)
    /// carries several requests. The window overlaps the previous batch's run and commit: the writer idles only when
    /// both were shorter. Zero takes each batch as soon as the writer is free. It never delays a lone
    /// caller (a batch of one request ends the gathering) nor a backlog: the wait ends as soon as
    /// <see cref="GatherUpTo"/> requests are queued, and none starts after a batch that large. Default 2 ms: at 3,100
    /// declarations/s it cut the hub's CPU by 4-12 %; in stores.sh p99 at 80 % of the peak was 53-75 ms at
    /// 2,993-3,160/s with it and 112-288 ms at 2,958-3,225/s without, the closed-loop peak unchanged; it adds a few
    /// milliseconds to p50 at middling rates. See docs/performance.md.
    /// </summary>
    public TimeSpan CommitGather { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// This many requests queued mean a backlog: a group-commit wait ends when they are, and none starts after a batch
    /// this large (default 16).
    /// </summary>
    public int GatherUpTo { get; init; } = 16;

    /// <summary>On a shared store, how often an instance that does not lead tries to take the leadership (default 1 s).</summary>
    public TimeSpan LeadershipRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Ledger origin line for checkpoints, e.g. <c>tahaluf.example/hub</c>.</summary>
    public string LedgerOrigin { get; init; } = "tahaluf.local/hub";
}
