using System.Globalization;
using System.Text;
using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Ledger.Receipts;

/// <summary>
/// An offline-verifiable receipt in the C2SP tlog-proof format (c2sp.org/tlog-proof@v1): optional extra
/// data, the entry's index, its inclusion proof, and the signed (possibly cosigned) checkpoint. Immutable
/// and thread-safe. Parsing only checks the form; <see cref="ReceiptVerifier"/> checks what it proves.
/// </summary>
public sealed class Receipt
{
    /// <summary>The receipt's first line.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    private const string ExtraPrefix = "extra ";
    private const string IndexPrefix = "index ";

    /// <summary>Creates a receipt.</summary>
    /// <param name="index">The entry's zero-based index.</param>
    /// <param name="proof">The inclusion proof, leaf side first, each hash 32 bytes.</param>
    /// <param name="checkpoint">The signed checkpoint note the proof is relative to.</param>
    /// <param name="extra">Optional opaque extra data (not authenticated).</param>
    public Receipt(long index, IReadOnlyList<byte[]> proof, SignedNote checkpoint, byte[]? extra = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (proof.Count > MerkleProofVerifier.MaxProofLength || proof.Any(h => h is null || h.Length != MerkleHash.Size))
        {
            throw new ArgumentException("A proof is at most 64 hashes of 32 bytes.", nameof(proof));
        }

        Index = index;
        Proof = proof.Select(h => (byte[])h.Clone()).ToArray();
        Checkpoint = checkpoint;
        Extra = extra is null ? null : (byte[])extra.Clone();
    }

    /// <summary>The entry's zero-based index.</summary>
    public long Index { get; }

    /// <summary>The inclusion proof hashes, leaf side first.</summary>
    public IReadOnlyList<byte[]> Proof { get; }

    /// <summary>The signed checkpoint note.</summary>
    public SignedNote Checkpoint { get; }

    /// <summary>Opaque extra data, or null; never authenticated.</summary>
    public byte[]? Extra { get; }

    /// <summary>The receipt text.</summary>
    /// <returns>The tlog-proof text.</returns>
    public string ToText()
    {
        var builder = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
        {
            builder.Append(ExtraPrefix).Append(Convert.ToBase64String(Extra)).Append('\n');
        }

        builder.Append(IndexPrefix).Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof)
        {
            builder.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return builder.Append('\n').Append(Checkpoint.ToString()).ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();

    /// <summary>Parses a receipt strictly.</summary>
    /// <param name="text">The tlog-proof text.</param>
    /// <returns>The receipt, or <see cref="LedgerErrorCodes.MalformedReceipt"/> (or the note's error).</returns>
    public static LedgerResult<Receipt> Parse(string? text)
    {
        if (text is null || text.Length > SignedNote.MaxBytes + 4096)
        {
            return Malformed("The receipt is missing or too long.");
        }

        var position = 0;
        if (!NextLine(text, ref position, out var line) || line != Header)
        {
            return Malformed($"The first line must be '{Header}'.");
        }

        if (!NextLine(text, ref position, out line))
        {
            return Malformed("The receipt ends after its header.");
        }

        byte[]? extra = null;
        if (line.StartsWith(ExtraPrefix, StringComparison.Ordinal))
        {
            if (!StrictBase64.TryDecode(line.AsSpan(ExtraPrefix.Length), out var extraBytes))
            {
                return Malformed("The extra data is not base64.");
            }

            extra = extraBytes;
            if (!NextLine(text, ref position, out line))
            {
                return Malformed("The receipt ends before its index.");
            }
        }

        if (!line.StartsWith(IndexPrefix, StringComparison.Ordinal) || !TryParseDecimal(line.AsSpan(IndexPrefix.Length), out var index))
        {
            return Malformed("The index line is not 'index' and a decimal without leading zeros.");
        }

        var proof = new List<byte[]>();
        while (true)
        {
            if (!NextLine(text, ref position, out line))
            {
                return Malformed("The receipt ends before its checkpoint.");
            }

            if (line.Length == 0)
            {
                break;
            }

            if (proof.Count == MerkleProofVerifier.MaxProofLength)
            {
                return Malformed("The inclusion proof is longer than any tree needs.");
            }

            if (!StrictBase64.TryDecode(line, out var hash) || hash.Length != MerkleHash.Size)
            {
                return Malformed($"Proof line {proof.Count + 1} is not the base64 encoding of a 32-byte hash.");
            }

            proof.Add(hash);
        }

        var note = SignedNote.Parse(text[position..]);
        if (!note.Success)
        {
            return LedgerResult<Receipt>.Fail(note.Error);
        }

        return LedgerResult<Receipt>.Ok(new Receipt(index, proof, note.Value, extra));
    }

    internal static bool TryParseDecimal(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        return text.Length is > 0 and <= 19
            && !(text.Length > 1 && text[0] == '0')
            && !text.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool NextLine(string text, ref int position, out string line)
    {
        var end = text.IndexOf('\n', position);
        if (end < 0)
        {
            line = string.Empty;
            return false;
        }

        line = text[position..end];
        position = end + 1;
        return true;
    }

    private static LedgerResult<Receipt> Malformed(string message) => LedgerResult<Receipt>.Fail(LedgerErrorCodes.MalformedReceipt, message);
}
