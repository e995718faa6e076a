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

    /// <summary>On a shared store, how often an instance that does not lead tries to take the leadership (default 1 s).</summary>
    public TimeSpan LeadershipRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Ledger origin line for checkpoints, e.g. <c>tahaluf.example/hub</c>.</summary>
    public string LedgerOrigin { get; init; } = "tahaluf.local/hub";
}
