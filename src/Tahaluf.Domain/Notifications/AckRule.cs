using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Notifications;

/// <summary>
/// The acknowledgement rule as pure functions of a notification and the current time:
/// pending until the deadline; at or after the deadline without an acknowledgement, overdue; the hub then escalates
/// (re-sends, flags both sides) and records it; an acknowledgement is accepted at any time, and is late when at or after
/// the deadline. Thread-safe.
/// </summary>
public static class AckRule
{
    /// <summary>The default time allowed to acknowledge a conflict notification: 120 s.</summary>
    public static TimeSpan DefaultAckWindow { get; } = TimeSpan.FromSeconds(120);

    /// <summary>The state of <paramref name="notification"/> at <paramref name="now"/>.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="now">The current time, UTC.</param>
    /// <returns>Acknowledged, escalated, overdue (deadline reached, not escalated) or pending.</returns>
    public static NotificationState StateAt(Notification notification, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.AcknowledgedAt is not null || notification.State == NotificationState.Acknowledged)
        {
            return NotificationState.Acknowledged;
        }

        if (notification.EscalatedAt is not null || notification.State == NotificationState.Escalated)
        {
            return NotificationState.Escalated;
        }

        return notification.AckDeadline is { } deadline && now >= deadline
            ? NotificationState.Overdue
            : NotificationState.Pending;
    }

    /// <summary>True when the deadline has been reached without acknowledgement and no escalation is recorded yet.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="now">The current time, UTC.</param>
    /// <returns>Whether the hub must escalate now.</returns>
    public static bool NeedsEscalation(Notification notification, DateTimeOffset now) =>
        StateAt(notification, now) == NotificationState.Overdue;

    /// <summary>The notification with its stored state brought up to <paramref name="now"/> (pending → overdue).</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="now">The current time, UTC.</param>
    /// <returns>The same instance when nothing changes, else an updated copy.</returns>
    public static Notification Advance(Notification notification, DateTimeOffset now)
    {
        var state = StateAt(notification, now);
        return state == notification.State ? notification : notification with { State = state };
    }

    /// <summary>Records an escalation at <paramref name="now"/>; anything not overdue is returned unchanged.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="now">The current time, UTC.</param>
    /// <returns>The escalated notification, or the input when escalation is not due.</returns>
    public static Notification Escalate(Notification notification, DateTimeOffset now) =>
        NeedsEscalation(notification, now)
            ? notification with { State = NotificationState.Escalated, EscalatedAt = now }
            : notification;

    /// <summary>
    /// Applies an acknowledgement by <paramref name="partner"/> at <paramref name="now"/>. Idempotent: a second
    /// acknowledgement returns the first unchanged (deliveries are at-least-once).
    /// </summary>
    /// <param name="notification">The notification.</param>
    /// <param name="partner">The acknowledging partner's id.</param>
    /// <param name="now">The current time, UTC.</param>
    /// <returns>The acknowledged notification, or <see cref="DomainErrorCodes.NotRecipient"/> / <see cref="DomainErrorCodes.InvalidTime"/>.</returns>
    public static DomainResult<Notification> Acknowledge(Notification notification, string partner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!string.Equals(notification.Recipient, partner, StringComparison.Ordinal))
        {
            return DomainResult<Notification>.Fail(new DomainError(
                DomainErrorCodes.NotRecipient, "recipient", "Only the recipient may acknowledge a notification."));
        }

        if (notification.AcknowledgedAt is not null)
        {
            return DomainResult<Notification>.Ok(notification);
        }

        if (now < notification.CreatedAt)
        {
            return DomainResult<Notification>.Fail(new DomainError(
                DomainErrorCodes.InvalidTime, "acknowledged_at", "An acknowledgement cannot precede the notification."));
        }

        return DomainResult<Notification>.Ok(notification with { State = NotificationState.Acknowledged, AcknowledgedAt = now });
    }

    /// <summary>True when the notification was acknowledged at or after its deadline.</summary>
    /// <param name="notification">The notification.</param>
    /// <returns>Whether the acknowledgement was late; false when not acknowledged or without deadline.</returns>
    public static bool WasLate(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return notification is { AcknowledgedAt: { } at, AckDeadline: { } deadline } && at >= deadline;
    }
}
