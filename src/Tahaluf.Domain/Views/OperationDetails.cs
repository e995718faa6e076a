using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>The full-level part of an operation.</summary>
/// <param name="Category">Coarse activity.</param>
/// <param name="Callsigns">Callsigns, possibly empty.</param>
/// <param name="AircraftCount">Number of aircraft, or null if not given.</param>
/// <param name="Remarks">Remarks, or null.</param>
/// <param name="Caveat">The label's caveat, or null.</param>
/// <param name="OwnLabel">The whole label (releasable-to list, civil flag); present only when the viewer is the owner.</param>
public sealed record OperationDetails(
    OperationCategory Category,
    ImmutableArray<string> Callsigns,
    int? AircraftCount,
    string? Remarks,
    string? Caveat,
    Label? OwnLabel);
