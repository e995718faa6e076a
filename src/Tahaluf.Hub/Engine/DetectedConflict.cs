using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Hub.Engine;

/// <summary>A pair of conflicting items found by the engine, with the encounter region (bounding box, band, window).</summary>
/// <param name="A">The item with the smaller key (ordinal on kind/owner/id).</param>
/// <param name="B">The other item.</param>
/// <param name="Encounter">Where and when they come too close: a box footprint, the altitude band, the time window.</param>
public sealed record DetectedConflict(ItemRef A, ItemRef B, Volume4D Encounter);
