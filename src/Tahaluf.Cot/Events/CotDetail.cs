namespace Tahaluf.Cot.Events;

/// <summary>
/// The parts of a CoT <c>&lt;detail&gt;</c> that Tahaluf reads; every other child element is kept verbatim in
/// <see cref="OtherXml"/> so that it survives a round trip. Immutable.
/// </summary>
public sealed record CotDetail
{
    /// <summary>An empty detail.</summary>
    public static CotDetail Empty { get; } = new();

    /// <summary><c>&lt;contact callsign&gt;</c>, or null.</summary>
    public string? Callsign { get; init; }

    /// <summary><c>&lt;contact endpoint&gt;</c>, or null.</summary>
    public string? Endpoint { get; init; }

    /// <summary><c>&lt;track course&gt;</c> in degrees clockwise from true north, or null.</summary>
    public double? CourseDeg { get; init; }

    /// <summary><c>&lt;track speed&gt;</c> in metres per second, or null.</summary>
    public double? SpeedMps { get; init; }

    /// <summary>Text of <c>&lt;remarks&gt;</c>, or null.</summary>
    public string? Remarks { get; init; }

    /// <summary>The drawing shape (links and ellipse), or null.</summary>
    public CotShape? Shape { get; init; }

    /// <summary><c>&lt;tahaluf minAltM&gt;</c>: lower altitude in metres above the WGS84 ellipsoid, or null.</summary>
    public double? MinAltitudeM { get; init; }

    /// <summary><c>&lt;tahaluf maxAltM&gt;</c>: upper altitude in metres above the WGS84 ellipsoid, or null.</summary>
    public double? MaxAltitudeM { get; init; }

    /// <summary>Other detail children as XML text, concatenated; empty when none.</summary>
    public string OtherXml { get; init; } = string.Empty;
}
