using System.Collections.Concurrent;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.PostgreSql.Tests;

public sealed class PostgresCommitSubscriptionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2015, 11, 24, 7, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentQueue<long> _received = new();
    private readonly SemaphoreSlim _signal = new(0);
    private PostgresTestSchema? _schema;
    private PostgresHubStore? _listener;
    private PostgresHubStore? _writer;

    private PostgresTestSchema Schema => _schema!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync();
        _listener = await PostgresHubStore.CreateAsync(Schema.ConnectionString("listener"), CancellationToken.None);
        _writer = await PostgresHubStore.CreateAsync(Schema.ConnectionString("writer"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        _signal.Dispose();
    }

    private void OnCommitted(long sequence)
    {
        _received.Enqueue(sequence);
        _signal.Release();
    }

    private async Task<long> NextAsync(TimeSpan within)
    {
        Assert.True(await _signal.WaitAsync(within), $"nothing delivered within {within.TotalSeconds} s");
        Assert.True(_received.TryDequeue(out var sequence));
        return sequence;
    }

    private async Task CommitEventsAsync(long first, int count)
    {
        var write = new StoreWrite();
        for (var i = 0; i < count; i++)
        {
            write.Events.Add(new EventRecord(first + i, T0, "item", "operation", "op", "{}"));
        }

        await _writer!.CommitAsync(write, CancellationToken.None);
    }

    [Fact]
    public async Task Subscribe_CommitByAnotherStore_DeliversItsLastSequenceWithinOneSecond()
    {
        await using var subscription = await _listener!.SubscribeAsync(OnCommitted, CancellationToken.None);

        await CommitEventsAsync(1, 3);
        Assert.Equal(3, await NextAsync(TimeSpan.FromSeconds(1)));
        await CommitEventsAsync(4, 1);
        Assert.Equal(4, await NextAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Subscribe_RefusedCommitAndCommitWithoutEvents_AreNotDelivered()
    {
        await using var subscription = await _listener!.SubscribeAsync(OnCommitted, CancellationToken.None);

        await Assert.ThrowsAsync<StoreConflictException>(() => CommitEventsAsync(5, 1));
        var noEvents = new StoreWrite();
        noEvents.Agreements.Add(new AgreementRecord("RU", "FR", "operation", "envelope"));
        await _writer!.CommitAsync(noEvents, CancellationToken.None);
        await CommitEventsAsync(1, 1);

        Assert.Equal(1, await NextAsync(TimeSpan.FromSeconds(1)));
        Assert.Empty(_received);
    }

    [Fact]
    public async Task Subscribe_OtherSchemaInTheSameDatabase_IsNotDelivered()
    {
        await using var otherSchema = await PostgresTestSchema.CreateAsync();
        await using var otherStore = await PostgresHubStore.CreateAsync(otherSchema.ConnectionString("other"), CancellationToken.None);
        await using var subscription = await _listener!.SubscribeAsync(OnCommitted, CancellationToken.None);

        var write = new StoreWrite();
        write.Events.Add(new EventRecord(1, T0, "item", "operation", "op", "{}"));
        write.Events.Add(new EventRecord(2, T0, "item", "operation", "op", "{}"));
        await otherStore.CommitAsync(write, CancellationToken.None);
        await CommitEventsAsync(1, 1);

        Assert.Equal(1, await NextAsync(TimeSpan.FromSeconds(1)));
        Assert.Empty(_received);
    }

    [Fact]
    public async Task Subscribe_ListenSessionTerminated_ReconnectsAndDeliversWhatWasCommitted()
    {
        await using var subscription = await _listener!.SubscribeAsync(OnCommitted, CancellationToken.None);
        var listen = Schema.ApplicationName("listener") + "/listen";
        var before = Assert.Single(await Schema.BackendsAsync(listen));

        Assert.Equal(1, await Schema.TerminateAsync(listen));
        await CommitEventsAsync(1, 2);

        // Either the new LISTEN was in place for the notification or the catch-up read finds sequence 2.
        Assert.Equal(2, await NextAsync(TimeSpan.FromSeconds(5)));
        var after = Assert.Single(await Schema.BackendsAsync(listen));
        Assert.NotEqual(before, after);
        await CommitEventsAsync(3, 1);
        Assert.Equal(3, await NextAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Subscribe_TerminatedWhileNothingIsCommitted_CatchesUpWithTheStoredLastSequence()
    {
        await CommitEventsAsync(1, 4);
        await using var subscription = await _listener!.SubscribeAsync(OnCommitted, CancellationToken.None);
        Assert.False(await _signal.WaitAsync(TimeSpan.FromMilliseconds(200)), "a fresh subscription delivers only new commits");

        Assert.Equal(1, await Schema.TerminateAsync(Schema.ApplicationName("listener") + "/listen"));

        Assert.Equal(4, await NextAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Dispose_Subscription_ClosesItsSessionAndStopsDelivering()
    {
        var subscription = await _listener!.SubscribeAsync(OnCommitted, CancellationToken.None);
        var listen = Schema.ApplicationName("listener") + "/listen";
        Assert.Single(await Schema.BackendsAsync(listen));

        await subscription.DisposeAsync();
        await Poll.UntilAsync(async () => (await Schema.BackendsAsync(listen)).Count == 0, TimeSpan.FromSeconds(5), "the listen session closes");
        await CommitEventsAsync(1, 1);

        Assert.False(await _signal.WaitAsync(TimeSpan.FromMilliseconds(300)), "delivered after dispose");
    }
}
