using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Partners;

/// <summary>Checks a <see cref="Partner"/>. Pure and thread-safe.</summary>
public static class PartnerValidator
{
    /// <summary>Longest display name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Length of an Ed25519 public key, in bytes.</summary>
    public const int SigningKeyLength = 32;

    /// <summary>
    /// Checks the id, the role, that there is at least one name, that name keys are language tags and names are
    /// 1–200 characters, and that the signing key is absent or 32 bytes.
    /// </summary>
    /// <param name="partner">The partner.</param>
    /// <returns>The first error found, or null when valid.</returns>
    public static DomainError? Validate(Partner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if (!PartnerId.IsValid(partner.Id))
        {
            return new DomainError(DomainErrorCodes.InvalidPartnerId, "id", "id must be 2–16 characters: an upper-case letter, then letters, digits or '_'.");
        }

        if (!Enum.IsDefined(partner.Role))
        {
            return TextRules.Unknown("role");
        }

        if (partner.Names is null || partner.Names.IsEmpty)
        {
            return new DomainError(DomainErrorCodes.TextRequired, "names", "names must hold at least one display name.");
        }

        foreach (var (language, name) in partner.Names.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!TextRules.IsLanguageTag(language))
            {
                return new DomainError(DomainErrorCodes.InvalidLanguage, "names", $"names has a key that is not a language tag: '{language}'.");
            }

            if (TextRules.Check(name, $"names.{language}", MaxNameLength, required: true, multiline: false) is { } error)
            {
                return error;
            }
        }

        if (partner.HasSigningKey && partner.SigningPublicKey.Length != SigningKeyLength)
        {
            return new DomainError(DomainErrorCodes.InvalidSigningKey, "signing_public_key", "signing_public_key must be a 32-byte Ed25519 public key.");
        }

        return null;
    }
}
