using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Agreements;

/// <summary>Checks an <see cref="Agreement"/>. Pure and thread-safe.</summary>
public static class AgreementValidator
{
    /// <summary>Checks both partner ids, that they differ, and that kind and level are defined.</summary>
    /// <param name="agreement">The agreement.</param>
    /// <returns>The first error found, or null when valid.</returns>
    public static DomainError? Validate(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (!PartnerId.IsValid(agreement.Owner))
        {
            return new DomainError(DomainErrorCodes.InvalidPartnerId, "owner", "owner is not a partner id.");
        }

        if (!PartnerId.IsValid(agreement.Recipient))
        {
            return new DomainError(DomainErrorCodes.InvalidPartnerId, "recipient", "recipient is not a partner id.");
        }

        if (string.Equals(agreement.Owner, agreement.Recipient, StringComparison.Ordinal))
        {
            return new DomainError(DomainErrorCodes.SelfAgreement, "recipient", "An agreement needs two different partners.");
        }

        if (!Enum.IsDefined(agreement.Kind))
        {
            return TextRules.Unknown("kind");
        }

        return Enum.IsDefined(agreement.Level) ? null : TextRules.Unknown("level");
    }
}
