namespace Tahaluf.Scenarios.Model;

/// <summary>A window of simulated time replayed at a given speed; time outside every window is jumped over.</summary>
public sealed record ClockSegment
{
    /// <summary>Window start, UTC (inclusive).</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>Window end, UTC (exclusive); after <see cref="From"/>.</summary>
    public DateTimeOffset To { get; init; }

    /// <summary>Simulated seconds per real second inside the window; 0 means the clock's default speed.</summary>
    public double Speed { get; init; }

    /// <summary>What the window shows (printed by the demo).</summary>
    public string? Title { get; init; }
}
