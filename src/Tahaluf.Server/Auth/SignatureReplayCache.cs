using System.Text.Json;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Server.Auth;

/// <summary>
/// The request signatures accepted in the last <c>2 × MaxClockSkew</c> of hub time, so an exact replay inside the
/// freshness window is refused (older ones are refused as stale). Made from the ledger at start
/// (<see cref="FromLedgerAsync"/>), so a restart does not forget them; then this instance's own. Bounded: past
/// <see cref="Capacity"/> live entries new signed requests are refused until some expire. Thread-safe.
/// Several instances on one database learn each other's signatures only when they start.
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

    /// <summary>
    /// A cache holding the request signatures the ledger accepted within <paramref name="keep"/> of the hub's clock:
    /// its leaves are read from the newest back, a page at a time, until one older than that or
    /// <paramref name="maxEntries"/> read (a bound on the start's work after a busy spell).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="ledgerSize">Entries in the ledger.</param>
    /// <param name="time">The hub's clock.</param>
    /// <param name="keep">How long a signature is remembered, at least the whole freshness window.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="maxEntries">Most ledger entries read.</param>
    /// <returns>The cache.</returns>
    public static async Task<SignatureReplayCache> FromLedgerAsync(IHubStore store, long ledgerSize, TimeProvider time, TimeSpan keep, CancellationToken cancellationToken, int maxEntries = 500_000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        const int Page = 4096;
        var cache = new SignatureReplayCache(time, keep);
        var cutoff = time.GetUtcNow() - keep;
        var found = new List<(DateTimeOffset At, byte[] Signature)>();
        var end = ledgerSize;
        var older = false;
        while (end > 0 && ledgerSize - end < maxEntries && !older)
        {
            var from = Math.Max(0, end - Page);
            var leaves = await store.ReadLedgerLeavesAsync(from, (int)(end - from), cancellationToken).ConfigureAwait(false);
            for (var i = leaves.Count - 1; i >= 0 && !older; i--)
            {
                var (at, signature) = ReadLeaf(leaves[i]);
                older = at < cutoff;

                // Only a bound signature (64 bytes, then method, path and time) came with a signed request; an
                // acknowledgement's plain one is not checked for freshness.
                if (!older && signature is { Length: > 64 })
                {
                    found.Add((at, signature[..64]));
                }
            }

            end = from;
        }

        found.Reverse();
        foreach (var (at, signature) in found)
        {
            cache.Remember(signature, at + keep);
        }

        return cache;
    }

    private static (DateTimeOffset At, byte[]? Signature) ReadLeaf(byte[] leaf)
    {
        using var document = JsonDocument.Parse(leaf);
        var root = document.RootElement;
        var signature = root.GetProperty("author_signature");
        return (root.GetProperty("time").GetDateTimeOffset(), signature.ValueKind == JsonValueKind.String ? signature.GetBytesFromBase64() : null);
    }

    // Oldest first, so the expiry queue stays in order.
    private void Remember(byte[] signature, DateTimeOffset expires)
    {
        var key = Convert.ToBase64String(signature);
        lock (_lock)
        {
            if (expires > time.GetUtcNow() && _seen.Count < Capacity && _seen.TryAdd(key, expires))
            {
                _order.Enqueue((expires, key));
            }
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
