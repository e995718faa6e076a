using System.CommandLine;
using Tahaluf.Cli.Ledger;

namespace Tahaluf.Cli.Commands;

/// <summary><c>tahaluf verify</c>: checks a receipt offline and says what it proves.</summary>
public static class VerifyCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var receipt = new Argument<FileInfo>("RECEIPT") { Description = "Receipt file (C2SP tlog-proof text, as from GET /api/v1/receipts/{entry} or an ack response)." };
        var hubKey = new Option<string>("--hub-key") { Description = "The hub's verifier key (GET /api/v1/ledger/key), pinned beforehand.", Required = true };
        var content = new Option<FileInfo?>("--content") { Description = "The entry's content (GET /api/v1/ledger/entries/{index}, field content, decoded)." };
        var salt = new Option<string?>("--salt") { Description = "The entry's salt, base64." };
        var subject = new Option<string?>("--subject") { Description = "What the entry should be about, e.g. operation/ru-op-1 (needs --salt)." };
        var partnerKey = new Option<string?>("--partner-key") { Description = "The author's Ed25519 public key (C2SP vkey or base64) to check its signature (needs --content)." };
        var known = new Option<FileInfo?>("--known-checkpoint") { Description = "A checkpoint seen earlier from this hub: a different root at the same size is a fork." };
        var command = new Command("verify", "Check a ledger receipt offline and say in plain words what it proves.") { receipt, hubKey, content, salt, subject, partnerKey, known };
        command.SetAction(parse =>
        {
            try
            {
                var text = File.ReadAllText(parse.GetValue(receipt)!.FullName);
                byte[]? saltBytes = null;
                if (parse.GetValue(salt) is { } s)
                {
                    saltBytes = new byte[s.Length];
                    if (!Convert.TryFromBase64String(s, saltBytes, out var n))
                    {
                        Console.Error.WriteLine("tahaluf verify: --salt must be base64");
                        return 2;
                    }

                    saltBytes = saltBytes[..n];
                }

                var contentBytes = parse.GetValue(content) is { } c ? File.ReadAllBytes(c.FullName) : null;
                var knownText = parse.GetValue(known) is { } k ? File.ReadAllText(k.FullName) : null;
                var (ok, report) = ReceiptCheck.Run(text, parse.GetValue(hubKey)!, contentBytes, saltBytes, parse.GetValue(subject), parse.GetValue(partnerKey), knownText);
                foreach (var line in report)
                {
                    Console.WriteLine(line);
                }

                return ok ? 0 : 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"tahaluf verify: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
