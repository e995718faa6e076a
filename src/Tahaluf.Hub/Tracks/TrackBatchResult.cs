using Tahaluf.Hub.Errors;

namespace Tahaluf.Hub.Tracks;

/// <summary>What happened to a batch of reports.</summary>
/// <param name="Accepted">Reports that updated a track.</param>
/// <param name="SkippedNoPosition">Reports without a position (null latitude or longitude).</param>
/// <param name="Duplicates">Reports with the same time as the track's current position.</param>
/// <param name="OutOfOrder">Reports older than the track's current position (kept in history only).</param>
/// <param name="Rejected">Invalid reports or ids owned by another partner, with the index in the batch.</param>
public sealed record TrackBatchResult(int Accepted, int SkippedNoPosition, int Duplicates, int OutOfOrder, IReadOnlyList<(int Index, HubError Error)> Rejected);
