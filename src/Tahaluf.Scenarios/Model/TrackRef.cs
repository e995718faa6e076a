namespace Tahaluf.Scenarios.Model;

/// <summary>A track script to replay.</summary>
public sealed record TrackRef
{
    /// <summary>The script file, relative to the scenario file.</summary>
    public string File { get; init; } = "";

    /// <summary>Replayed only when this variant is selected; null: always.</summary>
    public string? Variant { get; init; }
}
