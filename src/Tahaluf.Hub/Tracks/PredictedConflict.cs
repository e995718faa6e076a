using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Hub.Tracks;

/// <summary>A predicted encounter between a track and another track or a zone within the look-ahead.</summary>
/// <param name="A">One party's item.</param>
/// <param name="B">The other party's item.</param>
/// <param name="Encounter">Where and when: box footprint, altitude band, time window.</param>
public sealed record PredictedConflict(ItemRef A, ItemRef B, Volume4D Encounter);
