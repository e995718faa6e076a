using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Partners;

/// <summary>
/// Who may write: a partner writes only its own items, and observers write nothing. An authorization rule, kept apart
/// from the release policy (an observer may still read what agreements release to it). Pure and thread-safe.
/// </summary>
public static class WriteAuthorization
{
    /// <summary>Whether <paramref name="writer"/> may create, replace or withdraw an item owned by <paramref name="itemOwner"/>.</summary>
    /// <param name="writer">The authenticated partner.</param>
    /// <param name="itemOwner">The owner named by the item (or by the existing item on replacement).</param>
    /// <returns>Null when allowed; else <see cref="DomainErrorCodes.ObserverCannotWrite"/> or <see cref="DomainErrorCodes.NotOwner"/>.</returns>
    public static DomainError? Check(Partner writer, string itemOwner)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!writer.CanWrite)
        {
            return new DomainError(DomainErrorCodes.ObserverCannotWrite, "owner", $"{writer.Id} is an observer and cannot write.");
        }

        return string.Equals(writer.Id, itemOwner, StringComparison.Ordinal)
            ? null
            : new DomainError(DomainErrorCodes.NotOwner, "owner", $"{writer.Id} can write only its own items.");
    }
}
