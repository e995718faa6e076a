namespace Tahaluf.Hub.Storage;

/// <summary>
/// A store that several hub instances use at once (PostgreSQL). Besides the store contract it tells every
/// instance when any instance committed (so feeds fan out and followers catch up), and it arbitrates the
/// engine leadership (conflict detection on the clock, deadlines, track prediction) so one instance holds it.
/// </summary>
public interface ISharedHubStore : IHubStore
{
    /// <summary>
    /// Starts calling <paramref name="onCommitted"/> with the sequence of the last event of every commit made
    /// by any instance (this one included), until the returned subscription is disposed. Calls may be
    /// coalesced (only the highest sequence delivered) and may repeat; after a lost connection the
    /// subscription reconnects by itself and delivers the current last sequence, so a gap is never silent.
    /// </summary>
    /// <param name="onCommitted">Called on a background thread; must not block.</param>
    /// <param name="cancellationToken">Cancellation of the start only.</param>
    /// <returns>The subscription.</returns>
    Task<IAsyncDisposable> SubscribeAsync(Action<long> onCommitted, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for this instance's turn to write and returns it; dispose it after the commit. Writers of the group
    /// take turns, so an instance catches up and commits without another committing in between. The turn is an
    /// optimization, not the guarantee: commits are still checked for continuity, so a turn lost with its
    /// session costs a retry, never consistency. One turn at a time per store object.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The turn.</returns>
    Task<IAsyncDisposable> TakeWriteTurnAsync(CancellationToken cancellationToken);

    /// <summary>Tries once to take the engine leadership.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The lease when taken, or null when another instance holds it.</returns>
    Task<ILeadershipLease?> TryAcquireLeadershipAsync(CancellationToken cancellationToken);
}
