using Tahaluf.Hub.Storage;
using Tahaluf.Testing.Storage;

namespace Tahaluf.Storage.PostgreSql.Tests;

public sealed class PostgresHubStoreTests : HubStoreContract, IAsyncLifetime
{
    private readonly List<IHubStore> _stores = [];
    private PostgresTestSchema? _schema;

    private PostgresTestSchema Schema => _schema ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _schema = await PostgresTestSchema.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    protected override async Task<IHubStore> CreateAsync()
    {
        var store = await PostgresHubStore.CreateAsync(Schema.ConnectionString("contract"), CancellationToken.None);
        _stores.Add(store);
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
        var store = await CreateAsync();
        await store.MigrateAsync(CancellationToken.None);

        Assert.Equal(PostgresSchema.Migrations.Length, await Schema.ScalarAsync($"SELECT COUNT(*) FROM {Schema.Name}.schema_migrations"));
        Assert.Equal(0, (await store.LoadAsync(CancellationToken.None)).LedgerSize);
    }

    [Fact]
    public async Task Migrate_FromVersion3_DropsTheUnusedRecipientIndex_KeepingTheRows()
    {
        // A schema as the version before this migration made it, with a notification in it.
        await Schema.ExecuteAsync(
            $"SET search_path TO {Schema.Name}; CREATE TABLE schema_migrations (version bigint PRIMARY KEY, applied_at bigint NOT NULL); "
            + string.Concat(PostgresSchema.Migrations.Take(3))
            + "INSERT INTO schema_migrations VALUES (1, 0), (2, 0), (3, 0); "
            + "INSERT INTO notifications VALUES ('n-1', 'TR', 'pending', 10, 20, '{}');");
        Assert.Equal(1, await Schema.ScalarAsync($"SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '{Schema.Name}' AND indexname = 'notifications_recipient'"));

        var store = await CreateAsync();

        Assert.Equal(0, await Schema.ScalarAsync($"SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '{Schema.Name}' AND indexname = 'notifications_recipient'"));
        Assert.Equal(PostgresSchema.Migrations.Length, await Schema.ScalarAsync($"SELECT MAX(version) FROM {Schema.Name}.schema_migrations"));
        Assert.Equal("n-1", Assert.Single((await store.LoadAsync(CancellationToken.None)).Notifications).Id);
    }

    [Fact]
    public async Task Migrate_FourStoresAtOnce_AppliesEachMigrationOnce()
    {
        var stores = Enumerable.Range(0, 4).Select(i => new PostgresHubStore(Schema.ConnectionString("m" + i))).ToList();
        _stores.AddRange(stores);

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(CancellationToken.None))));

        Assert.Equal(PostgresSchema.Migrations.Length, await Schema.ScalarAsync($"SELECT COUNT(*) FROM {Schema.Name}.schema_migrations"));
        Assert.Equal(PostgresSchema.Migrations.Length, await Schema.ScalarAsync($"SELECT MAX(version) FROM {Schema.Name}.schema_migrations"));
        var write = new StoreWrite();
        write.Events.Add(new EventRecord(1, DateTimeOffset.UnixEpoch, "item", "operation", "op-1", "{}"));
        await stores[3].CommitAsync(write, CancellationToken.None);
        Assert.Equal(1, (await stores[0].LoadAsync(CancellationToken.None)).LastEventSequence);
    }

    [Fact]
    public async Task Constructor_DifferentSearchPaths_GetDifferentChannelsAndLockKeys()
    {
        await using var a = new PostgresHubStore("Host=127.0.0.1;Search Path=hub_a");
        await using var b = new PostgresHubStore("Host=127.0.0.1;Search Path=hub_b");
        await using var a2 = new PostgresHubStore("Host=127.0.0.1;Search Path= hub_a ;Application Name=other");
        await using var none = new PostgresHubStore("Host=127.0.0.1");

        Assert.NotEqual(a.NotificationChannel, b.NotificationChannel);
        Assert.NotEqual(a.LeadershipLockKey, b.LeadershipLockKey);
        Assert.Equal((a.NotificationChannel, a.LeadershipLockKey), (a2.NotificationChannel, a2.LeadershipLockKey));
        Assert.Equal("tahaluf_commit", none.NotificationChannel);
        Assert.Matches("^tahaluf_commit_[0-9a-f]{16}$", a.NotificationChannel);
    }
}
