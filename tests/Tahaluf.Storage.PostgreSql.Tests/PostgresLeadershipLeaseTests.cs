namespace Tahaluf.Storage.PostgreSql.Tests;

public sealed class PostgresLeadershipLeaseTests : TwoStoresOnOneSchema
{
    [Fact]
    public async Task WriteTurn_HeldByOneStore_MakesTheOtherWaitUntilReleased()
    {
        var first = await First.TakeWriteTurnAsync(CancellationToken.None);
        var second = Second.TakeWriteTurnAsync(CancellationToken.None);
        await Task.Delay(300);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        Task<IAsyncDisposable> again;
        await using (await second.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            // The same store takes turns one after another too.
            again = Second.TakeWriteTurnAsync(CancellationToken.None);
            await Task.Delay(100);
            Assert.False(again.IsCompleted);
        }

        await (await again.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
    }

    [Fact]
    public async Task WriteTurn_HolderSessionKilled_TheOtherGetsIt()
    {
        await using var first = await First.TakeWriteTurnAsync(CancellationToken.None);
        var second = Second.TakeWriteTurnAsync(CancellationToken.None);
        Assert.True(await Schema.TerminateAsync(Schema.ApplicationName("a") + "/writer") >= 1);
        await using var turn = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(turn);
    }

    [Fact]
    public async Task TryAcquire_WhileAnotherStoreHolds_ReturnsNullUntilTheHolderDisposes()
    {
        var lease = await First.TryAcquireLeadershipAsync(CancellationToken.None);
        Assert.NotNull(lease);
        Assert.Null(await Second.TryAcquireLeadershipAsync(CancellationToken.None));
        Assert.Null(await First.TryAcquireLeadershipAsync(CancellationToken.None));
        Assert.Empty(await Schema.BackendsAsync(Schema.ApplicationName("b") + "/leader"));

        await lease.DisposeAsync();

        Assert.True(lease.Lost.IsCancellationRequested);
        await using var second = await Second.TryAcquireLeadershipAsync(CancellationToken.None);
        Assert.NotNull(second);
        Assert.False(second.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task Lost_HolderSessionTerminated_FiresAndAnotherStoreAcquires()
    {
        await using var lease = await First.TryAcquireLeadershipAsync(CancellationToken.None);
        Assert.NotNull(lease);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lease.Lost.Register(lost.SetResult);
        Assert.Null(await Second.TryAcquireLeadershipAsync(CancellationToken.None));

        Assert.Equal(1, await Schema.TerminateAsync(Schema.ApplicationName("a") + "/leader"));

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await using var second = await Second.TryAcquireLeadershipAsync(CancellationToken.None);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Lost_HolderHealthy_DoesNotFire()
    {
        await using var lease = await First.TryAcquireLeadershipAsync(CancellationToken.None);
        Assert.NotNull(lease);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.False(lease.Lost.IsCancellationRequested);
        Assert.Null(await Second.TryAcquireLeadershipAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_StoresOfDifferentSchemas_DoNotExcludeEachOther()
    {
        await using var otherSchema = await PostgresTestSchema.CreateAsync();
        await using var other = await PostgresHubStore.CreateAsync(otherSchema.ConnectionString("other"), CancellationToken.None);

        await using var mine = await First.TryAcquireLeadershipAsync(CancellationToken.None);
        await using var theirs = await other.TryAcquireLeadershipAsync(CancellationToken.None);

        Assert.NotNull(mine);
        Assert.NotNull(theirs);
    }

    [Fact]
    public async Task Dispose_Store_ReleasesItsLease()
    {
        var lease = await First.TryAcquireLeadershipAsync(CancellationToken.None);
        Assert.NotNull(lease);

        await First.DisposeAsync();

        Assert.True(lease.Lost.IsCancellationRequested);
        await using var second = await Second.TryAcquireLeadershipAsync(CancellationToken.None);
        Assert.NotNull(second);
    }
}
