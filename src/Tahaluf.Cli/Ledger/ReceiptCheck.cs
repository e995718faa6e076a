using System.Globalization;
using System.Text.Json;
using NSec.Cryptography;
using Tahaluf.Hub.Ledger;
using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Receipts;

namespace Tahaluf.Cli.Ledger;

/// <summary>
/// Offline receipt verification for <c>tahaluf verify</c>: what a receipt proves, in plain words.
/// Pure apart from its inputs; each check adds a line to the report and can only fail the result.
/// </summary>
public static class ReceiptCheck
{
    /// <summary>Verifies a receipt.</summary>
    /// <param name="receiptText">The C2SP tlog-proof text (with the leaf as extra data).</param>
    /// <param name="hubKey">The hub's verifier key (C2SP vkey).</param>
    /// <param name="content">The entry's content bytes, or null.</param>
    /// <param name="salt">The entry's salt, or null.</param>
    /// <param name="subject">The subject in clear (e.g. <c>operation/op-1</c>), or null.</param>
    /// <param name="partnerKey">The author's Ed25519 public key (vkey or base64 of 32 bytes), or null.</param>
    /// <param name="knownCheckpoint">A checkpoint seen earlier from the same hub (signed note text), or null.</param>
    /// <returns>True when every check passed, and the report lines.</returns>
    public static (bool Ok, List<string> Report) Run(string receiptText, string hubKey, byte[]? content, byte[]? salt, string? subject, string? partnerKey, string? knownCheckpoint)
    {
        var report = new List<string>();
        var ok = true;
        var verifier = NoteVerifier.Parse(hubKey);
        if (!verifier.Success)
        {
            return (false, [$"FAIL  the hub key is not a C2SP verifier key: {verifier.Error.Message}"]);
        }

        var receipt = Receipt.Parse(receiptText);
        if (!receipt.Success)
        {
            return (false, [$"FAIL  not a C2SP tlog-proof receipt: {receipt.Error.Message}"]);
        }

        var leaf = receipt.Value!.Extra;
        if (leaf is null)
        {
            return (false, ["FAIL  the receipt carries no leaf (extra data); it cannot be checked on its own"]);
        }

        var result = ReceiptVerifier.VerifyLeafData(receiptText, leaf, verifier.Value!);
        if (!result.IsVerified)
        {
            return (false, [$"FAIL  the receipt does not verify against the hub key: {result.Error!.Message}"]);
        }

        report.Add(string.Create(CultureInfo.InvariantCulture,
            $"OK    entry {result.Index} is in the log '{result.Origin}' of {result.TreeSize} entries, under a checkpoint signed by {verifier.Value!.Name} (key id {verifier.Value.KeyId:x8})."));
        if (knownCheckpoint is not null)
        {
            var known = SignedNote.Parse(knownCheckpoint);
            var knownCheckpointValue = known.Success ? Checkpoint.Parse(known.Value!.Text) : default;
            if (!known.Success || !known.Value!.Verify([verifier.Value!]).IsVerified || !knownCheckpointValue.Success)
            {
                report.Add("FAIL  the known checkpoint is not a checkpoint signed by this hub key.");
                ok = false;
            }
            else if (knownCheckpointValue.Value!.Size == result.TreeSize && !knownCheckpointValue.Value.HasRoot(result.RootHash))
            {
                report.Add("FORK  the hub signed two different logs of the same size: it showed different histories to different parties.");
                ok = false;
            }
            else if (knownCheckpointValue.Value.Size == result.TreeSize)
            {
                report.Add("OK    the receipt's checkpoint is the one you already knew.");
            }
            else
            {
                report.Add(string.Create(CultureInfo.InvariantCulture, $"NOTE  the known checkpoint has {knownCheckpointValue.Value.Size} entries; proving the two consistent needs a consistency proof (tahaluf witness checks them)."));
            }
        }

        JsonElement entry;
        try
        {
            entry = JsonDocument.Parse(leaf).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (false, [.. report, $"FAIL  the leaf is not a Tahaluf ledger entry: {e.Message}"]);
        }

        var author = entry.GetProperty("author").GetString();
        report.Add($"      It records: {entry.GetProperty("kind").GetString()} by {author} at {entry.GetProperty("time").GetString()}, version {entry.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture)}.");
        report.Add("      So the hub committed, in a log it cannot rewrite without detection, that this happened at that time.");

        if (content is not null || salt is not null)
        {
            if (content is null || salt is null)
            {
                report.Add("FAIL  --content and --salt go together");
                ok = false;
            }
            else if (LedgerLeaf.Commitment(salt, content).AsSpan().SequenceEqual(entry.GetProperty("commitment").GetBytesFromBase64()))
            {
                report.Add($"OK    the content file ({content.Length.ToString(CultureInfo.InvariantCulture)} bytes) is exactly what the entry committed to.");
            }
            else
            {
                report.Add("FAIL  the content and salt do not match the entry's commitment: this is not the committed content.");
                ok = false;
            }

            if (subject is not null && salt is not null)
            {
                if (LedgerLeaf.SubjectDigest(salt, subject) == entry.GetProperty("subject").GetString())
                {
                    report.Add($"OK    the entry is about {subject}.");
                }
                else
                {
                    report.Add($"FAIL  the entry is not about {subject}.");
                    ok = false;
                }
            }
        }

        if (partnerKey is not null)
        {
            var signature = entry.GetProperty("author_signature");
            var key = ParsePartnerKey(partnerKey);
            if (key is null)
            {
                report.Add("FAIL  --partner-key is neither a C2SP verifier key nor base64 of a 32-byte Ed25519 key");
                ok = false;
            }
            else if (signature.ValueKind == JsonValueKind.Null)
            {
                report.Add($"FAIL  {author} did not sign this entry.");
                ok = false;
            }
            else if (content is null)
            {
                report.Add("FAIL  checking the author's signature needs --content (the bytes it signed).");
                ok = false;
            }
            else if (Tahaluf.Hub.Signing.RequestSignature.Verify(
                new Tahaluf.Domain.Partners.Partner(author ?? "author", System.Collections.Immutable.ImmutableDictionary<string, string>.Empty, Tahaluf.Domain.Partners.PartnerRole.Member, [.. key.Export(KeyBlobFormat.RawPublicKey)]),
                content,
                signature.GetBytesFromBase64()) is null)
            {
                report.Add($"OK    {author} signed this content with the given key: it cannot deny having said it.");
            }
            else
            {
                report.Add($"FAIL  the author signature does not verify with the given key.");
                ok = false;
            }
        }

        return (ok, report);
    }

    private static PublicKey? ParsePartnerKey(string text)
    {
        byte[] raw;
        var vkey = NoteVerifier.Parse(text);
        if (vkey.Success)
        {
            raw = vkey.Value!.PublicKey;
        }
        else
        {
            var buffer = new byte[32];
            if (!Convert.TryFromBase64String(text.Trim(), buffer, out var n) || n != 32)
            {
                return null;
            }

            raw = buffer;
        }

        return PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var key) ? key : null;
    }
}
