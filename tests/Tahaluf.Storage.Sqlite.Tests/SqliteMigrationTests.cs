using Microsoft.Data.Sqlite;

namespace Tahaluf.Storage.Sqlite.Tests;

/// <summary>A database made by an earlier version is migrated in place: same rows, the new physical layout.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tahaluf-migrate-").FullName;

    private string DatabasePath => Path.Combine(_directory, "hub.db");

    [Fact]
    public async Task Version2Database_Migrates_KeepingEveryRow()
    {
        // A database at schema version 2 (with the index of notifications by recipient), with an item in two versions.
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
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteHubStore(DatabasePath);
        await store.MigrateAsync(CancellationToken.None);

        var item = Assert.Single((await store.LoadAsync(CancellationToken.None)).Items);
        Assert.Equal(("op-1", 2L, "active", """{"v":2}""", 7L), (item.Id, item.Version, item.State, item.BodyJson, item.LedgerIndex));
        var history = await store.GetItemHistoryAsync("operation", "op-1", CancellationToken.None);
        Assert.Equal([1L, 2L], history.Select(h => h.Version));
        Assert.Equal(["""{"v":1}""", """{"v":2}"""], history.Select(h => h.BodyJson));

        await using var check = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await check.OpenAsync();
        Assert.Equal("0", await ScalarAsync(check, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'notifications_recipient'"));
        Assert.Equal(SqliteSchema.Migrations.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await ScalarAsync(check, "SELECT MAX(version) FROM schema_version"));
    }

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
