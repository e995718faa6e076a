using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Receipts;

namespace Tahaluf.Ledger.Tests.Receipts;

public sealed class ReceiptTests
{
    private static string MakeReceipt(int index, int size, bool cosign = false, byte[]? extra = null)
    {
        using var log = Fixtures.LogSigner();
        using var witness = Fixtures.WitnessSigner();
        using var tree = Fixtures.Tree(size);
        var checkpoint = new Checkpoint(Fixtures.Origin, size, tree.RootHash(size));
        var note = checkpoint.Sign(log);
        if (cosign)
        {
            note = note.WithSignature(witness.Cosign(checkpoint.ToText(), Fixtures.CosignTime));
        }

        return new Receipt(index, tree.InclusionProof(index, size), note, extra).ToText();
    }

    private static NoteVerifier LogKey
    {
        get
        {
            using var signer = Fixtures.LogSigner();
            return signer.Verifier;
        }
    }

    private static NoteVerifier WitnessKey
    {
        get
        {
            using var signer = Fixtures.WitnessSigner();
            return signer.Verifier;
        }
    }

    [Fact]
    public void Verify_EveryIndexOfTwentyOneEntries_ProvesIndexAndSize()
    {
        for (var index = 0; index < 21; index++)
        {
            var result = ReceiptVerifier.VerifyLeafData(MakeReceipt(index, 21), Fixtures.Entry(index), LogKey);

            Assert.True(result.IsVerified, result.Error?.ToString());
            Assert.Equal(index, result.Index);
            Assert.Equal(21, result.TreeSize);
            Assert.Equal(Fixtures.Origin, result.Origin);
            Assert.Equal(LogKey.KeyId, result.LogSignature.KeyId);
            Assert.Empty(result.Witnesses);
        }
    }

    [Fact]
    public void Verify_WithWitnessKey_ReportsCosignature()
    {
        var result = ReceiptVerifier.VerifyLeafData(MakeReceipt(3, 11, cosign: true), Fixtures.Entry(3), LogKey, [WitnessKey]);

        Assert.True(result.IsVerified);
        var witness = Assert.Single(result.Witnesses);
        Assert.Equal("witness.example/w1", witness.Name);
        Assert.Equal(Fixtures.CosignTime, witness.Timestamp);
    }

    [Fact]
    public void Verify_WrongEntry_RootMismatch()
    {
        var result = ReceiptVerifier.VerifyLeafData(MakeReceipt(3, 11), Fixtures.Entry(4), LogKey);
        Assert.Equal(LedgerErrorCodes.RootMismatch, result.Error?.Code);
    }

    [Fact]
    public void Verify_OtherLogKey_Unverified()
    {
        using var other = NoteSigner.FromSeed(Fixtures.Origin, new byte[32]);
        var result = ReceiptVerifier.VerifyLeafData(MakeReceipt(3, 11), Fixtures.Entry(3), other.Verifier);
        Assert.Equal(LedgerErrorCodes.UnverifiedNote, result.Error?.Code);
    }

    [Fact]
    public void Verify_IndexLineChanged_Fails()
    {
        var text = MakeReceipt(3, 11).Replace("index 3\n", "index 2\n", StringComparison.Ordinal);
        Assert.False(ReceiptVerifier.VerifyLeafData(text, Fixtures.Entry(3), LogKey).IsVerified);
    }

    [Fact]
    public void Verify_UnexpectedOrigin_Fails()
    {
        var result = ReceiptVerifier.VerifyLeafData(MakeReceipt(3, 11), Fixtures.Entry(3), LogKey, expectedOrigin: "other.example/log");
        Assert.Equal(LedgerErrorCodes.UnexpectedOrigin, result.Error?.Code);
    }

    [Fact]
    public void Parse_ExtraData_RoundTrips()
    {
        var text = MakeReceipt(0, 1, extra: [1, 2, 3]);
        var receipt = Receipt.Parse(text);

        Assert.True(receipt.Success);
        Assert.Equal(new byte[] { 1, 2, 3 }, receipt.Value.Extra);
        Assert.Empty(receipt.Value.Proof);
        Assert.Equal(text, receipt.Value.ToText());
        Assert.True(ReceiptVerifier.VerifyLeafData(text, Fixtures.Entry(0), LogKey).IsVerified);
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\n")]
    [InlineData("index 3\n")]
    [InlineData("extra !!!!\n")]
    [InlineData("index 03\n")]
    [InlineData("proof line not base64\n")]
    [InlineData("short hash\n")]
    [InlineData("no blank line\n")]
    public void Parse_MalformedReceipt_Fails(string defect)
    {
        var valid = MakeReceipt(3, 11);
        var lines = valid.Split('\n').ToList();
        switch (defect)
        {
            case "c2sp.org/tlog-proof@v2\n":
                lines[0] = "c2sp.org/tlog-proof@v2";
                break;
            case "index 3\n":
                lines.RemoveAt(1);
                break;
            case "extra !!!!\n":
                lines.Insert(1, "extra !!!!");
                break;
            case "index 03\n":
                lines[1] = "index 03";
                break;
            case "proof line not base64\n":
                lines[2] = "not base64 at all";
                break;
            case "short hash\n":
                lines[2] = "AAAA";
                break;
            default:
                lines.RemoveAt(lines.IndexOf(string.Empty));
                break;
        }

        var result = Receipt.Parse(string.Join('\n', lines));

        Assert.False(result.Success);
        Assert.Contains(result.Error.Code, new[] { LedgerErrorCodes.MalformedReceipt, LedgerErrorCodes.MalformedNote });
    }

    [Property(MaxTest = 200)]
    public Property Verify_AnyCharacterChanged_NeverThrowsAndNeverVerifiesOtherClaims(NonNegativeInt position, char replacement)
    {
        var valid = MakeReceipt(6, 13);
        var chars = valid.ToCharArray();
        var index = position.Get % chars.Length;
        chars[index] = replacement;
        var mutated = new string(chars);
        var result = ReceiptVerifier.VerifyLeafData(mutated, Fixtures.Entry(6), LogKey);

        // A verified mutant may only differ in ways that change nothing proven (none exist for a single character).
        return (!result.IsVerified || mutated == valid).ToProperty();
    }
}
