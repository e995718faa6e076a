namespace Tahaluf.Scenarios.Model;

/// <summary>A track script: timed waypoints, interpolated into position reports every <see cref="IntervalS"/> seconds.</summary>
public sealed record TrackScript
{
    /// <summary>Track id.</summary>
    public string Id { get; init; } = "";

    /// <summary>Reporting partner.</summary>
    public string Partner { get; init; } = "";

    /// <summary>Callsign, or null.</summary>
    public string? Callsign { get; init; }

    /// <summary>Platform kind wire name (<c>fixed_wing</c>, <c>ship</c>, …).</summary>
    public string PlatformKind { get; init; } = "unknown";

    /// <summary>Seconds between reports, in [1, 3600].</summary>
    public double IntervalS { get; init; } = 1;

    /// <summary>Where the track comes from and what is assumed.</summary>
    public string? Note { get; init; }

    /// <summary>Waypoints in increasing time; at least two.</summary>
    public IReadOnlyList<Waypoint> Waypoints { get; init; } = [];
}
