namespace Tahaluf.Hub.Storage;

/// <summary>
/// The engine leadership, held until disposed or until the store can no longer vouch for it (for
/// PostgreSQL: the session holding the advisory lock ended). Then <see cref="Lost"/> is cancelled and the
/// holder must stop leading at once.
/// </summary>
public interface ILeadershipLease : IAsyncDisposable
{
    /// <summary>Cancelled when the leadership is lost.</summary>
    CancellationToken Lost { get; }
}
