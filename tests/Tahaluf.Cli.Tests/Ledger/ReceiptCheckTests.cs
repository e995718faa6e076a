using System.Text;
using NSec.Cryptography;
using Tahaluf.Cli.Ledger;
using Tahaluf.Hub.Ledger;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Cli.Tests.Ledger;

/// <summary><c>tahaluf verify</c>'s checks: inclusion under a signed checkpoint, the commitment, the subject, the author's signature.</summary>
public sealed class ReceiptCheckTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("{\"state\":\"active\",\"volumes\":[]}");

    private static (HubLedger Ledger, string Receipt, Key Author) Scene(bool requestSignature = false)
    {
        var author = Key.Create(SignatureAlgorithm.Ed25519);
        const string Path = "/api/v1/operations/ru-su24", Time = "2015-11-24T06:00:00Z";
        var signature = requestSignature
            ? Tahaluf.Hub.Signing.RequestSignature.Bind(SignatureAlgorithm.Ed25519.Sign(author, Tahaluf.Hub.Signing.RequestSignature.RequestMessage("PUT", Path, Time, Content)), "PUT", Path, Time)
            : SignatureAlgorithm.Ed25519.Sign(author, Content);
        var ledger = new HubLedger(new InMemoryNodeStore(), NoteSigner.Generate("hub.test"), "hub.test");
        var leaves = new List<(long, byte[])>();
        for (var i = 0; i < 9; i++)
        {
            var leaf = i == 4
                ? LedgerLeaf.Encode(i, new DateTimeOffset(2015, 11, 24, 6, 0, 0, TimeSpan.Zero), LedgerLeaf.Declaration, "RU", LedgerLeaf.SubjectDigest(Salt, "operation/ru-su24"), 1, LedgerLeaf.Commitment(Salt, Content), signature)
                : Encoding.UTF8.GetBytes("other " + i);
            leaves.Add((i, leaf));
        }

        ledger.AppendCommitted(leaves);
        return (ledger, ledger.Receipt(4, leaves[4].Item2)!, author);
    }

    [Fact]
    public void Run_AllChecks_PassAndSayWhatTheyProve()
    {
        var (ledger, receipt, author) = Scene();
        using (ledger)
        using (author)
        {
            var key = Convert.ToBase64String(author.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            var (ok, report) = ReceiptCheck.Run(receipt, ledger.VerifierKey, Content, Salt, "operation/ru-su24", key, null);

            Assert.True(ok, string.Join("\n", report));
            Assert.Contains(report, l => l.Contains("entry 4 is in the log 'hub.test' of 9 entries", StringComparison.Ordinal));
            Assert.Contains(report, l => l.Contains("declaration by RU at 2015-11-24T06:00:00Z", StringComparison.Ordinal));
            Assert.Contains(report, l => l.Contains("RU signed this content", StringComparison.Ordinal));
            Assert.Contains(report, l => l.Contains("about operation/ru-su24", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Run_SignedHttpRequest_TheBoundSignatureVerifiesAgainstTheContent()
    {
        var (ledger, receipt, author) = Scene(requestSignature: true);
        using (ledger)
        using (author)
        using (var stranger = Key.Create(SignatureAlgorithm.Ed25519))
        {
            var key = Convert.ToBase64String(author.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            var (ok, report) = ReceiptCheck.Run(receipt, ledger.VerifierKey, Content, Salt, "operation/ru-su24", key, null);
            Assert.True(ok, string.Join("\n", report));
            Assert.Contains(report, l => l.Contains("RU signed this content", StringComparison.Ordinal));
            var strangerKey = Convert.ToBase64String(stranger.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            Assert.False(ReceiptCheck.Run(receipt, ledger.VerifierKey, Content, Salt, "operation/ru-su24", strangerKey, null).Ok);
        }
    }

    [Fact]
    public void Run_WrongContentSubjectOrKey_Fails()
    {
        var (ledger, receipt, author) = Scene();
        using (ledger)
        using (author)
        using (var stranger = Key.Create(SignatureAlgorithm.Ed25519))
        {
            var strangerKey = Convert.ToBase64String(stranger.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            Assert.False(ReceiptCheck.Run(receipt, ledger.VerifierKey, Encoding.UTF8.GetBytes("{}"), Salt, null, null, null).Ok);
            Assert.False(ReceiptCheck.Run(receipt, ledger.VerifierKey, Content, Salt, "operation/other", null, null).Ok);
            Assert.False(ReceiptCheck.Run(receipt, ledger.VerifierKey, Content, Salt, null, strangerKey, null).Ok);
            using var otherHub = NoteSigner.Generate("hub.test");
            Assert.False(ReceiptCheck.Run(receipt, otherHub.Verifier.VerifierKey, null, null, null, null, null).Ok);
            Assert.False(ReceiptCheck.Run(receipt.Replace("\n\n", "\nAAAA\n\n", StringComparison.Ordinal), ledger.VerifierKey, null, null, null, null, null).Ok);
        }
    }

    [Fact]
    public void VerifyCommand_OnAFile_PrintsTheReportAndExitCode()
    {
        var (ledger, receipt, author) = Scene();
        using (ledger)
        using (author)
        {
            var file = Path.GetTempFileName();
            File.WriteAllText(file, receipt);
            try
            {
                var (code, output, _) = CliProcess.Run("", "verify", file, "--hub-key", ledger.VerifierKey);
                Assert.Equal(0, code);
                Assert.Contains("OK    entry 4 is in the log", output, StringComparison.Ordinal);

                var (bad, _, _) = CliProcess.Run("", "verify", file, "--hub-key", ledger.VerifierKey, "--subject", "operation/x", "--salt", Convert.ToBase64String(Salt), "--content", file);
                Assert.Equal(1, bad);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
