using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Tahaluf.Ledger.Notes;

/// <summary>
/// A public key that verifies signed-note signatures: plain Ed25519 note signatures (type 0x01) or
/// tlog-cosignature v1 witness cosignatures (type 0x04). Immutable and thread-safe.
/// </summary>
public sealed class NoteVerifier
{
    private const string CosignatureHeader = "cosignature/v1\ntime ";
    private readonly PublicKey _publicKey;
    private readonly byte[] _publicKeyBytes;

    private NoteVerifier(string name, NoteKeyType keyType, byte[] publicKeyBytes, PublicKey publicKey)
    {
        Name = name;
        KeyType = keyType;
        _publicKeyBytes = publicKeyBytes;
        _publicKey = publicKey;
        KeyId = NoteKeyId.Compute(name, keyType, publicKeyBytes);
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The signature type.</summary>
    public NoteKeyType KeyType { get; }

    /// <summary>The key id: SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian.</summary>
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key (a copy).</summary>
    public byte[] PublicKey => (byte[])_publicKeyBytes.Clone();

    /// <summary>The verifier key string: <c>name+hex(key id)+base64(type ‖ public key)</c>.</summary>
    public string VerifierKey => string.Create(CultureInfo.InvariantCulture, $"{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)KeyType, .. _publicKeyBytes])}");

    /// <summary>Creates a verifier from a name and a raw Ed25519 public key.</summary>
    /// <param name="name">The key name (see <see cref="NoteKeyId.IsValidName"/>).</param>
    /// <param name="keyType">The signature type.</param>
    /// <param name="publicKey">The 32-byte Ed25519 public key.</param>
    /// <returns>The verifier.</returns>
    public static NoteVerifier Create(string name, NoteKeyType keyType, ReadOnlySpan<byte> publicKey)
    {
        if (!NoteKeyId.IsValidName(name))
        {
            throw new ArgumentException("Key names are non-empty and hold no spaces or plus signs.", nameof(name));
        }

        if (!Enum.IsDefined(keyType))
        {
            throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Unsupported signature type.");
        }

        if (publicKey.Length != 32 || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            throw new ArgumentException("Not a 32-byte Ed25519 public key.", nameof(publicKey));
        }

        return new NoteVerifier(name, keyType, publicKey.ToArray(), key);
    }

    /// <summary>Parses a verifier key string <c>name+hex(key id)+base64(type ‖ public key)</c>, checking the key id.</summary>
    /// <param name="verifierKey">The key string.</param>
    /// <returns>The verifier, or <see cref="LedgerErrorCodes.MalformedKey"/>.</returns>
    public static LedgerResult<NoteVerifier> Parse(string? verifierKey)
    {
        if (verifierKey is null || verifierKey.Length > 4096)
        {
            return LedgerResult<NoteVerifier>.Fail(LedgerErrorCodes.MalformedKey, "The verifier key is missing or too long.");
        }

        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3)
        {
            return LedgerResult<NoteVerifier>.Fail(LedgerErrorCodes.MalformedKey, "A verifier key has three '+'-separated parts.");
        }

        return CheckParts(parts[0], parts[1], parts[2], isPrivate: false, out var type, out var key) is { } error
            ? LedgerResult<NoteVerifier>.Fail(error)
            : LedgerResult<NoteVerifier>.Ok(Create(parts[0], type, key));
    }

    /// <summary>Verifies a plain signature (type 0x01) over <paramref name="message"/>.</summary>
    /// <param name="message">The signed bytes (the note text, final newline included).</param>
    /// <param name="signature">The signature bytes after the key id.</param>
    /// <returns>True when valid.</returns>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        KeyType == NoteKeyType.Ed25519 && signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(_publicKey, message, signature);

    /// <summary>
    /// Verifies a signature line's bytes against a note text, for either key type. For a cosignature the
    /// bytes are an 8-byte big-endian timestamp followed by the Ed25519 signature over
    /// "cosignature/v1\ntime &lt;timestamp&gt;\n" ‖ text.
    /// </summary>
    /// <param name="noteText">The note text, final newline included.</param>
    /// <param name="signature">The signature bytes after the key id.</param>
    /// <param name="timestamp">For a valid cosignature, its time in POSIX seconds; otherwise null.</param>
    /// <returns>True when valid.</returns>
    public bool VerifyNote(string noteText, ReadOnlySpan<byte> signature, out long? timestamp)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        timestamp = null;
        if (KeyType == NoteKeyType.Ed25519)
        {
            return Verify(Encoding.UTF8.GetBytes(noteText), signature);
        }

        if (signature.Length != 8 + 64)
        {
            return false;
        }

        var time = BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (time > long.MaxValue)
        {
            return false;
        }

        var message = Encoding.UTF8.GetBytes(CosignedMessage(noteText, (long)time));
        if (!SignatureAlgorithm.Ed25519.Verify(_publicKey, message, signature[8..]))
        {
            return false;
        }

        timestamp = (long)time;
        return true;
    }

    internal static string CosignedMessage(string checkpointText, long unixSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{CosignatureHeader}{unixSeconds}\n{checkpointText}");

    // Shared by verifier and signer key parsing.
    internal static LedgerError? CheckParts(string name, string hexId, string base64Key, bool isPrivate, out NoteKeyType type, out byte[] key)
    {
        type = default;
        key = [];
        if (!NoteKeyId.IsValidName(name))
        {
            return new LedgerError(LedgerErrorCodes.MalformedKey, "The key name is empty or holds spaces or plus signs.");
        }

        if (hexId.Length != 8 || !uint.TryParse(hexId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) || hexId.Any(char.IsAsciiLetterUpper))
        {
            return new LedgerError(LedgerErrorCodes.MalformedKey, "The key id is not eight lower-case hex digits.");
        }

        if (!StrictBase64.TryDecode(base64Key, out var blob) || blob.Length != 33)
        {
            return new LedgerError(LedgerErrorCodes.MalformedKey, "The key material is not base64 of a type byte and 32 key bytes.");
        }

        type = (NoteKeyType)blob[0];
        key = blob[1..];
        if (!Enum.IsDefined(type))
        {
            return new LedgerError(LedgerErrorCodes.MalformedKey, "The signature type is not supported.");
        }

        // A signer key carries the seed; its id can only be checked once the public key is derived.
        if (isPrivate)
        {
            return null;
        }

        if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, blob.AsSpan(1), KeyBlobFormat.RawPublicKey, out _))
        {
            return new LedgerError(LedgerErrorCodes.MalformedKey, "The public key is not a valid Ed25519 key.");
        }

        return NoteKeyId.Compute(name, type, key) == id
            ? null
            : new LedgerError(LedgerErrorCodes.MalformedKey, "The key id does not match the name and key.");
    }
}
