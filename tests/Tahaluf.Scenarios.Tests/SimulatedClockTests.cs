using Tahaluf.Scenarios.Timing;

namespace Tahaluf.Scenarios.Tests;

public sealed class SimulatedClockTests
{
    private static readonly DateTimeOffset Start = new(2015, 11, 24, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_Paused_StaysPutAndJumpsOnlyForward()
    {
        var clock = new SimulatedClock(Start, 0);
        Assert.Equal(Start, clock.GetUtcNow());
        Assert.Equal(Start.AddHours(1), clock.JumpTo(Start.AddHours(1)));
        Assert.Equal(Start.AddHours(1), clock.JumpTo(Start));
        Assert.Equal(Start.AddHours(1).AddSeconds(5), clock.Advance(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task GetUtcNow_Running_AdvancesAtTheSpeedFactor()
    {
        var clock = new SimulatedClock(Start, 1000);
        var real = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(100);
        var simulated = clock.GetUtcNow() - Start;
        var elapsed = real.Elapsed;
        Assert.InRange(simulated.TotalSeconds, 90, (elapsed.TotalSeconds * 1000) + 1);
    }

    [Fact]
    public void Speed_Change_KeepsTheCurrentTime()
    {
        var clock = new SimulatedClock(Start, 0);
        clock.Speed = 50;
        clock.Speed = 0;
        var frozen = clock.GetUtcNow();
        Assert.True(frozen >= Start);
        Assert.Equal(frozen, clock.GetUtcNow());
    }

    [Fact]
    public async Task CreateTimer_ScalesThePeriod()
    {
        var clock = new SimulatedClock(Start, 100);
        var fired = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        // 10 simulated seconds are 100 ms of real time: three firings come after about 300 ms (unscaled, after 30 s).
        // Timers never fire early, so three firings take at least 300 ms less timer granularity whatever the load;
        // a loaded machine may only make them later, hence the wide upper bound.
        while (Volatile.Read(ref fired) < 3)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"only {fired} firings in 10 s: the period is not scaled");
            await Task.Delay(10);
        }

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"three firings after {watch.ElapsedMilliseconds} ms: faster than the scaled period");
    }

    [Fact]
    public void ToReal_ScalesAndPausedIsInfinite()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new SimulatedClock(Start, 60).ToReal(TimeSpan.FromMinutes(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, new SimulatedClock(Start, 0).ToReal(TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedClock(Start, -1));
    }
}
