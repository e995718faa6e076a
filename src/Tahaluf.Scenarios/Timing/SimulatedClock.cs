namespace Tahaluf.Scenarios.Timing;

/// <summary>
/// A clock for replays: simulated UTC time that runs <see cref="Speed"/> times faster than real time from a
/// start instant, and can be paused (speed 0) or jumped forward over quiet hours. Timers created through it
/// (the hub's prediction and deadline timers) fire at the scaled rate: a 1 s simulated period at speed 20
/// fires every 50 ms of real time (never more often than every <see cref="MinimumRealPeriod"/>).
/// Simulated time never goes backwards. Thread-safe: all members may be called concurrently.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    /// <summary>The shortest real interval between firings of a scaled timer, to keep two cores usable.</summary>
    public static readonly TimeSpan MinimumRealPeriod = TimeSpan.FromMilliseconds(20);

    private readonly Lock _lock = new();
    private readonly TimeProvider _real;
    private DateTimeOffset _anchorSim;
    private long _anchorRealTicks;
    private double _speed;

    /// <summary>Creates a clock showing <paramref name="start"/> now and running at <paramref name="speed"/>.</summary>
    /// <param name="start">Simulated time now.</param>
    /// <param name="speed">Simulated seconds per real second, in [0, 100,000]; 0 pauses the clock.</param>
    /// <param name="real">The real clock underneath (default <see cref="TimeProvider.System"/>).</param>
    public SimulatedClock(DateTimeOffset start, double speed, TimeProvider? real = null)
    {
        CheckSpeed(speed);
        _real = real ?? System;
        _anchorSim = start.ToUniversalTime();
        _anchorRealTicks = _real.GetTimestamp();
        _speed = speed;
    }

    /// <summary>Simulated seconds per real second; 0 when paused. Setting it keeps the current simulated time.</summary>
    public double Speed
    {
        get
        {
            lock (_lock)
            {
                return _speed;
            }
        }

        set
        {
            CheckSpeed(value);
            lock (_lock)
            {
                Rebase();
                _speed = value;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return NowLocked();
        }
    }

    /// <summary>Moves simulated time forward to <paramref name="time"/>; an earlier time is ignored (time never goes back).</summary>
    /// <param name="time">The new simulated time.</param>
    /// <returns>The simulated time after the call.</returns>
    public DateTimeOffset JumpTo(DateTimeOffset time)
    {
        lock (_lock)
        {
            Rebase();
            if (time > _anchorSim)
            {
                _anchorSim = time.ToUniversalTime();
            }

            return _anchorSim;
        }
    }

    /// <summary>Moves simulated time forward by <paramref name="delta"/> (non-negative).</summary>
    /// <param name="delta">How far to jump.</param>
    /// <returns>The simulated time after the call.</returns>
    public DateTimeOffset Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_lock)
        {
            Rebase();
            _anchorSim += delta;
            return _anchorSim;
        }
    }

    /// <summary>The real time it takes for <paramref name="simulated"/> to pass at the current speed (infinite when paused).</summary>
    /// <param name="simulated">A simulated duration.</param>
    /// <returns>The real duration, or <see cref="Timeout.InfiniteTimeSpan"/> when paused.</returns>
    public TimeSpan ToReal(TimeSpan simulated)
    {
        var speed = Speed;
        if (simulated <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return speed <= 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks((long)Math.Min(simulated.Ticks / speed, TimeSpan.FromDays(1).Ticks));
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new ScaledTimer(this, callback, state, dueTime, period);
    }

    /// <summary>Scales a simulated timer interval to real time; a paused clock keeps the simulated interval so timers stay alive.</summary>
    internal TimeSpan ScaleForTimer(TimeSpan simulated)
    {
        if (simulated == Timeout.InfiniteTimeSpan)
        {
            return simulated;
        }

        var speed = Speed;
        var real = speed <= 0 ? simulated : TimeSpan.FromTicks((long)(simulated.Ticks / speed));
        return simulated == TimeSpan.Zero ? TimeSpan.Zero : real < MinimumRealPeriod ? MinimumRealPeriod : real;
    }

    private static void CheckSpeed(double speed)
    {
        if (!double.IsFinite(speed) || speed < 0 || speed > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be between 0 and 100000.");
        }
    }

    private DateTimeOffset NowLocked()
    {
        var elapsed = _real.GetElapsedTime(_anchorRealTicks);
        return _speed == 0 ? _anchorSim : _anchorSim + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed));
    }

    private void Rebase()
    {
        _anchorSim = NowLocked();
        _anchorRealTicks = _real.GetTimestamp();
    }
}
