namespace Tahaluf.Scenarios.Model;

/// <summary>
/// The root of a scenario file (<c>scenario.json</c>, snake_case, <c>//</c> comments allowed). Times are RFC 3339 UTC.
/// The format is described in <c>docs/tutorial.md</c>. Immutable after loading.
/// </summary>
public sealed record ScenarioFile
{
    /// <summary>Short name.</summary>
    public string Name { get; init; } = "";

    /// <summary>What the scenario shows.</summary>
    public string? Description { get; init; }

    /// <summary>Values no public source gives, listed so nobody mistakes them for facts.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Track variants that may be selected (e.g. <c>turkish</c>, <c>russian</c>); empty when none.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>The variant replayed when none is selected.</summary>
    public string? DefaultVariant { get; init; }

    /// <summary>Start, end and replay speed.</summary>
    public ClockSpec Clock { get; init; } = new();

    /// <summary>Partners registered before the replay starts.</summary>
    public IReadOnlyList<PartnerSpec> Partners { get; init; } = [];

    /// <summary>Agreements, set at the start or at their <c>at</c> time.</summary>
    public IReadOnlyList<AgreementSpec> Agreements { get; init; } = [];

    /// <summary>Operations, zones and reports declared at their <c>at</c> time.</summary>
    public IReadOnlyList<DeclarationSpec> Declarations { get; init; } = [];

    /// <summary>Zones computed from data (e.g. a border buffer), declared at their <c>at</c> time.</summary>
    public IReadOnlyList<GeneratedZoneSpec> GeneratedZones { get; init; } = [];

    /// <summary>Track scripts (files relative to the scenario file).</summary>
    public IReadOnlyList<TrackRef> Tracks { get; init; } = [];

    /// <summary>How partners acknowledge notifications; the first matching rule wins; no rule means never.</summary>
    public IReadOnlyList<AckPolicy> Acks { get; init; } = [];
}
