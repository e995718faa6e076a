using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Tahaluf.Ledger.Notes;

/// <summary>
/// An Ed25519 private key that signs notes (type 0x01) or cosigns checkpoints (type 0x04, tlog-cosignature
/// v1). Thread-safe; dispose to release the key.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private readonly Key _key;

    private NoteSigner(string name, NoteKeyType keyType, Key key)
    {
        Name = name;
        KeyType = keyType;
        _key = key;
        Verifier = NoteVerifier.Create(name, keyType, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The signature type this key produces.</summary>
    public NoteKeyType KeyType { get; }

    /// <summary>The key id (same as the verifier's).</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>The matching verifier.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>
    /// The secret signer key string <c>PRIVATE+KEY+name+hex(key id)+base64(type ‖ 32-byte seed)</c>, as in
    /// golang.org/x/mod/sumdb/note. Anyone holding it can sign; keep it secret.
    /// </summary>
    public string SignerKey =>
        string.Create(CultureInfo.InvariantCulture, $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([(byte)KeyType, .. _key.Export(KeyBlobFormat.RawPrivateKey)])}");

    /// <summary>Creates a signer from a 32-byte Ed25519 seed (RFC 8032 private key).</summary>
    /// <param name="name">The key name (see <see cref="NoteKeyId.IsValidName"/>).</param>
    /// <param name="seed">The 32-byte seed.</param>
    /// <param name="keyType">The signature type.</param>
    /// <returns>The signer.</returns>
    public static NoteSigner FromSeed(string name, ReadOnlySpan<byte> seed, NoteKeyType keyType = NoteKeyType.Ed25519)
    {
        if (!NoteKeyId.IsValidName(name))
        {
            throw new ArgumentException("Key names are non-empty and hold no spaces or plus signs.", nameof(name));
        }

        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        if (!Enum.IsDefined(keyType))
        {
            throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "Unsupported signature type.");
        }

        var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigner(name, keyType, key);
    }

    /// <summary>Creates a signer with a fresh random key.</summary>
    /// <param name="name">The key name.</param>
    /// <param name="keyType">The signature type.</param>
    /// <returns>The signer.</returns>
    public static NoteSigner Generate(string name, NoteKeyType keyType = NoteKeyType.Ed25519)
    {
        Span<byte> seed = stackalloc byte[32];
        System.Security.Cryptography.RandomNumberGenerator.Fill(seed);
        try
        {
            return FromSeed(name, seed, keyType);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Parses a signer key string <c>PRIVATE+KEY+name+hex(key id)+base64(type ‖ seed)</c>, checking the key id.</summary>
    /// <param name="signerKey">The key string.</param>
    /// <returns>The signer, or <see cref="LedgerErrorCodes.MalformedKey"/>.</returns>
    public static LedgerResult<NoteSigner> Parse(string? signerKey)
    {
        if (signerKey is null || signerKey.Length > 4096)
        {
            return LedgerResult<NoteSigner>.Fail(LedgerErrorCodes.MalformedKey, "The signer key is missing or too long.");
        }

        var parts = signerKey.Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
        {
            return LedgerResult<NoteSigner>.Fail(LedgerErrorCodes.MalformedKey, "A signer key is PRIVATE+KEY+name+id+key.");
        }

        if (NoteVerifier.CheckParts(parts[2], parts[3], parts[4], isPrivate: true, out var type, out var seed) is { } error)
        {
            return LedgerResult<NoteSigner>.Fail(error);
        }

        var signer = FromSeed(parts[2], seed, type);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        if (!string.Equals(signer.KeyId.ToString("x8", CultureInfo.InvariantCulture), parts[3], StringComparison.Ordinal))
        {
            signer.Dispose();
            return LedgerResult<NoteSigner>.Fail(LedgerErrorCodes.MalformedKey, "The key id does not match the name and key.");
        }

        return LedgerResult<NoteSigner>.Ok(signer);
    }

    /// <summary>Signs a note text (type 0x01 keys only).</summary>
    /// <param name="text">The note text; must end in a newline.</param>
    /// <returns>The signature line's content.</returns>
    public NoteSignature Sign(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (KeyType != NoteKeyType.Ed25519)
        {
            throw new InvalidOperationException("A cosigner key signs with Cosign.");
        }

        return new NoteSignature(Name, KeyId, SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Cosigns a checkpoint text at <paramref name="unixSeconds"/> (type 0x04 keys only): signs
    /// "cosignature/v1\ntime &lt;t&gt;\n" ‖ text and returns the 8-byte big-endian time followed by the signature.
    /// </summary>
    /// <param name="checkpointText">The checkpoint note text, final newline included.</param>
    /// <param name="unixSeconds">The POSIX time of the cosignature, in seconds, non-negative.</param>
    /// <returns>The signature line's content.</returns>
    public NoteSignature Cosign(string checkpointText, long unixSeconds)
    {
        ArgumentNullException.ThrowIfNull(checkpointText);
        ArgumentOutOfRangeException.ThrowIfNegative(unixSeconds);
        if (KeyType != NoteKeyType.Ed25519Cosignature)
        {
            throw new InvalidOperationException("Only a cosignature (type 0x04) key cosigns.");
        }

        var blob = new byte[8 + 64];
        BinaryPrimitives.WriteUInt64BigEndian(blob, (ulong)unixSeconds);
        SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(NoteVerifier.CosignedMessage(checkpointText, unixSeconds)), blob.AsSpan(8));
        return new NoteSignature(Name, KeyId, blob);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
