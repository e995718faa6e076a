using System.Threading.RateLimiting;

namespace Tahaluf.Server.Auth;

/// <summary>
/// Counts requests whose bearer token fails to authenticate, per client address, in fixed windows. An address
/// over the limit has every token-bearing request refused (429) before its token is looked at, so a guesser
/// learns nothing and cannot go faster than the limit. Thread-safe.
/// </summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly long _quietMs;

    // Environment.TickCount64 of the latest failure anywhere; far in the past until the first one.
    private long _lastFailureMs = long.MinValue / 2;

    /// <summary>Creates the limiter.</summary>
    /// <param name="limit">Failures allowed per address per window, at least 1.</param>
    /// <param name="window">The window, more than zero.</param>
    public FailedAuthenticationLimiter(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Window = window;

        // Permits spent at t are back by t + window (plus the limiter's 100-ms replenishment tick): after two windows
        // and a second of quiet no address can be over the limit.
        _quietMs = (long)Math.Min((2 * window.TotalMilliseconds) + 1_000, long.MaxValue / 4);
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The window.</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// Whether any address may be over the limit: false when no failure was recorded for two windows, so the
    /// request path skips the per-address lookup (a lock shared by every request) in the normal case.
    /// </summary>
    public bool MayBlock => Environment.TickCount64 - Interlocked.Read(ref _lastFailureMs) <= _quietMs;

    /// <summary>Whether the address has used up its failures in the current window.</summary>
    /// <param name="address">Client address.</param>
    /// <returns>True when its token-bearing requests must be refused.</returns>
    public bool IsBlocked(string address) => _limiter.GetStatistics(address)?.CurrentAvailablePermits <= 0;

    /// <summary>Counts one failed authentication of the address.</summary>
    /// <param name="address">Client address.</param>
    public void RecordFailure(string address)
    {
        Interlocked.Exchange(ref _lastFailureMs, Environment.TickCount64);
        using var lease = _limiter.AttemptAcquire(address);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
