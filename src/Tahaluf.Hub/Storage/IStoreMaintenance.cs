namespace Tahaluf.Hub.Storage;

/// <summary>
/// A store with housekeeping of its own in the background (SQLite: copying the write-ahead log back into the
/// database file), which can say when that housekeeping is falling behind. Nothing committed is at risk then,
/// but the store grows until the cause goes away; <c>/healthz</c> reports it as <c>degraded</c>.
/// </summary>
public interface IStoreMaintenance
{
    /// <summary>What is wrong with the store's housekeeping, in a sentence for an operator; null while all is well.</summary>
    string? MaintenanceProblem { get; }
}
