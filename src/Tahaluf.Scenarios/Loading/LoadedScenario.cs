using Tahaluf.Domain.Agreements;
using Tahaluf.Scenarios.Model;

namespace Tahaluf.Scenarios.Loading;

/// <summary>A validated scenario with its files resolved, for one track variant. Immutable.</summary>
/// <param name="Path">The scenario file.</param>
/// <param name="File">The parsed file.</param>
/// <param name="Variant">The selected track variant, or null.</param>
/// <param name="Agreements">Agreements with their time (null: before the start).</param>
/// <param name="Declarations">Declarations (including generated zones) in time order.</param>
/// <param name="Tracks">The selected variant's track scripts.</param>
public sealed record LoadedScenario(
    string Path,
    ScenarioFile File,
    string? Variant,
    IReadOnlyList<(DateTimeOffset? At, Agreement Agreement, string? Note)> Agreements,
    IReadOnlyList<ScheduledDeclaration> Declarations,
    IReadOnlyList<TrackScript> Tracks);
