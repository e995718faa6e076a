namespace Tahaluf.Hub.Storage;

/// <summary>
/// A store that can say what changed after an event sequence, so an instance of a hub shared by several
/// catches up on another instance's commits without reloading everything.
/// </summary>
public interface IStoreChangeReader
{
    /// <summary>
    /// The state touched by the events after <paramref name="afterSequence"/>, read consistently: every partner and
    /// agreement, and the current rows of the items, conflicts and notifications those events name. The sequence and
    /// ledger size are those of the same read; rows may be newer than the sequence, never older. When no event
    /// followed <paramref name="afterSequence"/>, every list may be empty (nothing to apply).
    /// </summary>
    /// <param name="afterSequence">The last event sequence the caller has applied.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The changes, in the shape of a snapshot.</returns>
    Task<StoreSnapshot> LoadChangesAsync(long afterSequence, CancellationToken cancellationToken);
}
