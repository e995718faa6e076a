namespace Tahaluf.Server.Auth;

/// <summary>
/// The request signatures this instance has accepted in the last <c>2 × MaxClockSkew</c> of hub time, so an
/// exact replay inside the freshness window is refused (older ones are refused as stale). Bounded: past
/// <see cref="Capacity"/> live entries new signed requests are refused until some expire. Thread-safe.
/// Per instance: several instances on one database do not share it.
/// </summary>
/// <param name="time">The hub's clock.</param>
/// <param name="keep">How long a signature is remembered, at least the whole freshness window.</param>
/// <param name="capacity">Most signatures remembered at once.</param>
public sealed class SignatureReplayCache(TimeProvider time, TimeSpan keep, int capacity = 1_000_000)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Expires, string Key)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Most signatures remembered at once.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Remembers a signature unless it is already remembered or the cache is full.</summary>
    /// <param name="signature">The 64-byte signature.</param>
    /// <returns>True when it is new and now remembered; false for a replay (or a full cache).</returns>
    public bool TryRemember(ReadOnlySpan<byte> signature)
    {
        var key = Convert.ToBase64String(signature);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            while (_order.Count > 0 && (_order.Peek().Expires <= now || _order.Count > Capacity))
            {
                var (_, old) = _order.Dequeue();
                _seen.Remove(old);
            }

            if (_seen.ContainsKey(key) || _seen.Count >= Capacity)
            {
                return false;
            }

            var expires = now + keep;
            _seen[key] = expires;
            _order.Enqueue((expires, key));
            return true;
        }
    }

    /// <summary>Forgets a signature (the request it came with was refused for its signature, so it was never accepted).</summary>
    /// <param name="signature">The 64-byte signature.</param>
    public void Forget(ReadOnlySpan<byte> signature)
    {
        lock (_lock)
        {
            _seen.Remove(Convert.ToBase64String(signature));
        }
    }
}
