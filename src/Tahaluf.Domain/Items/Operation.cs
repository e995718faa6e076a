using System.Collections.Immutable;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Items;

/// <summary>
/// A declared air operation. Carries an airspace footprint and a coarse category, never target data.
/// Immutable and thread-safe; validate with <see cref="ItemValidator"/>.
/// </summary>
/// <param name="Id">Client-chosen id.</param>
/// <param name="Owner">The declaring partner's id.</param>
/// <param name="Version">Version number, from 1, one higher per accepted replacement.</param>
/// <param name="Label">Releasability marking.</param>
/// <param name="Volumes">1 to <see cref="ItemLimits.MaxVolumes"/> volumes (envelope level).</param>
/// <param name="State">Life cycle state (envelope level).</param>
/// <param name="Category">Coarse activity (full level).</param>
/// <param name="Callsigns">Callsigns, possibly empty (full level).</param>
/// <param name="AircraftCount">Number of aircraft in [1, <see cref="ItemLimits.MaxAircraftCount"/>], or null if not given (full level).</param>
/// <param name="Remarks">Free remarks, or null (full level).</param>
public sealed record Operation(
    string Id,
    string Owner,
    long Version,
    Label Label,
    ImmutableArray<Volume4D> Volumes,
    ItemState State,
    OperationCategory Category,
    ImmutableArray<string> Callsigns,
    int? AircraftCount,
    string? Remarks) : Item(Id, Owner, Label)
{
    /// <inheritdoc />
    public override ItemKind Kind => ItemKind.Operation;
}
