using Tahaluf.Domain.Items;

namespace Tahaluf.Domain.Notifications;

/// <summary>
/// A message to one partner about a conflict (must be acknowledged before <paramref name="AckDeadline"/>) or about an item
/// released to it (no deadline). Exactly one of <paramref name="ConflictId"/> and <paramref name="Item"/> is set.
/// Immutable and thread-safe; state changes go through <see cref="AckRule"/>.
/// </summary>
/// <param name="Id">Stable id; receivers de-duplicate by it.</param>
/// <param name="Recipient">The addressed partner's id.</param>
/// <param name="ConflictId">The conflict it announces, or null.</param>
/// <param name="Item">The released item it announces, or null.</param>
/// <param name="CreatedAt">Creation time, UTC.</param>
/// <param name="AckDeadline">Acknowledge strictly before this time (UTC); null when no acknowledgement is required.</param>
/// <param name="State">Stored state; <see cref="AckRule.StateAt"/> gives the state at a given time.</param>
/// <param name="AcknowledgedAt">When the recipient acknowledged, UTC, or null.</param>
/// <param name="EscalatedAt">When the hub escalated it, UTC, or null.</param>
public sealed record Notification(
    string Id,
    string Recipient,
    string? ConflictId,
    ItemRef? Item,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AckDeadline,
    NotificationState State,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? EscalatedAt)
{
    /// <summary>A new pending conflict notification with a deadline <paramref name="ackWindow"/> after creation.</summary>
    /// <param name="id">Notification id.</param>
    /// <param name="recipient">Recipient partner id.</param>
    /// <param name="conflictId">The conflict's id.</param>
    /// <param name="createdAt">Creation time, UTC.</param>
    /// <param name="ackWindow">Time allowed to acknowledge; positive; <see cref="AckRule.DefaultAckWindow"/> is 120 s.</param>
    /// <returns>The notification.</returns>
    public static Notification ForConflict(string id, string recipient, string conflictId, DateTimeOffset createdAt, TimeSpan ackWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ackWindow, TimeSpan.Zero);
        return new(id, recipient, conflictId, null, createdAt, createdAt + ackWindow, NotificationState.Pending, null, null);
    }

    /// <summary>A new pending notification that an item was released to the recipient; no acknowledgement deadline.</summary>
    /// <param name="id">Notification id.</param>
    /// <param name="recipient">Recipient partner id.</param>
    /// <param name="item">The released item.</param>
    /// <param name="createdAt">Creation time, UTC.</param>
    /// <returns>The notification.</returns>
    public static Notification ForItem(string id, string recipient, ItemRef item, DateTimeOffset createdAt) =>
        new(id, recipient, null, item, createdAt, null, NotificationState.Pending, null, null);
}
