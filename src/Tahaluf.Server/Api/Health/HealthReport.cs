namespace Tahaluf.Server.Api.Health;

/// <summary>The health response.</summary>
/// <param name="Status"><c>ok</c>, or <c>degraded</c> while the store reports a problem with its housekeeping (<paramref name="StoreMaintenance"/>) or track ids are contested (<paramref name="ContestedTrackIds"/>).</param>
/// <param name="LastEventSequence">Sequence of the last committed event.</param>
/// <param name="LedgerSize">Committed ledger entries.</param>
/// <param name="LastStoreError">The last store error the writer met, or null.</param>
/// <param name="Leader">Whether this instance leads the engine (always true on SQLite; one instance of several on PostgreSQL).</param>
/// <param name="StoreMaintenance">What is wrong with the store's background housekeeping (SQLite: write-ahead log checkpoints), or null.</param>
/// <param name="ContestedTrackIds">
/// Live track ids two partners report through different instances: each instance follows the partner it saw first
/// under the id, so the other one's aircraft is not predicted against there. Partners should use ids of their own.
/// </param>
public sealed record HealthReport(string Status, long LastEventSequence, long LedgerSize, string? LastStoreError, bool Leader, string? StoreMaintenance, int ContestedTrackIds);
