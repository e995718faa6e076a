namespace Tahaluf.Hub.Storage;

/// <summary>
/// The hub's durable store (port). Implementations: SQLite (embedded default) and PostgreSQL. All methods
/// are safe to call concurrently; <see cref="CommitAsync"/> calls are serialized by the implementation.
/// A commit that returned has been made durable (fsync or equivalent).
/// </summary>
public interface IHubStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Writes everything in <paramref name="write"/> in one transaction, durably.</summary>
    /// <param name="write">The unit of work.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="StoreConflictException">Sequences, indexes or versions do not continue the stored ones; nothing was written.</exception>
    Task CommitAsync(StoreWrite write, CancellationToken cancellationToken);

    /// <summary>Loads the state the hub keeps in memory.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The snapshot.</returns>
    Task<StoreSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Every stored version of one item, oldest first.</summary>
    /// <param name="kind">Item kind name.</param>
    /// <param name="id">Item id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The versions; empty when unknown.</returns>
    Task<IReadOnlyList<ItemRecord>> GetItemHistoryAsync(string kind, string id, CancellationToken cancellationToken);

    /// <summary>Events with a sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    /// <param name="afterSequence">Exclusive lower bound.</param>
    /// <param name="limit">Maximum count, at least 1.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<EventRecord>> ReadEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Appends track positions (one transaction; duplicates of (track, time) are ignored).</summary>
    /// <param name="points">The positions.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AppendTrackPointsAsync(IReadOnlyList<TrackPointRecord> points, CancellationToken cancellationToken);

    /// <summary>
    /// A track's stored positions reported by <paramref name="owner"/>, in time order, the most recent
    /// <paramref name="limit"/>. A track id names one owner's track only while that owner holds it: after a restart,
    /// or on another instance, another partner may report under the same id, and its points are not this track's.
    /// </summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="owner">The partner whose track this is; points other partners reported under the id are left out.</param>
    /// <param name="limit">Maximum count, at least 1.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The positions, oldest first.</returns>
    Task<IReadOnlyList<TrackPointRecord>> ReadTrackPointsAsync(string trackId, string owner, int limit, CancellationToken cancellationToken);

    /// <summary>Ledger entries from <paramref name="fromIndex"/> (inclusive), oldest first.</summary>
    /// <param name="fromIndex">First index.</param>
    /// <param name="limit">Maximum count, at least 1.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<LedgerEntryRecord>> ReadLedgerAsync(long fromIndex, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The leaves alone of the ledger entries from <paramref name="fromIndex"/> (inclusive), oldest first: what a scan
    /// of the ledger's recent past needs, without the salts and contents (by default read with them and dropped).
    /// </summary>
    /// <param name="fromIndex">First index.</param>
    /// <param name="limit">Maximum count, at least 1.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The leaves, by index.</returns>
    async Task<IReadOnlyList<byte[]>> ReadLedgerLeavesAsync(long fromIndex, int limit, CancellationToken cancellationToken) =>
        [.. (await ReadLedgerAsync(fromIndex, limit, cancellationToken).ConfigureAwait(false)).Select(e => e.Leaf)];
}
