using System.Collections.Immutable;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Items;

/// <summary>
/// A hazard or restricted volume, possibly anchored to a moving track (e.g. a ship's air-defence ring).
/// Immutable and thread-safe; validate with <see cref="ItemValidator"/>.
/// </summary>
/// <param name="Id">Client-chosen id.</param>
/// <param name="Owner">The declaring partner's id.</param>
/// <param name="Version">Version number, from 1.</param>
/// <param name="Label">Releasability marking; <see cref="Label.Civil"/> publishes it on the civil feed.</param>
/// <param name="ZoneKind">What the zone warns of (envelope level).</param>
/// <param name="Volumes">1 to <see cref="ItemLimits.MaxVolumes"/> volumes; may be open-ended (envelope level).</param>
/// <param name="State">Life cycle state (envelope level).</param>
/// <param name="AnchorTrackId">
/// Id of a track of the same owner whose position is the centre of every (circular) volume, or null for a fixed zone (full level).
/// </param>
/// <param name="Name">Display name, 1 to <see cref="ItemLimits.MaxNameLength"/> characters (full level).</param>
public sealed record Zone(
    string Id,
    string Owner,
    long Version,
    Label Label,
    ZoneKind ZoneKind,
    ImmutableArray<Volume4D> Volumes,
    ItemState State,
    string? AnchorTrackId,
    string Name) : Item(Id, Owner, Label)
{
    /// <inheritdoc />
    public override ItemKind Kind => ItemKind.Zone;
}
