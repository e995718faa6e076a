using System.Text;
using Tahaluf.Hub.Ledger;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Cli.Tests.Ledger;

/// <summary>The latest checkpoint is signed when asked for, and always covers every committed leaf.</summary>
public sealed class HubLedgerCheckpointTests
{
    private static HubLedger Ledger() => new(new InMemoryNodeStore(), NoteSigner.FromSeed("hub.test", [.. Enumerable.Range(1, 32).Select(i => (byte)i)]), "hub.test");

    private static void Append(HubLedger ledger, int count) =>
        ledger.AppendCommitted([.. Enumerable.Range(0, count).Select(i => (ledger.Size + i, Encoding.UTF8.GetBytes($"leaf {ledger.Size + i}")))]);

    [Fact]
    public void Latest_AfterEachAppend_CoversEveryLeaf_AndVerifies()
    {
        using var ledger = Ledger();
        var hubKey = NoteVerifier.Parse(ledger.VerifierKey).Value!;
        foreach (var count in new[] { 1, 3, 250 })
        {
            Append(ledger, count);
            var latest = ledger.Latest;
            Assert.Equal(ledger.Size, latest.Checkpoint.Size);
            Assert.Equal(ledger.RootHash(ledger.Size), latest.Checkpoint.RootHash);
            Assert.True(SignedNote.Parse(latest.Note.ToString()).Value!.Verify([hubKey]).IsVerified);
            Assert.Same(latest, ledger.Latest);
        }
    }

    [Fact]
    public async Task Latest_ReadWhileAppending_IsNeverAheadOfTheTree_AndGrows()
    {
        using var ledger = Ledger();
        using var done = new CancellationTokenSource();
        // Threads of their own: spinning readers on the pool could hold up other tests' work.
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var seen = 0L;
            while (!done.IsCancellationRequested)
            {
                var size = ledger.Latest.Checkpoint.Size;
                Assert.True(size >= seen, $"checkpoint went back from {seen} to {size}");
                Assert.True(size <= ledger.Size);
                seen = size;
            }

            return seen;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        for (var i = 0; i < 2_000; i++)
        {
            Append(ledger, 1 + (i % 3));
        }

        await done.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(ledger.Size, ledger.Latest.Checkpoint.Size);
        Assert.Equal(ledger.RootHash(ledger.Size), ledger.Latest.Checkpoint.RootHash);
    }
}
