using BenchmarkDotNet.Attributes;
using Tahaluf.Hub.Ledger;
using Tahaluf.Hub.Signing;
using Tahaluf.Hub.Storage;
using Tahaluf.Server.Auth;
using Tahaluf.Storage.Sqlite;

namespace Tahaluf.Benchmarks.Ledger;

/// <summary>
/// What a hub's start pays to remember the last 10 minutes' request signatures: <see cref="SignatureReplayCache.FromLedgerAsync"/>
/// over a SQLite ledger whose every entry is a signed declaration inside the window (the worst case: a busy spell just
/// before the restart; after a quiet one it reads a single page). Baseline: reading the same leaves, page by page,
/// without parsing or remembering them.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class ReplayMemoryBenchmarks
{
    private const int Page = 4096;
    private static readonly DateTimeOffset Start = new(2015, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private readonly FixedClock _clock = new(Start + TimeSpan.FromMinutes(9));
    private string _directory = string.Empty;
    private SqliteHubStore _store = null!;

    /// <summary>Signed entries in the ledger, all within the window.</summary>
    [Params(100_000, 500_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "tahaluf-replay-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _store = new SqliteHubStore(Path.Combine(_directory, "tahaluf.db"));
        await _store.MigrateAsync(CancellationToken.None);
        var content = new byte[600];
        var step = TimeSpan.FromMinutes(9) / Entries;
        for (var from = 0; from < Entries; from += Page)
        {
            var write = new StoreWrite();
            for (var n = from; n < Math.Min(Entries, from + Page); n++)
            {
                var at = Start + step * n;
                var signature = RequestSignature.Bind([.. BitConverter.GetBytes(n), .. new byte[60]], "PUT", "/api/v1/operations/op-" + n, at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                var leaf = LedgerLeaf.Encode(n, at, LedgerLeaf.Declaration, "RU", "0123456789abcdef0123456789abcdef", 1, new byte[32], signature);
                write.Ledger.Add(new LedgerEntryRecord(n, leaf, new byte[32], content, "operation/op-" + n));
            }

            await _store.CommitAsync(write, CancellationToken.None);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> ReadLeavesOnly()
    {
        long bytes = 0;
        for (long end = Entries; end > 0; end -= Page)
        {
            var from = Math.Max(0, end - Page);
            foreach (var leaf in await _store.ReadLedgerLeavesAsync(from, (int)(end - from), CancellationToken.None))
            {
                bytes += leaf.Length;
            }
        }

        return bytes;
    }

    [Benchmark]
    public async Task<SignatureReplayCache> FromLedger() =>
        await SignatureReplayCache.FromLedgerAsync(_store, Entries, _clock, TimeSpan.FromMinutes(10), CancellationToken.None);

    // The hub's clock as it stands when the hub starts.
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
