using Microsoft.Extensions.Time.Testing;
using Tahaluf.Hub.Ledger;
using Tahaluf.Hub.Signing;
using Tahaluf.Hub.Storage;
using Tahaluf.Server.Auth;
using Tahaluf.Storage.Sqlite;

namespace Tahaluf.Server.Tests.Ledger;

/// <summary>
/// The replay memory a hub starts with is read from its ledger: the bound request signatures of the last window, not
/// older ones, not an acknowledgement's plain signature, and no more entries than its bound.
/// </summary>
public sealed class ReplayMemoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2015, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("tahaluf-replay-").FullName;
    private SqliteHubStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteHubStore(Path.Combine(_dir, "tahaluf.db"));
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    // A distinct 64-byte stand-in for the n-th request's signature.
    private static byte[] Signature(int n) => [.. BitConverter.GetBytes(n), .. Enumerable.Repeat((byte)0x5a, 60)];

    private static byte[] Bound(int n, DateTimeOffset at) => RequestSignature.Bind(Signature(n), "PUT", "/api/v1/operations/op-" + n, at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    // Entries n = 0.. at the given times; each signed as a request (bound) unless listed as an acknowledgement (plain).
    private async Task<long> WriteLedgerAsync(IReadOnlyList<DateTimeOffset> times, params int[] acknowledgements)
    {
        var write = new StoreWrite();
        for (var n = 0; n < times.Count; n++)
        {
            var signature = acknowledgements.Contains(n) ? Signature(n) : Bound(n, times[n]);
            var leaf = LedgerLeaf.Encode(n, times[n], LedgerLeaf.Declaration, "RU", "subject", 1, new byte[32], signature);
            write.Ledger.Add(new LedgerEntryRecord(n, leaf, new byte[32], [(byte)n], "operation/op-" + n));
        }

        await _store.CommitAsync(write, CancellationToken.None);
        return times.Count;
    }

    [Fact]
    public async Task FromLedger_RemembersTheWindowsRequestSignatures_NotOlderOnes_NotAcknowledgements()
    {
        // 12, 9 and 1 minutes ago, and an acknowledgement 30 s ago (its plain signature is never checked for freshness).
        var size = await WriteLedgerAsync([Now.AddMinutes(-12), Now.AddMinutes(-9), Now.AddMinutes(-1), Now.AddSeconds(-30)], acknowledgements: 3);
        var clock = new FakeTimeProvider(Now);

        var cache = await SignatureReplayCache.FromLedgerAsync(_store, size, clock, Keep, CancellationToken.None);

        Assert.False(cache.TryRemember(Signature(1)));
        Assert.False(cache.TryRemember(Signature(2)));
        Assert.True(cache.TryRemember(Signature(0)));
        Assert.True(cache.TryRemember(Signature(3)));

        // Each is remembered until its own acceptance time plus the window: entry 1 (9 minutes old) for one more minute.
        clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.True(cache.TryRemember(Signature(1)));
        Assert.False(cache.TryRemember(Signature(2)));
    }

    [Fact]
    public async Task FromLedger_ReadsPagesFromTheNewest_AndStopsAtItsBound()
    {
        // 10,000 entries 50 ms apart, all inside the window: more than two pages of 4,096.
        var times = Enumerable.Range(0, 10_000).Select(i => Now.AddSeconds(i / 20.0)).ToList();
        var size = await WriteLedgerAsync(times);
        var clock = new FakeTimeProvider(Now.AddSeconds(500));

        var whole = await SignatureReplayCache.FromLedgerAsync(_store, size, clock, Keep, CancellationToken.None);
        Assert.All(new[] { 0, 1, 4095, 5000, 5904, 9999 }, n => Assert.False(whole.TryRemember(Signature(n)), $"entry {n}"));

        var bounded = await SignatureReplayCache.FromLedgerAsync(_store, size, clock, Keep, CancellationToken.None, maxEntries: 4096);
        Assert.False(bounded.TryRemember(Signature(9999)));
        Assert.False(bounded.TryRemember(Signature(5904)));
        Assert.True(bounded.TryRemember(Signature(5903)), "entry 5903 is past the newest 4,096 read");
        Assert.True(bounded.TryRemember(Signature(0)));
    }
}
