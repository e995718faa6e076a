namespace Tahaluf.Scenarios.Timing;

/// <summary>A real timer whose due time and period are simulated intervals scaled by the clock's speed at each change.</summary>
internal sealed class ScaledTimer : ITimer
{
    private readonly SimulatedClock _clock;
    private readonly Timer _timer;

    public ScaledTimer(SimulatedClock clock, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _clock = clock;
        _timer = new Timer(callback, state, clock.ScaleForTimer(dueTime), clock.ScaleForTimer(period));
    }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _timer.Change(_clock.ScaleForTimer(dueTime), _clock.ScaleForTimer(period));

    public void Dispose() => _timer.Dispose();

    public ValueTask DisposeAsync() => _timer.DisposeAsync();
}
