using System.Globalization;
using System.Text;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Hub.Webhooks;

/// <summary>
/// The hub's signature on a webhook POST, with the hub's Ed25519 ledger key (the one that signs checkpoints,
/// published at <c>GET /api/v1/ledger/key</c> as a C2SP verifier key <c>name+keyid+base64(0x01 ‖ key)</c>).
/// </summary>
/// <remarks>
/// <para>
/// Signed message: the UTF-8 bytes of <c>tahaluf-webhook/v1</c>, a line feed, the decimal
/// <see cref="TimestampHeader"/> value, a line feed, then the exact request body bytes. The
/// <see cref="SignatureHeader"/> is <c>keyid=&lt;8 hex digits&gt;,sig=&lt;base64 of the 64-byte Ed25519 signature&gt;</c>.
/// </para>
/// <para>
/// A receiver verifies by: pinning the hub's verifier key once; checking the header's <c>keyid</c> equals the
/// key's id; rebuilding the message from the timestamp header and the raw body (before any JSON parsing);
/// checking the Ed25519 signature; refusing a timestamp far from its own clock (e.g. 5 minutes) against
/// replay; and de-duplicating by the body's <c>id</c>. Every attempt is signed afresh, so a retry after a long
/// outage carries a current timestamp. The <c>tahaluf-webhook/v1</c> prefix keeps these messages apart from
/// the checkpoints the same key signs (a checkpoint's first line is the hub's origin).
/// </para>
/// Thread-safe (static, pure).
/// </remarks>
public static class WebhookSignature
{
    /// <summary>Header holding <c>keyid=...,sig=...</c>.</summary>
    public const string SignatureHeader = "Tahaluf-Signature";

    /// <summary>Header holding the signing time, POSIX seconds (decimal).</summary>
    public const string TimestampHeader = "Tahaluf-Timestamp";

    /// <summary>Header repeating the body's delivery id (the de-duplication key).</summary>
    public const string DeliveryHeader = "Tahaluf-Delivery-Id";

    /// <summary>Header repeating the body's event name (<c>notification</c> or <c>escalated</c>).</summary>
    public const string EventHeader = "Tahaluf-Event";

    /// <summary>Domain separation prefix of the signed message (first line).</summary>
    public const string Context = "tahaluf-webhook/v1";

    /// <summary>The bytes that are signed.</summary>
    /// <param name="unixSeconds">Signing time, POSIX seconds.</param>
    /// <param name="body">The exact request body bytes.</param>
    /// <returns>The message.</returns>
    public static byte[] Message(long unixSeconds, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Context}\n{unixSeconds}\n"));
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return message;
    }

    /// <summary>Signs a body; returns the <see cref="SignatureHeader"/> value.</summary>
    /// <param name="signer">The hub's Ed25519 note key (type 0x01).</param>
    /// <param name="unixSeconds">Signing time, POSIX seconds; also sent in <see cref="TimestampHeader"/>.</param>
    /// <param name="body">The body text exactly as sent (its UTF-8 encoding is what is signed).</param>
    /// <returns><c>keyid=xxxxxxxx,sig=base64</c>.</returns>
    public static string Sign(NoteSigner signer, long unixSeconds, string body)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(body);

        // NoteSigner signs the UTF-8 of its text, which is the byte concatenation Message describes.
        var signature = signer.Sign(string.Create(CultureInfo.InvariantCulture, $"{Context}\n{unixSeconds}\n{body}"));
        return string.Create(CultureInfo.InvariantCulture, $"keyid={signer.KeyId:x8},sig={Convert.ToBase64String(signature.Signature)}");
    }

    /// <summary>Checks a webhook POST as a receiver would (see the remarks of <see cref="WebhookSignature"/>).</summary>
    /// <param name="verifier">The hub's pinned verifier key.</param>
    /// <param name="signatureHeader">The <see cref="SignatureHeader"/> value.</param>
    /// <param name="timestampHeader">The <see cref="TimestampHeader"/> value.</param>
    /// <param name="body">The raw request body.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">Largest accepted distance between the timestamp and <paramref name="now"/>.</param>
    /// <returns>True when the key id, the signature and the timestamp are all good.</returns>
    public static bool Verify(NoteVerifier verifier, string? signatureHeader, string? timestampHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (signatureHeader is null || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        string? keyId = null, sig = null;
        foreach (var part in signatureHeader.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                var (name, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
                keyId = name == "keyid" ? value : keyId;
                sig = name == "sig" ? value : sig;
            }
        }

        var signature = new byte[64];
        if (keyId != verifier.KeyId.ToString("x8", CultureInfo.InvariantCulture)
            || sig is null || !Convert.TryFromBase64String(sig, signature, out var written) || written != 64)
        {
            return false;
        }

        return Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Ticks) <= tolerance.Ticks
            && verifier.Verify(Message(seconds, body), signature);
    }
}
