using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.Sqlite.Tests;

/// <summary>
/// What a commit costs the disk: SQLite rewrites, in the WAL, a whole page of every b-tree a commit touches. Conflict
/// and notification ids are hashes, so an index keyed by them took a page of its own for nearly every new one; the
/// store keeps them as logs of versions that grow at their end (migration 4).
/// </summary>
public sealed class SqliteLayoutTests : IDisposable
{
    private const int WalFrameBytes = 4_096 + 24;
    private static readonly DateTimeOffset T0 = new(2015, 11, 24, 7, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("tahaluf-layout-").FullName;

    private string DatabasePath => Path.Combine(_directory, "hub.db");

    private long WalBytes => File.Exists(DatabasePath + "-wal") ? new FileInfo(DatabasePath + "-wal").Length : 0;

    [Fact]
    public async Task NewConflictsAndNotifications_WithHashedIds_WriteOnlyTheTailsOfTheirTables()
    {
        // No checkpoint for an hour: everything committed stays in the WAL, one frame per page per commit.
        await using var store = new SqliteHubStore(DatabasePath, TimeSpan.FromHours(1), restartFrames: 1_000_000);
        await store.MigrateAsync(CancellationToken.None);
        for (var i = 0; i < 40; i++)
        {
            await store.CommitAsync(Conflicts(100), CancellationToken.None); // 4,000 conflicts, 8,000 notifications
        }

        var frames = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var before = WalBytes;
            await store.CommitAsync(Conflicts(16), CancellationToken.None);
            frames.Add((WalBytes - before) / WalFrameBytes);
        }

        // 16 conflicts (~700 bytes each), 32 notifications (~300 bytes), 16 events: ~21 KB of rows at the tables' ends,
        // with the pages a filling leaf splits into and the file's header page: 13-15 frames per commit. With the ids'
        // key indexes (schema version 3), 46-51: the 16 + 32 random inserts landed on ~35 index pages more.
        Assert.All(frames, f => Assert.InRange(f, 4, 20));
        var loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(4_080, loaded.Conflicts.Count);
        Assert.Equal(8_160, loaded.Notifications.Count);
    }

    [Fact]
    public async Task TheLogs_HaveNoIndex_AndItemsHaveOnlyTheirVersionsKey()
    {
        await using (var store = new SqliteHubStore(DatabasePath))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tbl_name, name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('item_versions', 'conflict_versions', 'notification_versions', 'events', 'ledger') ORDER BY name";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0) + ":" + reader.GetString(1));
            }
        }

        Assert.Equal(["item_versions:sqlite_autoindex_item_versions_1"], indexes);
        command.CommandText = "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('items', 'conflicts', 'notifications')";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private long _sequence;
    private long _ledger;

    private StoreWrite Conflicts(int count)
    {
        var write = new StoreWrite();
        for (var i = 0; i < count; i++)
        {
            var id = "cfl-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "-1";
            write.Conflicts.Add(new ConflictRecord(id, "open", T0, null, Body(id, 700)));
            write.Events.Add(new EventRecord(++_sequence, T0, "conflict", "conflict", id, "{}"));
            foreach (var party in (ReadOnlySpan<string>)["RU", "TR"])
            {
                write.Notifications.Add(new NotificationRecord(id + "." + party, party, "pending", T0, T0.AddMinutes(2), Body(id, 300)));
            }
        }

        write.Ledger.Add(new LedgerEntryRecord(_ledger++, new byte[32], new byte[16], [1], "batch"));
        return write;
    }

    private static string Body(string id, int bytes) =>
        "{\"id\":\"" + id + "\",\"pad\":\"" + new string('x', bytes - id.Length - 20) + "\"}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
