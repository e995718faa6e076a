using System.Diagnostics.Metrics;

namespace Tahaluf.Hub.Writing;

/// <summary>
/// Counters of the single writer: commits, requests, and time spent per commit. Thread-safe. Published as
/// the meter <c>Tahaluf.Hub.Writer</c> (e.g. <c>dotnet-counters monitor -p PID --counters Tahaluf.Hub.Writer</c>):
/// the busy time's rate is the writer's utilisation, the headroom left before requests queue. On a store of one
/// instance the writer runs a batch while the store commits the one before it: the phases "run" and "detect" are the
/// writer's share, "commit" and "after" the committing side's, each at most 1 s per second.
/// </summary>
public sealed class WriterStats : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Tahaluf.Hub.Writer";

    private readonly Meter _meter = new(MeterName);

    /// <summary>Creates the counters and publishes them.</summary>
    public WriterStats()
    {
        _meter.CreateObservableCounter("tahaluf.writer.batches", () => Batches, "{batch}", "Commit cycles run by the single writer.");
        _meter.CreateObservableCounter("tahaluf.writer.requests", () => Requests, "{request}", "Requests handled by the single writer.");
        _meter.CreateObservableCounter("tahaluf.writer.busy", () => Busy.TotalSeconds, "s", "Time spent in commit cycles: running the requests, then committing them. On a store of one instance the next batch runs while the previous one commits, so this can reach 2 s per second.");
        _meter.CreateObservableCounter("tahaluf.writer.phase", () =>
        {
            var (run, detect, commit, after) = Phases;
            return new[]
            {
                new Measurement<double>(run.TotalSeconds, new KeyValuePair<string, object?>("phase", "run")),
                new Measurement<double>(detect.TotalSeconds, new KeyValuePair<string, object?>("phase", "detect")),
                new Measurement<double>(commit.TotalSeconds, new KeyValuePair<string, object?>("phase", "commit")),
                new Measurement<double>(after.TotalSeconds, new KeyValuePair<string, object?>("phase", "after")),
            };
        }, "s", "Writer time per phase: running requests, engine update and conflict detection, store commit, after commit.");
    }

    private long _batches;
    private long _requests;
    private long _ticks;

    /// <summary>Commit cycles run.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Requests handled.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Total time spent in commit cycles.</summary>
    public TimeSpan Busy => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    private long _run;
    private long _detect;
    private long _commit;
    private long _after;

    /// <summary>Time in each phase (run requests, detect conflicts, store commit, after commit), as Stopwatch ticks.</summary>
    public (TimeSpan Run, TimeSpan Detect, TimeSpan Commit, TimeSpan After) Phases =>
        (Ticks(ref _run), Ticks(ref _detect), Ticks(ref _commit), Ticks(ref _after));

    /// <summary>Adds phase times (Stopwatch ticks) of one cycle.</summary>
    /// <param name="run">Running the requests.</param>
    /// <param name="detect">Engine update and conflict detection.</param>
    /// <param name="commit">The store commit.</param>
    /// <param name="after">Publishing: ledger tree, snapshot, feed.</param>
    public void RecordPhases(long run, long detect, long commit, long after)
    {
        Interlocked.Add(ref _run, run);
        Interlocked.Add(ref _detect, detect);
        Interlocked.Add(ref _commit, commit);
        Interlocked.Add(ref _after, after);
    }

    private static TimeSpan Ticks(ref long stopwatchTicks) =>
        TimeSpan.FromSeconds(Interlocked.Read(ref stopwatchTicks) / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Records one cycle.</summary>
    /// <param name="requests">Requests in it.</param>
    /// <param name="elapsed">Time it took.</param>
    public void Record(int requests, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _requests, requests);
        Interlocked.Add(ref _ticks, elapsed.Ticks);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
