using System.Globalization;
using System.Text;
using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Ledger.Checkpoints;

/// <summary>
/// A transparency log checkpoint (c2sp.org/tlog-checkpoint): origin, tree size, root hash and optional
/// extension lines. Immutable and thread-safe.
/// </summary>
public sealed class Checkpoint
{
    private readonly byte[] _rootHash;

    /// <summary>Creates a checkpoint.</summary>
    /// <param name="origin">The log's identity: non-empty, no newline or control characters.</param>
    /// <param name="size">The tree size in leaves, non-negative.</param>
    /// <param name="rootHash">The 32-byte RFC 9162 root hash at that size.</param>
    /// <param name="extensions">Optional extension lines, each non-empty with no control characters.</param>
    public Checkpoint(string origin, long size, ReadOnlySpan<byte> rootHash, IEnumerable<string>? extensions = null)
    {
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("The origin is a non-empty line without control characters.", nameof(origin));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (rootHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("The root hash is 32 bytes.", nameof(rootHash));
        }

        var lines = (extensions ?? []).ToArray();
        if (!lines.All(IsValidLine))
        {
            throw new ArgumentException("Extension lines are non-empty and hold no control characters.", nameof(extensions));
        }

        Origin = origin;
        Size = size;
        _rootHash = rootHash.ToArray();
        Extensions = lines;
    }

    /// <summary>The origin line.</summary>
    public string Origin { get; }

    /// <summary>The tree size in leaves.</summary>
    public long Size { get; }

    /// <summary>The root hash (a copy).</summary>
    public byte[] RootHash => (byte[])_rootHash.Clone();

    /// <summary>The extension lines, possibly empty.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The checkpoint body: "origin\nsize\nbase64(root)\n" followed by each extension line and a newline.</summary>
    /// <returns>The note text to sign.</returns>
    public string ToText()
    {
        var builder = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(_rootHash)).Append('\n');
        foreach (var line in Extensions)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Signs the checkpoint with the log's key.</summary>
    /// <param name="signer">The log's signer; its name should equal the origin.</param>
    /// <returns>The signed checkpoint note.</returns>
    public SignedNote Sign(NoteSigner signer) => SignedNote.Sign(ToText(), signer);

    /// <summary>Whether the root hash equals <paramref name="other"/>.</summary>
    /// <param name="other">A hash.</param>
    /// <returns>True when byte-equal.</returns>
    public bool HasRoot(ReadOnlySpan<byte> other) => other.SequenceEqual(_rootHash);

    /// <summary>Parses a checkpoint body strictly: at least three lines, a decimal size without leading zeros, a 32-byte canonical base64 root, non-empty extension lines.</summary>
    /// <param name="text">The note text, final newline included.</param>
    /// <returns>The checkpoint, or <see cref="LedgerErrorCodes.MalformedCheckpoint"/>.</returns>
    public static LedgerResult<Checkpoint> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > SignedNote.MaxBytes || text[^1] != '\n')
        {
            return Malformed("A checkpoint is non-empty and ends in a newline.");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            return Malformed("A checkpoint has at least origin, size and root lines.");
        }

        if (!lines.All(IsValidLine))
        {
            return Malformed("Checkpoint lines are non-empty and hold no control characters.");
        }

        var sizeText = lines[1];
        if (sizeText.Length > 19 || !sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return Malformed("The tree size is not a decimal number without leading zeros.");
        }

        if (!StrictBase64.TryDecode(lines[2], out var root) || root.Length != MerkleHash.Size || Convert.ToBase64String(root) != lines[2])
        {
            return Malformed("The root hash is not the base64 encoding of 32 bytes.");
        }

        return LedgerResult<Checkpoint>.Ok(new Checkpoint(lines[0], size, root, lines[3..]));
    }

    private static bool IsValidLine(string? line) => !string.IsNullOrEmpty(line) && !line.Any(char.IsControl);

    private static LedgerResult<Checkpoint> Malformed(string message) => LedgerResult<Checkpoint>.Fail(LedgerErrorCodes.MalformedCheckpoint, message);
}
