using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Ledger.Tests.Notes;

/// <summary>Outside vectors from golang.org/x/mod/sumdb/note (its package documentation and tests).</summary>
public sealed class SignedNoteTests
{
    private const string PeterSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string PeterVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string EnochVerifierKey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    private const string Text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string PeterSig = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private const string EnochSig = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    private static NoteVerifier Peter => NoteVerifier.Parse(PeterVerifierKey).Value!;

    private static NoteVerifier Enoch => NoteVerifier.Parse(EnochVerifierKey).Value!;

    [Fact]
    public void Sign_GoPackageExampleKey_ProducesGoSignature()
    {
        var parsed = NoteSigner.Parse(PeterSignerKey);
        Assert.True(parsed.Success);
        using var signer = parsed.Value;

        var note = SignedNote.Sign(Text, signer);

        Assert.Equal(Text + "\n" + PeterSig, note.ToString());
        Assert.Equal(0xc74f20a3u, signer.KeyId);
        Assert.Equal(PeterVerifierKey, signer.Verifier.VerifierKey);
        Assert.Equal(PeterSignerKey, signer.SignerKey);
    }

    [Fact]
    public void Verify_TwoSignaturesBothKeysKnown_BothVerified()
    {
        var note = SignedNote.Parse(Text + "\n" + PeterSig + EnochSig);
        Assert.True(note.Success);

        var result = note.Value.Verify([Peter, Enoch]);

        Assert.True(result.IsVerified);
        Assert.Equal(["PeterNeumann", "EnochRoot"], result.Verified.Select(v => v.Name));
        Assert.Equal(Text, note.Value.Text);
    }

    [Fact]
    public void Verify_OnlyOneKeyKnown_OtherSignatureIgnored()
    {
        var result = SignedNote.Parse(Text + "\n" + PeterSig + EnochSig).Value!.Verify([Peter]);

        Assert.True(result.IsVerified);
        Assert.Equal(0xc74f20a3u, Assert.Single(result.Verified).KeyId);
    }

    [Fact]
    public void Verify_NoKnownKey_Unverified()
    {
        var result = SignedNote.Parse(Text + "\n" + PeterSig).Value!.Verify([Enoch]);

        Assert.False(result.IsVerified);
        Assert.Equal(LedgerErrorCodes.UnverifiedNote, result.Error.Code);
    }

    [Fact]
    public void Verify_KnownKeyBadSignature_InvalidSignature()
    {
        var tampered = Text + "\n" + PeterSig[..60] + "ABCD" + PeterSig[60..];
        var result = SignedNote.Parse(tampered).Value!.Verify([Peter]);

        Assert.False(result.IsVerified);
        Assert.Equal(LedgerErrorCodes.InvalidSignature, result.Error.Code);
    }

    [Fact]
    public void Verify_AlteredText_InvalidSignature()
    {
        var result = SignedNote.Parse(Text.Replace("problem,", "problem;", StringComparison.Ordinal) + "\n" + PeterSig).Value!.Verify([Peter]);

        Assert.Equal(LedgerErrorCodes.InvalidSignature, result.Error?.Code);
    }

