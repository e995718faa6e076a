namespace Tahaluf.Hub.Storage;

/// <summary>
/// A store through which several hub instances share their live tracks: every instance appends the positions it
/// receives (<see cref="IHubStore.AppendTrackPointsAsync"/>) and reads, each cycle, those the others appended
/// since it last looked. Points carry a store-assigned position that grows with each append.
/// </summary>
public interface ISharedTrackStore
{
    /// <summary>The highest position assigned so far (0 when there are no points).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The position.</returns>
    Task<long> LastTrackPointPositionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Points appended through other store objects (instances) at positions above <paramref name="after"/>, in
    /// position order. Positions are assigned when a point is inserted but become visible when its transaction
    /// commits, so a point may appear below a position already read: callers re-read a margin behind their cursor.
    /// </summary>
    /// <param name="after">Exclusive lower bound.</param>
    /// <param name="limit">Most points to return.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The points with their positions.</returns>
    Task<IReadOnlyList<(long Position, TrackPointRecord Point)>> ReadOtherTrackPointsAsync(long after, int limit, CancellationToken cancellationToken);
}
