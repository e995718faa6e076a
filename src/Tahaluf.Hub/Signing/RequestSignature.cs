using NSec.Cryptography;
using Tahaluf.Domain.Partners;
using Tahaluf.Hub.Errors;

namespace Tahaluf.Hub.Signing;

/// <summary>
/// Partner signatures (Ed25519) over what they tell the hub. A declaration is signed as a request: the UTF-8
/// lines <c>tahaluf-request-v1</c>, the method, the path, the <see cref="TimeHeader"/> text and the base64
/// SHA-256 of the exact body (see <see cref="RequestMessage"/>), so a captured request cannot be replayed
/// later or elsewhere. The ledger leaf keeps the signature bound to those parameters (<see cref="Bind"/>) beside
/// the exact body, so anyone holding the body can verify it offline. An acknowledgement is signed over the
/// UTF-8 text <c>tahaluf-ack:</c> followed by the notification id (acknowledging twice changes nothing).
/// The hub verifies signatures against the partner's registered key, so a partner cannot later deny what it
/// signed. Thread-safe (static, pure).
/// </summary>
public static class RequestSignature
{
    /// <summary>The HTTP header carrying the base64 signature.</summary>
    public const string Header = "Tahaluf-Signature";

    /// <summary>The HTTP header carrying the signing time, RFC 3339 UTC to the second (<c>yyyy-MM-ddTHH:mm:ssZ</c>).</summary>
    public const string TimeHeader = "Tahaluf-Signature-Time";

    /// <summary>Largest difference between the signing time and the hub's clock accepted (5 minutes, either way).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Code of a signing time missing, malformed or outside <see cref="MaxClockSkew"/> of the hub's clock.</summary>
    public const string StaleCode = "signature.stale";

    /// <summary>Code of a signed request the hub has already received.</summary>
    public const string ReplayedCode = "signature.replayed";

    private const string RequestPrefix = "tahaluf-request-v1\n";

    /// <summary>The bytes a partner signs for a request.</summary>
    /// <param name="method">HTTP method, upper case (e.g. <c>PUT</c>).</param>
    /// <param name="path">Request path, e.g. <c>/api/v1/zones/z1</c>, without query.</param>
    /// <param name="time">The exact <see cref="TimeHeader"/> text.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>UTF-8 of <c>tahaluf-request-v1\nMETHOD\nPATH\nTIME\nBASE64(SHA-256(body))</c>.</returns>
    public static byte[] RequestMessage(string method, string path, string time, ReadOnlySpan<byte> body) =>
        System.Text.Encoding.UTF8.GetBytes(RequestPrefix + Parameters(method, path, time) + "\n" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body)));

    /// <summary>
    /// A 64-byte request signature followed by the UTF-8 of its method, path and time: what the ledger keeps as
    /// the author signature, verifiable with <see cref="Verify"/> against the body alone.
    /// </summary>
    /// <param name="signature">The 64-byte Ed25519 signature over <see cref="RequestMessage"/>.</param>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">Request path.</param>
    /// <param name="time">The exact <see cref="TimeHeader"/> text.</param>
    /// <returns>The bound signature.</returns>
    public static byte[] Bind(ReadOnlySpan<byte> signature, string method, string path, string time)
    {
        if (signature.Length != 64)
        {
            throw new ArgumentException("An Ed25519 signature is 64 bytes.", nameof(signature));
        }

        return [.. signature, .. System.Text.Encoding.UTF8.GetBytes(Parameters(method, path, time))];
    }

    /// <summary>Parses a <see cref="TimeHeader"/> value.</summary>
    /// <param name="text">Header text.</param>
    /// <param name="time">The instant.</param>
    /// <returns>Whether it is <c>yyyy-MM-ddTHH:mm:ssZ</c>.</returns>
    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out time);

    private static string Parameters(string method, string path, string time)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(time);
        if (method.Contains('\n', StringComparison.Ordinal) || path.Contains('\n', StringComparison.Ordinal) || time.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("Signature parameters are single lines.", nameof(path));
        }

        return method + "\n" + path + "\n" + time;
    }

    /// <summary>The message a partner signs to acknowledge a notification.</summary>
    /// <param name="notificationId">The notification id.</param>
    /// <returns>UTF-8 bytes of <c>tahaluf-ack:ID</c>.</returns>
    public static byte[] AckMessage(string notificationId) => System.Text.Encoding.UTF8.GetBytes("tahaluf-ack:" + notificationId);

    /// <summary>Checks a signature; null when valid.</summary>
    /// <param name="partner">The signer.</param>
    /// <param name="message">The signed bytes, or for a bound signature the body its request carried.</param>
    /// <param name="signature">A 64-byte Ed25519 signature over <paramref name="message"/>, or a <see cref="Bind">bound</see> request signature.</param>
    /// <returns>Null, or the refusal.</returns>
    public static HubError? Verify(Partner partner, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if (!partner.HasSigningKey)
        {
            return HubError.Invalid(HubErrorCodes.NoSigningKey, Header, $"{partner.Id} has no registered signing key, so its signature cannot be checked.");
        }

        if (signature.Length < 64)
        {
            return HubError.Invalid(HubErrorCodes.InvalidSignature, Header, "The signature must be 64 bytes of Ed25519, base64-encoded.");
        }

        byte[]? bound = null;
        if (signature.Length > 64)
        {
            var parameters = System.Text.Encoding.UTF8.GetString(signature[64..]).Split('\n');
            if (parameters.Length != 3 || parameters.Any(string.IsNullOrEmpty))
            {
                return HubError.Invalid(HubErrorCodes.InvalidSignature, Header, "The bound signature's parameters are not method, path and time.");
            }

            bound = RequestMessage(parameters[0], parameters[1], parameters[2], message);
            signature = signature[..64];
        }

        var algorithm = SignatureAlgorithm.Ed25519;
        if (!PublicKey.TryImport(algorithm, partner.SigningPublicKey.AsSpan(), KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return HubError.Invalid(HubErrorCodes.InvalidSignature, Header, "The registered signing key is not a valid Ed25519 key.");
        }

        return algorithm.Verify(key, bound ?? message, signature)
            ? null
            : HubError.Invalid(HubErrorCodes.InvalidSignature, Header, "The signature does not verify with the partner's registered key.");
    }
}
