using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Notifications;

/// <summary>Checks a <see cref="Notification"/>. Pure and thread-safe.</summary>
public static class NotificationValidator
{
    /// <summary>
    /// Checks the id (item id syntax), the recipient, that exactly one of conflict and item is named, that the
    /// deadline (if any) is after creation and that the state is defined.
    /// </summary>
    /// <param name="notification">The notification.</param>
    /// <returns>The first error, or null when valid.</returns>
    public static DomainError? Validate(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!ItemId.IsValid(notification.Id))
        {
            return new DomainError(DomainErrorCodes.InvalidItemId, "id", "id is not a valid notification id.");
        }

        if (!PartnerId.IsValid(notification.Recipient))
        {
            return new DomainError(DomainErrorCodes.InvalidPartnerId, "recipient", "recipient is not a partner id.");
        }

        if ((notification.ConflictId is null) == (notification.Item is null))
        {
            return new DomainError(
                DomainErrorCodes.InvalidNotificationSubject, "subject", "A notification names exactly one of a conflict and an item.");
        }

        if (notification.AckDeadline is { } deadline && deadline <= notification.CreatedAt)
        {
            return new DomainError(DomainErrorCodes.InvalidTime, "ack_deadline", "ack_deadline must be after created_at.");
        }

        return Enum.IsDefined(notification.State)
            ? null
            : new DomainError(DomainErrorCodes.UnknownValue, "state", "state is not a known notification state.");
    }
}
