using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Receipts;

namespace Tahaluf.Ledger.Tests.Checkpoints;

/// <summary>Frozen bytes: any change here breaks every stored checkpoint and receipt. Add vectors, never edit them.</summary>
public sealed class LedgerGoldenTests
{
    private const string CheckpointText = "tahaluf.example/log\n8\ntpcyzlyRQWLKmsz69OldP5h01ogFQ3CIqv8YSk25Z3M=\n";

    private const string LogLine = "— tahaluf.example/log wKrmFHRXoehe7Ze+tfQ+uQvZJVU840hys/Fr19SmicmTjj5m9QaeZsY1R3owBpRq/WWfesmF52QjgxbHmjXWeZlMKwg=\n";

    private const string WitnessLine = "— witness.example/w1 CdzwvQAAAABWVkuAADkMDgkBakGkVTE8krYnsOlnDefPl3NOPKc4+IT4EIT8ZGVYoOwNOXxMOinEGmm41coWJcnd4NPq9AeIF4y5Dg==\n";

    private const string ReceiptText =
        "c2sp.org/tlog-proof@v1\n" +
        "index 5\n" +
        "SFM123z+yWXxX/dF/GJcQdXqJkaTaTAWWCj3PdS2iFQ=\n" +
        "/w4ywg/2W5esELOyZ3uHKqPVoCh9lFesukflfPSkpz8=\n" +
        "l5nzB1F+9RfCIF35tndivzR1ayAJn7ffzOdrzr0nOy4=\n" +
        "\n" +
        CheckpointText + "\n" + LogLine + WitnessLine;

    [Fact]
    public void Keys_FixedSeed_FrozenStrings()
    {
        using var log = Fixtures.LogSigner();
        using var witness = Fixtures.WitnessSigner();

        Assert.Equal("PRIVATE+KEY+tahaluf.example/log+c0aae614+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f", log.SignerKey);
        Assert.Equal("tahaluf.example/log+c0aae614+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4", log.Verifier.VerifierKey);
        Assert.Equal("witness.example/w1+09dcf0bd+BAu8NGpXZnw4ASC9nH/X5R0sX9/qN80vW/QFssa/by14", witness.Verifier.VerifierKey);
    }

    [Fact]
    public void CheckpointText_EightEntries_Frozen()
    {
        using var tree = Fixtures.Tree(8);
        Assert.Equal(CheckpointText, new Checkpoint(Fixtures.Origin, 8, tree.RootHash(8)).ToText());
    }

    [Fact]
    public void SignedCheckpoint_FixedKeysAndTime_FrozenBytes()
    {
        using var log = Fixtures.LogSigner();
        using var witness = Fixtures.WitnessSigner();
        using var tree = Fixtures.Tree(8);
        var checkpoint = new Checkpoint(Fixtures.Origin, 8, tree.RootHash(8));

        var note = checkpoint.Sign(log).WithSignature(witness.Cosign(checkpoint.ToText(), Fixtures.CosignTime));

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(CheckpointText + "\n" + LogLine + WitnessLine), note.ToBytes());
    }

    [Fact]
    public void Receipt_FixedKeysAndTime_FrozenText()
    {
        using var log = Fixtures.LogSigner();
        using var witness = Fixtures.WitnessSigner();
        using var tree = Fixtures.Tree(8);
        var checkpoint = new Checkpoint(Fixtures.Origin, 8, tree.RootHash(8));
        var note = checkpoint.Sign(log).WithSignature(witness.Cosign(checkpoint.ToText(), Fixtures.CosignTime));

        Assert.Equal(ReceiptText, new Receipt(5, tree.InclusionProof(5, 8), note).ToText());
    }

    [Fact]
    public void FrozenReceipt_VerifiesWithFrozenKeys()
    {
        var logKey = NoteVerifier.Parse("tahaluf.example/log+c0aae614+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4").Value!;
        var witnessKey = NoteVerifier.Parse("witness.example/w1+09dcf0bd+BAu8NGpXZnw4ASC9nH/X5R0sX9/qN80vW/QFssa/by14").Value!;

        var result = ReceiptVerifier.VerifyLeafData(ReceiptText, "entry 5"u8, logKey, [witnessKey]);

        Assert.True(result.IsVerified, result.Error?.ToString());
        Assert.Equal(8, result.TreeSize);
        Assert.Equal(5, result.Index);
        Assert.Equal(Fixtures.CosignTime, Assert.Single(result.Witnesses).Timestamp);
    }
}
