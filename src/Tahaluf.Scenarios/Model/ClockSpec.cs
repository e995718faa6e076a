namespace Tahaluf.Scenarios.Model;

/// <summary>The replay's simulated time span and speed.</summary>
public sealed record ClockSpec
{
    /// <summary>Simulated start, UTC.</summary>
    public DateTimeOffset Start { get; init; }

    /// <summary>Simulated end, UTC; after <see cref="Start"/>.</summary>
    public DateTimeOffset End { get; init; }

    /// <summary>Default speed: simulated seconds per real second, in (0, 100,000].</summary>
    public double Speed { get; init; } = 1;

    /// <summary>
    /// Optional non-uniform schedule: the replay runs only these windows (in order, each at its own speed)
    /// and jumps over the time between them, executing what falls there at once. Empty: one window, start to end.
    /// </summary>
    public IReadOnlyList<ClockSegment> Segments { get; init; } = [];
}
