using System.Text;
using Npgsql;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.PostgreSql.Tests;

/// <summary>Two store objects on one database stand for two hub processes: their own pools, no shared lock.</summary>
public sealed class PostgresHubStoreConcurrencyTests : TwoStoresOnOneSchema
{
    private static readonly DateTimeOffset T0 = new(2015, 11, 24, 7, 0, 0, TimeSpan.Zero);
    private static ItemRecord Item(string id, long version, string body = "{}") =>
        new("operation", id, "RU", version, "planned", body, Encoding.UTF8.GetBytes(body), T0, 0);

    private static StoreWrite Claim(long sequence, string itemId)
    {
        var write = new StoreWrite();
        write.Items.Add(Item(itemId, 1));
        write.Partners.Add(new PartnerRecord("RU", "member", "{}", null, new byte[32], T0));
        write.Events.Add(new EventRecord(sequence, T0, "item", "operation", itemId, "{}"));
        write.Ledger.Add(new LedgerEntryRecord(sequence - 1, [1], new byte[32], [2], "operation/" + itemId));
        return write;
    }

    /// <summary>Starts both commits together and reports which ones failed with a store conflict.</summary>
    private static async Task<(bool AWon, bool BWon)> RaceAsync(Func<Task> a, Func<Task> b)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<bool> Run(Func<Task> commit)
        {
            await gate.Task;
            try
            {
                await commit();
                return true;
            }
            catch (StoreConflictException)
            {
                return false;
            }
        }

        var ta = Task.Run(() => Run(a));
        var tb = Task.Run(() => Run(b));
        gate.SetResult();
        var results = await Task.WhenAll(ta, tb);
        return (results[0], results[1]);
    }

    [Fact]
    public async Task Commit_TwoStoresClaimTheSameSequence_ExactlyOneWinsAndTheLoserWritesNothing()
    {
        const int rounds = 20;
        var winners = new List<string>();
        for (var seq = 1L; seq <= rounds; seq++)
        {
            var (aWon, bWon) = await RaceAsync(
                () => First.CommitAsync(Claim(seq, $"a-{seq}"), CancellationToken.None),
                () => Second.CommitAsync(Claim(seq, $"b-{seq}"), CancellationToken.None));
            Assert.True(aWon ^ bWon, $"round {seq}: a won {aWon}, b won {bWon}");
            winners.Add(aWon ? $"a-{seq}" : $"b-{seq}");
        }

        var snapshot = await First.LoadAsync(CancellationToken.None);
        Assert.Equal(winners.Order(StringComparer.Ordinal), snapshot.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(rounds, snapshot.LastEventSequence);
        Assert.Equal(rounds, snapshot.LedgerSize);
        var events = await Second.ReadEventsAsync(0, 100, CancellationToken.None);
        Assert.Equal(winners, events.Select(e => e.SubjectId));
        var ledger = await Second.ReadLedgerAsync(0, 100, CancellationToken.None);
        Assert.Equal(winners.Select(w => "operation/" + w), ledger.Select(l => l.Subject));
    }

    [Fact]
    public async Task Commit_TwoStoresWriteTheSameItemVersion_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var id = "op-" + round;
            var (aWon, bWon) = await RaceAsync(
                async () =>
                {
                    var write = new StoreWrite();
                    write.Items.Add(Item(id, 1, """{"by":"a"}"""));
                    await First.CommitAsync(write, CancellationToken.None);
                },
                async () =>
                {
                    var write = new StoreWrite();
                    write.Items.Add(Item(id, 1, """{"by":"b"}"""));
                    await Second.CommitAsync(write, CancellationToken.None);
                });
            Assert.True(aWon ^ bWon, $"round {round}: a won {aWon}, b won {bWon}");

            var history = await First.GetItemHistoryAsync("operation", id, CancellationToken.None);
            Assert.Equal(aWon ? """{"by":"a"}""" : """{"by":"b"}""", Assert.Single(history).BodyJson);
        }
    }

    [Fact]
    public async Task Commit_SequenceTakenByAnUncommittedTransaction_FailsWithConflictOnceItCommits()
    {
        // Forces the race past the continuity check: the store reads max(seq) = 0 and only the primary key
        // can stop it.
        await using var other = await Schema.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO events (seq, time, type, subject_kind, subject_id, payload_json) VALUES (1, 0, 'item', 'operation', 'other', '{}')", other, transaction))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var commit = First.CommitAsync(Claim(1, "mine"), CancellationToken.None);
        await Poll.UntilAsync(
            async () => await Schema.ScalarAsync($"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '{Schema.ApplicationName("a")}' AND wait_event_type = 'Lock'") == 1,
            TimeSpan.FromSeconds(10),
            "the commit waits on the uncommitted row");
        Assert.False(commit.IsCompleted);

        await transaction.CommitAsync();

        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => commit);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(conflict.InnerException).SqlState);
        var snapshot = await Second.LoadAsync(CancellationToken.None);
        Assert.Empty(snapshot.Items);
        Assert.Empty(snapshot.Partners);
        Assert.Equal(0, snapshot.LedgerSize);
        Assert.Equal("other", Assert.Single(await Second.ReadEventsAsync(0, 10, CancellationToken.None)).SubjectId);
    }

    [Fact]
    public async Task Commit_AfterTheOtherStoreMovedOn_ContinuesFromTheStoredSequence()
    {
        await First.CommitAsync(Claim(1, "a-1"), CancellationToken.None);
        await Assert.ThrowsAsync<StoreConflictException>(() => Second.CommitAsync(Claim(1, "b-1"), CancellationToken.None));

        var snapshot = await Second.LoadAsync(CancellationToken.None);
        await Second.CommitAsync(Claim(snapshot.LastEventSequence + 1, "b-2"), CancellationToken.None);

        Assert.Equal(["a-1", "b-2"], (await First.ReadEventsAsync(0, 10, CancellationToken.None)).Select(e => e.SubjectId));
    }
}
