using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Tahaluf.Ledger.Notes;

/// <summary>
/// A C2SP signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, and one or more
/// signature lines. Parsing is strict and never throws on malformed input. Immutable and thread-safe.
/// </summary>
public sealed class SignedNote
{
    /// <summary>The largest note accepted, in bytes of UTF-8 (256 KiB).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The most signature lines accepted (the spec requires at least 16; Go's note package allows 100).</summary>
    public const int MaxSignatures = 100;

    private static readonly byte[] SignaturePrefix = "\u2014 "u8.ToArray();

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The note text, final newline included, blank separator line excluded: the signed bytes.</summary>
    public string Text { get; }

    /// <summary>The signature lines in order, verified or not.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with each signer (plain type 0x01 keys).</summary>
    /// <param name="text">The note text: ends in a newline, no blank line at the end, no control characters but newline.</param>
    /// <param name="signers">At least one signer.</param>
    /// <returns>The signed note.</returns>
    public static SignedNote Sign(string text, params IEnumerable<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (!IsValidText(text))
        {
            throw new ArgumentException("A note text ends in a newline and holds no control characters but newlines.", nameof(text));
        }

        var signatures = signers.Select(s => s.Sign(text)).ToList();
        if (signatures.Count == 0)
        {
            throw new ArgumentException("At least one signer is needed.", nameof(signers));
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>Parses a signed note from UTF-8 bytes.</summary>
    /// <param name="utf8">The note bytes.</param>
    /// <returns>The note, or <see cref="LedgerErrorCodes.MalformedNote"/>.</returns>
    public static LedgerResult<SignedNote> Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Malformed("The note exceeds the size limit.");
        }

        if (!Utf8.IsValid(utf8))
        {
            return Malformed("The note is not valid UTF-8.");
        }

        foreach (var b in utf8)
        {
            if (b < 0x20 && b != (byte)'\n')
            {
                return Malformed("The note holds a control character.");
            }
        }

        var split = utf8.LastIndexOf("\n\n"u8);
        if (split < 0)
        {
            return Malformed("The note has no blank line before its signatures.");
        }

        var text = utf8[..(split + 1)];
        var lines = utf8[(split + 2)..];
        if (lines.IsEmpty || lines[^1] != (byte)'\n')
        {
            return Malformed("The signature block is empty or does not end in a newline.");
        }

        var signatures = new List<NoteSignature>();
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n');
            var line = lines[..end];
            lines = lines[(end + 1)..];
            if (signatures.Count == MaxSignatures)
            {
                return Malformed("The note has too many signatures.");
            }

            if (!line.StartsWith(SignaturePrefix))
            {
                return Malformed("A signature line does not start with an em dash and a space.");
            }

            var rest = Encoding.UTF8.GetString(line[SignaturePrefix.Length..]);
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return Malformed("A signature line has no space between name and signature.");
            }

            var name = rest[..space];
            if (!NoteKeyId.IsValidName(name) || !StrictBase64.TryDecode(rest.AsSpan(space + 1), out var blob) || blob.Length < 5)
            {
                return Malformed("A signature line has a bad key name or signature encoding.");
            }

            signatures.Add(new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }

        return LedgerResult<SignedNote>.Ok(new SignedNote(Encoding.UTF8.GetString(text), signatures));
    }

    /// <summary>Parses a signed note from a string.</summary>
    /// <param name="note">The note.</param>
    /// <returns>The note, or <see cref="LedgerErrorCodes.MalformedNote"/>.</returns>
    public static LedgerResult<SignedNote> Parse(string? note)
    {
        if (note is null || note.Length > MaxBytes)
        {
            return Malformed("The note is missing or exceeds the size limit.");
        }

        var encoding = new UTF8Encoding(false, false);
        var bytes = encoding.GetBytes(note);

        // Lone surrogates become U+FFFD when encoded; refuse rather than sign or verify something else.
        return encoding.GetString(bytes) == note ? Parse(bytes) : Malformed("The note is not well-formed UTF-16.");
    }

    /// <summary>A copy of this note with <paramref name="signature"/> added, replacing any signature of the same name and key id.</summary>
    /// <param name="signature">The signature to add (e.g. a witness cosignature).</param>
    /// <returns>The new note.</returns>
    public SignedNote WithSignature(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var list = Signatures.Where(s => s.Name != signature.Name || s.KeyId != signature.KeyId).Append(signature).ToList();
        if (list.Count > MaxSignatures)
        {
            throw new InvalidOperationException("The note would exceed the signature limit.");
        }

        return new SignedNote(Text, list);
    }

    /// <summary>
    /// Verifies the note against <paramref name="known"/> keys, as c2sp.org/signed-note requires: lines from
    /// unknown keys (name and id not both matching) are ignored, a known key's failing signature rejects the
    /// whole note, and at least one known key must have signed.
    /// </summary>
    /// <param name="known">The trusted verifiers; no two may share both name and key id.</param>
    /// <returns>The verified signatures, or why the note is rejected.</returns>
    public NoteVerification Verify(IEnumerable<NoteVerifier> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var byKey = new Dictionary<(string, uint), NoteVerifier>();
        foreach (var verifier in known)
        {
            if (!byKey.TryAdd((verifier.Name, verifier.KeyId), verifier))
            {
                throw new ArgumentException($"Two verifiers share the name and key id {verifier.Name}+{verifier.KeyId:x8}.", nameof(known));
            }
        }

        var verified = new List<VerifiedSignature>();
        var seen = new HashSet<(string, uint)>();
        foreach (var signature in Signatures)
        {
            if (!byKey.TryGetValue((signature.Name, signature.KeyId), out var verifier) || !seen.Add((signature.Name, signature.KeyId)))
            {
                continue;
            }

            if (!verifier.VerifyNote(Text, signature.Signature, out var timestamp))
            {
                return NoteVerification.Failure(LedgerErrorCodes.InvalidSignature, $"The signature of known key {signature.Name} does not verify.");
            }

            verified.Add(new VerifiedSignature(signature.Name, signature.KeyId, verifier.KeyType, timestamp));
        }

        return verified.Count == 0
            ? NoteVerification.Failure(LedgerErrorCodes.UnverifiedNote, "No known key signed the note.")
            : NoteVerification.Success(verified);
    }

    /// <summary>The note in its wire form: text, blank line, signature lines.</summary>
    /// <returns>The note.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature.ToLine());
        }

        return builder.ToString();
    }

    /// <summary>The note's UTF-8 bytes.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    internal static bool IsValidText(string? text) =>
        !string.IsNullOrEmpty(text) && text[^1] == '\n' && !text.Any(c => c < 0x20 && c != '\n') && !text.EndsWith("\n\n", StringComparison.Ordinal) && text.Length <= MaxBytes;

    private static LedgerResult<SignedNote> Malformed(string message) => LedgerResult<SignedNote>.Fail(LedgerErrorCodes.MalformedNote, message);
}
