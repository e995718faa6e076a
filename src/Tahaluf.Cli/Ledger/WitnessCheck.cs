using System.Globalization;
using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Cli.Ledger;

/// <summary>
/// One step of a witness: accept a new checkpoint only if the hub signed it and it extends the last one
/// the witness saw (RFC 9162 consistency), then cosign it (C2SP tlog-cosignature). A fork — two trees of
/// the same size with different roots, a shrinking tree, or a bad consistency proof — is refused.
/// </summary>
public static class WitnessCheck
{
    /// <summary>Checks a new checkpoint against the last one seen.</summary>
    /// <param name="lastNoteText">The last accepted checkpoint's signed note, or null on first use.</param>
    /// <param name="newNoteText">The new checkpoint's signed note.</param>
    /// <param name="hubKey">The pinned hub verifier.</param>
    /// <param name="consistencyProof">Fetches the consistency proof between two sizes.</param>
    /// <returns>Null when accepted, or why it was refused.</returns>
    public static async Task<string?> CheckAsync(string? lastNoteText, string newNoteText, NoteVerifier hubKey, Func<long, long, Task<IReadOnlyList<byte[]>>> consistencyProof)
    {
        ArgumentNullException.ThrowIfNull(hubKey);
        ArgumentNullException.ThrowIfNull(consistencyProof);
        var next = Open(newNoteText, hubKey, out var error);
        if (next is null)
        {
            return "the new checkpoint: " + error;
        }

        Checkpoint? last = null;
        if (lastNoteText is not null)
        {
            last = Open(lastNoteText, hubKey, out error);
            if (last is null)
            {
                return "the saved checkpoint: " + error;
            }
        }

        IReadOnlyList<byte[]> proof = [];
        if (last is not null && last.Size > 0 && next.Size > last.Size)
        {
            proof = await consistencyProof(last.Size, next.Size).ConfigureAwait(false);
        }

        var verdict = CheckpointConsistency.Check(last, next, proof);
        return verdict.IsConsistent
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{verdict.Error!.Code}: {verdict.Error.Message} (last size {last?.Size ?? 0}, new size {next.Size})");
    }

    /// <summary>Adds the witness's cosignature to a checkpoint note.</summary>
    /// <param name="noteText">The hub-signed checkpoint note.</param>
    /// <param name="witness">The witness key (type 0x04).</param>
    /// <param name="unixSeconds">Cosignature time.</param>
    /// <returns>The note with the cosignature appended.</returns>
    public static string Cosign(string noteText, NoteSigner witness, long unixSeconds)
    {
        ArgumentNullException.ThrowIfNull(witness);
        var note = SignedNote.Parse(noteText);
        if (!note.Success)
        {
            throw new ArgumentException(note.Error.Message, nameof(noteText));
        }

        return note.Value!.WithSignature(witness.Cosign(note.Value.Text, unixSeconds)).ToString();
    }

    private static Checkpoint? Open(string noteText, NoteVerifier hubKey, out string error)
    {
        var note = SignedNote.Parse(noteText);
        if (!note.Success)
        {
            error = note.Error.Message;
            return null;
        }

        if (!note.Value!.Verify([hubKey]).IsVerified)
        {
            error = "not signed by the pinned hub key";
            return null;
        }

        var checkpoint = Checkpoint.Parse(note.Value.Text);
        error = checkpoint.Success ? "" : checkpoint.Error.Message;
        return checkpoint.Success ? checkpoint.Value : null;
    }
}
