using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Hub.State;

namespace Tahaluf.Hub.Serialization;

/// <summary>Wire form of hub-level read models built from projected views.</summary>
public static class HubJson
{
    /// <summary>Writes a notification delivery object.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="d">The delivery (already projected for its recipient).</param>
    public static void Write(Utf8JsonWriter w, NotificationDelivery d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        var n = d.Notification;
        w.WriteStartObject();
        w.WriteString("id", n.Id);
        w.WriteString("recipient", n.Recipient);
        w.WriteString("type", n.ConflictId is null ? "item" : "conflict");
        w.WriteString("state", WireNames.Of(n.State));
        w.WriteBoolean("overdue", d.Overdue);
        RecordJson.WriteTime(w, "created_at", n.CreatedAt);
        RecordJson.WriteTime(w, "ack_deadline", n.AckDeadline);
        RecordJson.WriteTime(w, "acknowledged_at", n.AcknowledgedAt);
        RecordJson.WriteTime(w, "escalated_at", n.EscalatedAt);
        if (d.Conflict is not null)
        {
            w.WritePropertyName("conflict");
            ViewJson.Write(w, d.Conflict);
        }

        if (d.Item is not null)
        {
            w.WritePropertyName("item");
            ViewJson.Write(w, d.Item);
        }

        w.WriteEndObject();
    }
}
