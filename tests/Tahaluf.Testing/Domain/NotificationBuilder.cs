using Tahaluf.Domain.Notifications;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds notifications; the default is a pending conflict notification to TR with a 120 s deadline.</summary>
public sealed class NotificationBuilder
{
    private string _id = "notification-1";
    private string _recipient = "TR";
    private string _conflictId = "conflict-1";
    private DateTimeOffset _createdAt = new(2015, 11, 24, 7, 22, 30, TimeSpan.Zero);
    private TimeSpan _ackWindow = AckRule.DefaultAckWindow;

    public NotificationBuilder WithId(string id) { _id = id; return this; }

    public NotificationBuilder To(string recipient) { _recipient = recipient; return this; }

    public NotificationBuilder ForConflict(string conflictId) { _conflictId = conflictId; return this; }

    public NotificationBuilder CreatedAt(DateTimeOffset at) { _createdAt = at; return this; }

    public NotificationBuilder WithAckWindow(TimeSpan window) { _ackWindow = window; return this; }

    public Notification Build() => Notification.ForConflict(_id, _recipient, _conflictId, _createdAt, _ackWindow);
}
