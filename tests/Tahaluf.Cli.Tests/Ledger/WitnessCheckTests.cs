using System.Text;
using Tahaluf.Cli.Ledger;
using Tahaluf.Hub.Ledger;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Cli.Tests.Ledger;

/// <summary>The witness accepts a growing log and refuses a fork or a shrinking tree.</summary>
public sealed class WitnessCheckTests
{
    private static readonly byte[] Seed = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static HubLedger Ledger() => new(new InMemoryNodeStore(), NoteSigner.FromSeed("hub.test", Seed), "hub.test");

    private static void Append(HubLedger ledger, params string[] leaves) =>
        ledger.AppendCommitted([.. leaves.Select((l, i) => (ledger.Size + i, Encoding.UTF8.GetBytes(l)))]);

    private static Func<long, long, Task<IReadOnlyList<byte[]>>> Proofs(HubLedger ledger) =>
        (from, to) => Task.FromResult<IReadOnlyList<byte[]>>(ledger.ConsistencyProof(from, to));

    [Fact]
    public async Task Check_GrowingLog_IsAcceptedAndCosigned()
    {
        using var ledger = Ledger();
        Append(ledger, "a", "b", "c");
        var first = ledger.Latest.Note.ToString();
        Append(ledger, "d", "e");
        var second = ledger.Latest.Note.ToString();
        var hubKey = NoteVerifier.Parse(ledger.VerifierKey).Value!;

        Assert.Null(await WitnessCheck.CheckAsync(null, first, hubKey, Proofs(ledger)));
        Assert.Null(await WitnessCheck.CheckAsync(first, second, hubKey, Proofs(ledger)));

        using var witness = NoteSigner.Generate("witness.test", NoteKeyType.Ed25519Cosignature);
        var cosigned = WitnessCheck.Cosign(second, witness, 1_448_350_000);
        var verified = SignedNote.Parse(cosigned).Value!.Verify([hubKey, witness.Verifier]);
        Assert.True(verified.IsVerified);
        Assert.Equal(2, verified.Verified.Count);
    }

    [Fact]
    public async Task Check_SameSizeDifferentRoot_IsAFork()
    {
        using var honest = Ledger();
        using var forked = Ledger();
        Append(honest, "a", "b", "c");
        Append(forked, "a", "B", "c");
        var hubKey = NoteVerifier.Parse(honest.VerifierKey).Value!;

        var refusal = await WitnessCheck.CheckAsync(honest.Latest.Note.ToString(), forked.Latest.Note.ToString(), hubKey, Proofs(forked));
        Assert.NotNull(refusal);
        Assert.Contains("fork", refusal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Check_RewrittenHistoryThatGrew_FailsTheConsistencyProof()
    {
        using var honest = Ledger();
        using var forked = Ledger();
        Append(honest, "a", "b", "c");
        Append(forked, "a", "X", "c", "d");
        var hubKey = NoteVerifier.Parse(honest.VerifierKey).Value!;

        Assert.NotNull(await WitnessCheck.CheckAsync(honest.Latest.Note.ToString(), forked.Latest.Note.ToString(), hubKey, Proofs(forked)));
    }

    [Fact]
    public async Task Check_ShrinkingTree_IsRefused()
    {
        using var big = Ledger();
        using var small = Ledger();
        Append(big, "a", "b", "c");
        Append(small, "a", "b");
        var hubKey = NoteVerifier.Parse(big.VerifierKey).Value!;

        Assert.NotNull(await WitnessCheck.CheckAsync(big.Latest.Note.ToString(), small.Latest.Note.ToString(), hubKey, Proofs(small)));
    }

    [Fact]
    public async Task Check_CheckpointSignedByAnotherKey_IsRefused()
    {
        using var ledger = Ledger();
        Append(ledger, "a");
        using var impostor = new HubLedger(new InMemoryNodeStore(), NoteSigner.Generate("hub.test"), "hub.test");
        Append(impostor, "a", "b");
        var hubKey = NoteVerifier.Parse(ledger.VerifierKey).Value!;

        Assert.NotNull(await WitnessCheck.CheckAsync(ledger.Latest.Note.ToString(), impostor.Latest.Note.ToString(), hubKey, Proofs(impostor)));
    }

    [Fact]
    public void Verify_ReceiptAgainstAForkedKnownCheckpoint_SaysFork()
    {
        using var honest = Ledger();
        using var forked = Ledger();
        Append(honest, "a", "b", "c");
        Append(forked, "a", "B", "c");
        var leaf = Encoding.UTF8.GetBytes("a");
        var receipt = forked.Receipt(0, leaf)!;

        var (ok, report) = ReceiptCheck.Run(receipt, honest.VerifierKey, null, null, null, null, honest.Latest.Note.ToString());

        Assert.False(ok);
        Assert.Contains(report, l => l.StartsWith("FORK", StringComparison.Ordinal));
    }
}
