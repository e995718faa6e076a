using System.Security.Cryptography;

namespace Tahaluf.Hub.Ledger;

/// <summary>
/// The canonical bytes of a ledger leaf: compact JSON with members in this fixed order —
/// <c>index, time, kind, author, subject, version, commitment, author_signature</c> — UTF-8, no whitespace.
/// Frozen by golden tests: changing a byte breaks every published proof. Thread-safe (static, pure).
/// </summary>
public static class LedgerLeaf
{
    /// <summary>Entry kind of an accepted item version.</summary>
    public const string Declaration = "declaration";

    /// <summary>Entry kind of a notification sent.</summary>
    public const string Notification = "notification";

    /// <summary>Entry kind of an acknowledgement.</summary>
    public const string Ack = "ack";

    /// <summary>Entry kind of a missed deadline.</summary>
    public const string Escalation = "escalation";

    /// <summary>Entry kind of an agreement change.</summary>
    public const string Agreement = "agreement";

    /// <summary>Encodes a leaf.</summary>
    /// <param name="index">Position in the log.</param>
    /// <param name="time">Acceptance time, UTC.</param>
    /// <param name="kind">Entry kind (one of the constants).</param>
    /// <param name="author">Partner id responsible for the entry (the hub's own entries use <c>HUB</c>).</param>
    /// <param name="subject">Salted digest of what the entry is about (<see cref="SubjectDigest"/>), so the public leaf does not name items.</param>
    /// <param name="version">Subject version, 0 when not versioned.</param>
    /// <param name="commitment">SHA-256(salt ‖ content), 32 bytes.</param>
    /// <param name="authorSignature">The author's Ed25519 signature over the request body, or null.</param>
    /// <returns>The leaf bytes.</returns>
    public static byte[] Encode(long index, DateTimeOffset time, string kind, string author, string subject, long version, ReadOnlySpan<byte> commitment, ReadOnlySpan<byte> authorSignature)
    {
        using var lease = Serialization.ScratchJson.Rent();
        var w = lease.Writer;
        w.WriteStartObject();
        w.WriteNumber("index", index);
        w.WriteString("time", Serialization.RecordJson.Rfc3339(time));
        w.WriteString("kind", kind);
        w.WriteString("author", author);
        w.WriteString("subject", subject);
        w.WriteNumber("version", version);
        w.WriteBase64String("commitment", commitment);
        if (authorSignature.IsEmpty)
        {
            w.WriteNull("author_signature");
        }
        else
        {
            w.WriteBase64String("author_signature", authorSignature);
        }

        w.WriteEndObject();
        return lease.ToArray();
    }

    /// <summary>
    /// The leaf's <c>subject</c>: lowercase hex of the first 16 bytes of SHA-256(salt ‖ 0x00 ‖ UTF-8 subject),
    /// e.g. of <c>operation/op-1</c>. Whoever is given the salt and the subject can check it; nobody else learns it.
    /// </summary>
    /// <param name="salt">The entry's salt.</param>
    /// <param name="subject">The subject in clear.</param>
    /// <returns>32 hex characters.</returns>
    public static string SubjectDigest(ReadOnlySpan<byte> salt, string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var text = System.Text.Encoding.UTF8.GetBytes(subject);
        var hash = Sha256;
        hash.AppendData(salt);
        hash.AppendData([0]);
        hash.AppendData(text);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    /// <summary>SHA-256(salt ‖ content): binds the leaf to content without revealing it.</summary>
    /// <param name="salt">32 random bytes.</param>
    /// <param name="content">Canonical content bytes.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Commitment(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> content)
    {
        var hash = Sha256;
        hash.AppendData(salt);
        hash.AppendData(content);
        return hash.GetHashAndReset();
    }

    // One SHA-256 context per thread, reset by every GetHashAndReset: a new IncrementalHash per call made a native
    // context and a finalizable handle, two per ledger entry, on the hub's single writer.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private static IncrementalHash Sha256 => t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
}
