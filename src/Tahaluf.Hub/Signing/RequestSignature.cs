using NSec.Cryptography;
using Tahaluf.Domain.Partners;
using Tahaluf.Hub.Errors;

namespace Tahaluf.Hub.Signing;

/// <summary>
/// Partner signatures (Ed25519) over what they tell the hub: a declaration's exact request body, or for an
/// acknowledgement the UTF-8 text <c>tahaluf-ack:</c> followed by the notification id. The hub verifies them
/// against the partner's registered key and keeps them in the ledger leaf, so a partner cannot later deny
/// what it signed. Thread-safe (static, pure).
/// </summary>
public static class RequestSignature
{
    /// <summary>The HTTP header carrying the base64 signature.</summary>
    public const string Header = "Tahaluf-Signature";

    /// <summary>The message a partner signs to acknowledge a notification.</summary>
    /// <param name="notificationId">The notification id.</param>
    /// <returns>UTF-8 bytes of <c>tahaluf-ack:ID</c>.</returns>
    public static byte[] AckMessage(string notificationId) => System.Text.Encoding.UTF8.GetBytes("tahaluf-ack:" + notificationId);

    /// <summary>Checks a signature; null when valid.</summary>
    /// <param name="partner">The signer.</param>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">64-byte Ed25519 signature.</param>
    /// <returns>Null, or the refusal.</returns>
    public static HubError? Verify(Partner partner, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if (!partner.HasSigningKey)
        {
            return HubError.Invalid(HubErrorCodes.NoSigningKey, Header, $"{partner.Id} has no registered signing key, so its signature cannot be checked.");
        }

        if (signature.Length != 64)
        {
            return HubError.Invalid(HubErrorCodes.InvalidSignature, Header, "The signature must be 64 bytes of Ed25519, base64-encoded.");
        }

        var algorithm = SignatureAlgorithm.Ed25519;
        if (!PublicKey.TryImport(algorithm, partner.SigningPublicKey.AsSpan(), KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return HubError.Invalid(HubErrorCodes.InvalidSignature, Header, "The registered signing key is not a valid Ed25519 key.");
        }

        return algorithm.Verify(key, message, signature)
            ? null
            : HubError.Invalid(HubErrorCodes.InvalidSignature, Header, "The signature does not verify with the partner's registered key.");
    }
}
