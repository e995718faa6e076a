using System.Runtime.CompilerServices;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Hub.Feed;

/// <summary>
/// Fans committed events out to live subscribers. Keeps the most recent events in memory and reads older
/// ones from the store, so a subscriber resuming from any sequence gets every event after it, in order.
/// Events are unprojected: each subscriber projects them for its partner. Thread-safe.
/// </summary>
public sealed class FeedBroker : IDisposable
{
    private const int Capacity = 65_536;
    private readonly IHubStore _store;
    private readonly Lock _gate = new();
    private readonly EventRecord?[] _ring = new EventRecord?[Capacity];
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;

    /// <summary>Creates a broker over a store.</summary>
    /// <param name="store">Where events older than the in-memory window are read.</param>
    public FeedBroker(IHubStore store) => _store = store;

    /// <summary>Sequence of the last published event.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>The last error the writer reported (a failed commit), for health checks; null when none.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Sets the starting point after a load.</summary>
    /// <param name="lastSequence">Sequence of the last stored event.</param>
    public void Start(long lastSequence)
    {
        lock (_gate)
        {
            _last = lastSequence;
        }
    }

    /// <summary>Publishes committed events (consecutive, after <see cref="LastSequence"/>).</summary>
    /// <param name="events">The events.</param>
    public void Publish(IReadOnlyList<EventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        TaskCompletionSource signal;
        lock (_gate)
        {
            foreach (var e in events)
            {
                _ring[e.Sequence % Capacity] = e;
                _last = e.Sequence;
            }

            signal = _signal;
            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    /// <summary>Records a writer error for health reporting.</summary>
    /// <param name="error">The error.</param>
    public void ReportError(Exception error) => LastError = error;

    /// <summary>Every event after <paramref name="afterSequence"/>, then new ones as they are committed, until cancelled.</summary>
    /// <param name="afterSequence">Exclusive start (0 for everything).</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events in order.</returns>
    public async IAsyncEnumerable<EventRecord> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task wait;
            var batch = new List<EventRecord>();
            var fromStore = false;
            lock (_gate)
            {
                wait = _signal.Task;
                if (next < _last)
                {
                    if (_last - next > Capacity / 2 || _ring[(next + 1) % Capacity]?.Sequence != next + 1)
                    {
                        fromStore = true;
                    }
                    else
                    {
                        for (var s = next + 1; s <= _last; s++)
                        {
                            batch.Add(_ring[s % Capacity]!);
                        }
                    }
                }
            }

            if (fromStore)
            {
                batch.AddRange(await _store.ReadEventsAsync(next, 1000, cancellationToken).ConfigureAwait(false));
            }

            foreach (var e in batch)
            {
                next = e.Sequence;
                yield return e;
            }

            if (batch.Count == 0)
            {
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _signal.TrySetCanceled();
        }
    }
}
