namespace Tahaluf.Geometry.Tracks;

/// <summary>The outcome of one prediction cycle. Lists are sorted by ids and owned by the caller.</summary>
/// <param name="TrackConflicts">Track–track conflicts, sorted by (IdA, IdB).</param>
/// <param name="ZoneEntries">Track–zone entries, sorted by (ZoneId, TrackId).</param>
/// <param name="CandidatePairs">Pairs the broad phase handed to the kernel (a measure of its selectivity).</param>
public sealed record TrackPrediction(IReadOnlyList<TrackConflict> TrackConflicts, IReadOnlyList<ZoneEntry> ZoneEntries, long CandidatePairs);
