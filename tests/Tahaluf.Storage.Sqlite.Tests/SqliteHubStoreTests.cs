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

    [Fact]
    public async Task Commit_RefusedByAConstraint_IsAStoreConflict_WritesNothing_AndTheNextCommitGoesThrough()
    {
        var t0 = new DateTimeOffset(2015, 11, 24, 7, 0, 0, TimeSpan.Zero);
        await using var store = await CreateAsync();
        var refused = new StoreWrite();
        refused.Items.Add(new ItemRecord("operation", "op-1", "RU", 1, "planned", "{}", [1], t0, 0));
        refused.Partners.Add(new PartnerRecord("RU", "member", "{}", null, [7], t0));
        refused.Ledger.Add(new LedgerEntryRecord(0, null!, [], [], "operation/op-1")); // leaf is NOT NULL, written last

        var e = await Assert.ThrowsAsync<StoreConflictException>(() => store.CommitAsync(refused, CancellationToken.None));
        Assert.Contains("NOT NULL", e.Message, StringComparison.Ordinal);
        var empty = await store.LoadAsync(CancellationToken.None);
        Assert.Empty(empty.Items);
        Assert.Empty(empty.Partners);

        // The statements were reset by the failure: the same ones commit the next write.
        var next = new StoreWrite();
        next.Partners.Add(new PartnerRecord("RU", "member", "{}", null, [7], t0));
        next.Items.Add(new ItemRecord("operation", "op-1", "RU", 1, "planned", "{}", [1], t0, 0));
        await store.CommitAsync(next, CancellationToken.None);
        var snapshot = await store.LoadAsync(CancellationToken.None);
        Assert.Equal("op-1", Assert.Single(snapshot.Items).Id);
        Assert.Equal([7], Assert.Single(snapshot.Partners).TokenHash);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
