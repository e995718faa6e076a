namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// Two tracks of different owners predicted to violate both minima at a common instant within the look-ahead.
/// The pair is ordered so that <see cref="IdA"/> &lt; <see cref="IdB"/>; times in the encounter are seconds
/// after the cycle instant.
/// </summary>
/// <param name="IdA">Id key of the first track.</param>
/// <param name="OwnerA">Owner key of the first track.</param>
/// <param name="IdB">Id key of the second track.</param>
/// <param name="OwnerB">Owner key of the second track.</param>
/// <param name="Encounter">Closest approach and the encounter window.</param>
public readonly record struct TrackConflict(long IdA, int OwnerA, long IdB, int OwnerB, Encounter Encounter);
