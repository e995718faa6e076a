using Microsoft.Data.Sqlite;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.Sqlite.Tests;

/// <summary>A database made by an earlier version is migrated in place: same rows, the new physical layout.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tahaluf-migrate-").FullName;

    private string DatabasePath => Path.Combine(_directory, "hub.db");

    [Fact]
    public async Task Version2Database_Migrates_KeepingEveryRow()
    {
        // A database at schema version 2 (with the index of notifications by recipient), with an item in two versions,
        // a conflict and its two notifications (migrations 3 and 4 run on it).
        await using (var old = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1), (2);"
                + SqliteSchema.Migrations[0] + SqliteSchema.Migrations[1]
                + """
                INSERT INTO items VALUES ('operation', 'op-1', 'TR', 2, 'active', '{"v":2}', x'02', 20, 7);
                INSERT INTO item_versions VALUES ('operation', 'op-1', 1, 'TR', 'planned', '{"v":1}', x'01', 10, 3);
                INSERT INTO item_versions VALUES ('operation', 'op-1', 2, 'TR', 'active', '{"v":2}', x'02', 20, 7);
                INSERT INTO items VALUES ('zone', 'z-1', 'RU', 1, 'active', '{"z":1}', x'03', 30, 8);
                INSERT INTO conflicts VALUES ('cfl-b', 'open', 50, NULL, '{"c":"b"}');
                INSERT INTO conflicts VALUES ('cfl-a', 'closed', 40, 45, '{"c":"a"}');
                INSERT INTO notifications VALUES ('cfl-b.TR', 'TR', 'pending', 50, 170, '{"n":"b.TR"}');
                INSERT INTO notifications VALUES ('cfl-b.RU', 'RU', 'acknowledged', 50, 170, '{"n":"b.RU"}');
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteHubStore(DatabasePath);
        await store.MigrateAsync(CancellationToken.None);

        var loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(2, loaded.Items.Count);
        var item = loaded.Items[0];
        Assert.Equal(("op-1", 2L, "active", """{"v":2}""", 7L), (item.Id, item.Version, item.State, item.BodyJson, item.LedgerIndex));
        // A current row with no history row (never written so, but kept if found) becomes its item's one version.
        Assert.Equal(("z-1", 1L, "RU", """{"z":1}"""), (loaded.Items[1].Id, loaded.Items[1].Version, loaded.Items[1].Owner, loaded.Items[1].BodyJson));
        Assert.Equal(
            [new ConflictRecord("cfl-a", "closed", Ticks(40), Ticks(45), """{"c":"a"}"""), new ConflictRecord("cfl-b", "open", Ticks(50), null, """{"c":"b"}""")],
            loaded.Conflicts);
        Assert.Equal(
            [("cfl-b.RU", "RU", "acknowledged", """{"n":"b.RU"}"""), ("cfl-b.TR", "TR", "pending", """{"n":"b.TR"}""")],
            loaded.Notifications.Select(n => (n.Id, n.Recipient, n.State, n.BodyJson)));
        Assert.Equal(Ticks(170), loaded.Notifications[1].DeadlineAt);

        // A later version of a migrated notification and item wins over the migrated one.
        var next = new StoreWrite();
        next.Notifications.Add(new NotificationRecord("cfl-b.TR", "TR", "escalated", Ticks(50), Ticks(170), """{"n":2}"""));
        next.Items.Add(new ItemRecord("zone", "z-1", "RU", 2, "ended", """{"z":2}""", [4], Ticks(60), 9));
        await store.CommitAsync(next, CancellationToken.None);
        loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Equal("escalated", loaded.Notifications.Single(n => n.Id == "cfl-b.TR").State);
        Assert.Equal((2L, "ended"), (loaded.Items[1].Version, loaded.Items[1].State));
        Assert.Equal([1L, 2L], (await store.GetItemHistoryAsync("zone", "z-1", CancellationToken.None)).Select(h => h.Version));
        var history = await store.GetItemHistoryAsync("operation", "op-1", CancellationToken.None);
        Assert.Equal([1L, 2L], history.Select(h => h.Version));
        Assert.Equal(["""{"v":1}""", """{"v":2}"""], history.Select(h => h.BodyJson));

        await using var check = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await check.OpenAsync();
        Assert.Equal("0", await ScalarAsync(check, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'notifications_recipient'"));
        Assert.Equal(SqliteSchema.Migrations.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await ScalarAsync(check, "SELECT MAX(version) FROM schema_version"));
    }

    private static DateTimeOffset Ticks(long ticks) => new(ticks, TimeSpan.Zero);

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
