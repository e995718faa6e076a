using Tahaluf.Domain.Notifications;
using Tahaluf.Domain.Views;

namespace Tahaluf.Hub.State;

/// <summary>A notification as its recipient sees it: the conflict notice or the released item, projected.</summary>
/// <param name="Notification">The notification (addressed to the viewer).</param>
/// <param name="Conflict">The conflict notice for a conflict notification, or null.</param>
/// <param name="Item">The released item's current view for an item notification, or null when no longer visible.</param>
/// <param name="Overdue">True when the deadline has passed without acknowledgement.</param>
public sealed record NotificationDelivery(Notification Notification, ConflictNotice? Conflict, ItemView? Item, bool Overdue);
