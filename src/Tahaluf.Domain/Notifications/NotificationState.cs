namespace Tahaluf.Domain.Notifications;

/// <summary>Where a notification stands in the acknowledgement cycle (see <see cref="AckRule"/>). Persisted: values never change.</summary>
public enum NotificationState
{
    /// <summary>Delivered or being delivered; not acknowledged; the deadline, if any, has not passed.</summary>
    Pending = 1,

    /// <summary>Acknowledged by its recipient (possibly late).</summary>
    Acknowledged = 2,

    /// <summary>The acknowledgement deadline passed without an acknowledgement; escalation is due.</summary>
    Overdue = 3,

    /// <summary>Overdue and escalated: re-sent, flagged on both sides, an <c>escalated</c> event published.</summary>
    Escalated = 4,
}
