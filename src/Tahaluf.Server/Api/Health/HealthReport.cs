namespace Tahaluf.Server.Api.Health;

/// <summary>The health response.</summary>
/// <param name="Status"><c>ok</c>, or <c>degraded</c> while the store reports a problem with its housekeeping (<paramref name="StoreMaintenance"/>).</param>
/// <param name="LastEventSequence">Sequence of the last committed event.</param>
/// <param name="LedgerSize">Committed ledger entries.</param>
/// <param name="LastStoreError">The last store error the writer met, or null.</param>
/// <param name="Leader">Whether this instance leads the engine (always true on SQLite; one instance of several on PostgreSQL).</param>
/// <param name="StoreMaintenance">What is wrong with the store's background housekeeping (SQLite: write-ahead log checkpoints), or null.</param>
public sealed record HealthReport(string Status, long LastEventSequence, long LedgerSize, string? LastStoreError, bool Leader, string? StoreMaintenance);
