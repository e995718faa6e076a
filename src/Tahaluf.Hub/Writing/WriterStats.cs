namespace Tahaluf.Hub.Writing;

/// <summary>Counters of the single writer: commits, requests, and time spent per commit. Thread-safe.</summary>
public sealed class WriterStats
{
    private long _batches;
    private long _requests;
    private long _ticks;

    /// <summary>Commit cycles run.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Requests handled.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Total time spent in commit cycles.</summary>
    public TimeSpan Busy => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Records one cycle.</summary>
    /// <param name="requests">Requests in it.</param>
    /// <param name="elapsed">Time it took.</param>
    public void Record(int requests, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _requests, requests);
        Interlocked.Add(ref _ticks, elapsed.Ticks);
    }
}
