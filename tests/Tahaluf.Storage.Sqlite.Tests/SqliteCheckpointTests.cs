using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.Sqlite.Tests;

/// <summary>
/// The WAL is copied back by the store's own checkpointer, never inside a commit (SQLite's automatic checkpoint
/// stalled the single writer's commits), and it stays bounded under steady writes, when background checkpoints
/// alone never reach the WAL's end.
/// </summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tahaluf-wal-").FullName;
    private long _ledgerSize;

    private string DatabasePath => Path.Combine(_directory, "hub.db");

    private long DatabaseBytes => new FileInfo(DatabasePath).Length;

    private long WalBytes => File.Exists(DatabasePath + "-wal") ? new FileInfo(DatabasePath + "-wal").Length : 0;

    [Fact]
    public async Task Commits_LeaveTheWalToTheCheckpointer()
    {
        // 60 x 100 KB ≈ 1,500 pages: past the 1,000 at which SQLite would checkpoint inside a commit.
        await using var store = new SqliteHubStore(DatabasePath, TimeSpan.FromHours(1), restartFrames: 4_096);
        await store.MigrateAsync(CancellationToken.None);
        await CommitAsync(store, 60, 100_000);

        // Everything is durable in the WAL; none of it was copied back by a commit.
        Assert.True(WalBytes > 6_000_000, $"WAL {WalBytes} bytes");
        Assert.True(DatabaseBytes < 1_000_000, $"database file {DatabaseBytes} bytes: a commit checkpointed");
        Assert.Equal(0, store.CheckpointsRun);
        Assert.Equal(60, (await store.LoadAsync(CancellationToken.None)).LedgerSize);
    }

    [Fact]
    public async Task SteadyCommits_KeepTheWalBounded_AndLoseNothing()
    {
        // 160 x 500 KB = 80 MB committed back to back, no idle moment for the checkpointer to catch up in.
        const int count = 160;
        const int bytes = 500_000;
        long largestWal = 0;
        await using (var store = new SqliteHubStore(DatabasePath, TimeSpan.FromMilliseconds(5), restartFrames: 4_096))
        {
            await store.MigrateAsync(CancellationToken.None);
            for (var i = 0; i < count; i += 8)
            {
                await CommitAsync(store, 8, bytes);
                largestWal = Math.Max(largestWal, WalBytes);
            }

            Assert.True(store.CheckpointsRun > 0);
        }

        // Restarted from its start again and again (the file keeps its high-water mark, up to journal_size_limit).
        Assert.True(largestWal < 48_000_000, $"the WAL grew to {largestWal} bytes for {count * bytes} committed");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var reopened = new SqliteHubStore(DatabasePath);
        var ledger = await reopened.ReadLedgerAsync(0, 1_000, CancellationToken.None);
        Assert.Equal(count, ledger.Count);
        Assert.All(ledger, e => Assert.Equal(bytes, e.Content.Length));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), ledger.Select(e => e.Index));
    }

    [Fact]
    public async Task AReaderHoldingAnOldSnapshot_IsReportedWhileItKeepsTheWalFromShrinking()
    {
        await using var store = new SqliteHubStore(DatabasePath, TimeSpan.FromMilliseconds(5), restartFrames: 4_096);
        await store.MigrateAsync(CancellationToken.None);
        await CommitAsync(store, 1, 1_000);
        Assert.Null(store.MaintenanceProblem);

        // A read transaction left open: SQLite cannot copy back frames committed after its snapshot.
        var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await reader.OpenAsync();
        var transaction = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT COUNT(*) FROM ledger";
            Assert.Equal(1L, await read.ExecuteScalarAsync());
        }

        // 80 MB more: past the 64 MB of WAL at which the store calls the WAL stuck.
        await CommitAsync(store, 160, 500_000);
        var problem = await PollAsync(() => store.MaintenanceProblem, p => p is not null);
        Assert.Contains("read transaction left open", problem, StringComparison.Ordinal);
        Assert.True(WalBytes > 64_000_000, $"WAL {WalBytes} bytes");

        // The reader ends: the next checkpoints copy everything back, and the problem is gone.
        transaction.Dispose();
        await reader.DisposeAsync();
        await CommitAsync(store, 1, 1_000);
        Assert.Null(await PollAsync(() => store.MaintenanceProblem, p => p is null));
        Assert.Equal(162, (await store.ReadLedgerAsync(0, 1_000, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task FailingCheckpoints_AreReported_CommitsGoOn_AndTheNextGoodOneClearsTheReport()
    {
        await using var store = new SqliteHubStore(DatabasePath, TimeSpan.FromMilliseconds(5), restartFrames: 4_096);
        await store.MigrateAsync(CancellationToken.None);
        var failing = 1;
        store.BeforeCheckpoint = () =>
        {
            if (Volatile.Read(ref failing) == 1)
            {
                throw new Microsoft.Data.Sqlite.SqliteException("disk I/O error (injected)", 10);
            }
        };

        // Every checkpoint fails: the store says so, and what is committed stays durable in the WAL.
        await CommitAsync(store, 20, 100_000);
        var problem = await PollAsync(() => store.MaintenanceProblem, p => p is not null);
        Assert.Contains("checkpoint(s) in a row failed", problem, StringComparison.Ordinal);
        Assert.Contains("disk I/O error (injected)", problem, StringComparison.Ordinal);
        await CommitAsync(store, 20, 100_000);
        Assert.True(WalBytes > 4_000_000, $"WAL {WalBytes} bytes");
        Assert.True(DatabaseBytes < 1_000_000, $"database file {DatabaseBytes} bytes: a failed checkpoint copied pages back");
        Assert.Equal(40, (await store.ReadLedgerAsync(0, 1_000, CancellationToken.None)).Count);

        // The fault clears: the next commit's checkpoint copies everything back (on a fresh connection) and the report goes.
        Volatile.Write(ref failing, 0);
        await CommitAsync(store, 1, 1_000);
        Assert.Null(await PollAsync(() => store.MaintenanceProblem, p => p is null));
        Assert.True(await PollAsync(() => DatabaseBytes > 4_000_000 ? "copied" : null, p => p is not null) is not null, $"database file {DatabaseBytes} bytes after a good checkpoint");
        Assert.Equal(41, (await store.ReadLedgerAsync(0, 1_000, CancellationToken.None)).Count);
    }

    private static async Task<string?> PollAsync(Func<string?> read, Func<string?, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done(read()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return read();
    }

    private async Task CommitAsync(SqliteHubStore store, int count, int bytes)
    {
        for (var i = 0; i < count; i++)
        {
            var write = new StoreWrite();
            var content = new byte[bytes];
            Random.Shared.NextBytes(content);
            write.Ledger.Add(new LedgerEntryRecord(_ledgerSize, [1, 2, 3], new byte[32], content, "test/" + _ledgerSize));
            await store.CommitAsync(write, CancellationToken.None);
            _ledgerSize++;
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
