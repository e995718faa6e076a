using Tahaluf.Hub.Storage;
using Tahaluf.Testing.Storage;

namespace Tahaluf.Storage.Sqlite.Tests;

public sealed class SqliteHubStoreTests : HubStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tahaluf-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_directory, "hub.db");

    protected override async Task<IHubStore> CreateAsync()
    {
        var store = new SqliteHubStore(DatabasePath);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    protected override async Task<IHubStore> ReopenAsync(IHubStore store)
    {
        await store.DisposeAsync();
        return await CreateAsync();
    }

    [Fact]
    public async Task Migrate_Twice_IsIdempotent()
    {
        await using var store = await CreateAsync();
        await store.MigrateAsync(CancellationToken.None);
        Assert.Equal(0, (await store.LoadAsync(CancellationToken.None)).LedgerSize);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