    [Theory]
    [InlineData(Text)]
    [InlineData(Text + "\n")]
    [InlineData(Text + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")]
    [InlineData("\x01" + Text + "\n" + PeterSig)]
    [InlineData(Text + "\n" + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData(Text + "\n" + PeterSig + "Unexpected line.\n")]
    [InlineData(Text + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pA cElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData(Text + "\n" + "— PeterNeumann AAAA\n")]
    [InlineData(Text + "\n" + "— Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData(Text + "\n" + "-- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    public void Parse_MalformedNote_FailsWithCode(string note)
    {
        var result = SignedNote.Parse(note);

        Assert.False(result.Success);
        Assert.Equal(LedgerErrorCodes.MalformedNote, result.Error.Code);
    }

    [Fact]
    public void Parse_InvalidUtf8_Malformed()
    {
        var bytes = Encoding.UTF8.GetBytes(Text + "\n" + PeterSig);
        bytes[0] = 0xFF;
        Assert.Equal(LedgerErrorCodes.MalformedNote, SignedNote.Parse(bytes).Error?.Code);
    }

    [Fact]
    public void Parse_TooManySignatures_Malformed()
    {
        var note = Text + "\n" + string.Concat(Enumerable.Repeat(PeterSig, SignedNote.MaxSignatures + 1));
        Assert.Equal(LedgerErrorCodes.MalformedNote, SignedNote.Parse(note).Error?.Code);
        Assert.True(SignedNote.Parse(Text + "\n" + string.Concat(Enumerable.Repeat(PeterSig, 16))).Success);
    }

    [Fact]
    public void ParseVerifierKey_EveryByteIncremented_Fails()
    {
        Assert.True(NoteVerifier.Parse(PeterVerifierKey).Success);
        var chars = PeterVerifierKey.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i]++;
            Assert.False(NoteVerifier.Parse(new string(chars)).Success, new string(chars));
            chars[i]--;
        }
    }

    [Fact]
    public void ParseVerifierKey_EveryProperSubstring_Fails()
    {
        for (var i = 0; i <= PeterVerifierKey.Length; i++)
        {
            for (var j = i + 1; j <= PeterVerifierKey.Length; j++)
            {
                if (i != 0 || j != PeterVerifierKey.Length)
                {
                    Assert.False(NoteVerifier.Parse(PeterVerifierKey[i..j]).Success, PeterVerifierKey[i..j]);
                }
            }
        }
    }

    [Fact]
    public void ParseSignerKey_EveryByteIncremented_Fails()
    {
        var chars = PeterSignerKey.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i]++;
            var result = NoteSigner.Parse(new string(chars));
            Assert.False(result.Success, new string(chars));
            chars[i]--;
        }
    }

    [Fact]
    public void ParseVerifierKey_TransparencyDevCosignatureKey_IsType4()
    {
        // From transparency-dev/formats note/note_cosigv1_test.go: a native type 0x04 witness key.
        var result = NoteVerifier.Parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");

        Assert.True(result.Success);
        Assert.Equal(NoteKeyType.Ed25519Cosignature, result.Value.KeyType);
        Assert.Equal(0xda77ade7u, result.Value.KeyId);
    }

    [Fact]
    public void ParseVerifierKey_UnknownAlgorithmWithAdjustedId_Fails()
    {
        Assert.False(NoteVerifier.Parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").Success);
        Assert.False(NoteVerifier.Parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==").Success);
    }

    [Fact]
    public void Cosign_ThenVerify_ReportsTimestamp()
    {
        using var witness = NoteSigner.FromSeed("witness.example/w1", Enumerable.Repeat((byte)7, 32).ToArray(), NoteKeyType.Ed25519Cosignature);
        var note = SignedNote.Parse(Text + "\n" + PeterSig).Value!.WithSignature(witness.Cosign(Text, 1_700_000_000));

        var result = SignedNote.Parse(note.ToString()).Value!.Verify([Peter, witness.Verifier]);

        Assert.True(result.IsVerified);
        Assert.Equal(1_700_000_000, result.Verified.Single(v => v.KeyType == NoteKeyType.Ed25519Cosignature).Timestamp);
    }

    [Fact]
    public void Cosign_TimestampAltered_InvalidSignature()
    {
        using var witness = NoteSigner.FromSeed("witness.example/w1", Enumerable.Repeat((byte)7, 32).ToArray(), NoteKeyType.Ed25519Cosignature);
        var cosignature = witness.Cosign(Text, 1_700_000_000);
        cosignature.Signature[7] ^= 1;
        var note = SignedNote.Parse(Text + "\n" + PeterSig).Value!.WithSignature(cosignature);

        Assert.Equal(LedgerErrorCodes.InvalidSignature, note.Verify([Peter, witness.Verifier]).Error?.Code);
    }

    [Fact]
    public void Verify_CosignatureCheckedWithPlainKeyOfSameSeed_NotMistakenForSignature()
    {
        // Same seed and name but type 0x01: a different key id, so the cosignature is ignored, not verified.
        var seed = Enumerable.Repeat((byte)7, 32).ToArray();
        using var cosigner = NoteSigner.FromSeed("witness.example/w1", seed, NoteKeyType.Ed25519Cosignature);
        using var plain = NoteSigner.FromSeed("witness.example/w1", seed);
        var note = SignedNote.Parse(Text + "\n" + PeterSig).Value!.WithSignature(cosigner.Cosign(Text, 5));

        Assert.NotEqual(cosigner.KeyId, plain.KeyId);
        Assert.Equal(LedgerErrorCodes.UnverifiedNote, note.Verify([plain.Verifier]).Error?.Code);
    }

    [Property(MaxTest = 300)]
    public Property Parse_ArbitraryBytes_NeverThrows(byte[] bytes)
    {
        var result = SignedNote.Parse(bytes ?? []);
        return (result.Success || result.Error!.Code == LedgerErrorCodes.MalformedNote).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Verify_AnyTextCharacterChanged_NotVerified(NonNegativeInt position, char replacement)
    {
        var note = (Text + "\n" + PeterSig + EnochSig).ToCharArray();
        var index = position.Get % Text.Length;
        var changed = note[index] != replacement;
        note[index] = replacement;
        var result = SignedNote.Parse(new string(note));
        var verified = result.Success && result.Value.Verify([Peter, Enoch]).IsVerified;
        return (!changed || !verified).ToProperty();
    }
}
