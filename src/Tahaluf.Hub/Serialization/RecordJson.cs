using System.Globalization;
using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Geometry.Formats;

namespace Tahaluf.Hub.Serialization;

/// <summary>
/// The stored JSON of conflicts and notifications, and small shared writers (item references, times).
/// Stored JSON is written by the hub itself; reading it back is still total (a corrupt row is an error, not a crash).
/// </summary>
public static class RecordJson
{
    /// <summary>Writes a time as RFC 3339 UTC with up to 7 fractional digits.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="name">Property name.</param>
    /// <param name="time">The time.</param>
    public static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (time is { } t)
        {
            Span<char> text = stackalloc char[40];
            if (t.UtcDateTime.TryFormat(text, out var length, Rfc3339Format, CultureInfo.InvariantCulture))
            {
                writer.WriteString(name, text[..length]);
            }
            else
            {
                writer.WriteString(name, Rfc3339(t));
            }
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Formats a time as RFC 3339 UTC (<c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, trailing zeros trimmed).</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Rfc3339Format, CultureInfo.InvariantCulture);

    private const string Rfc3339Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>Writes an item reference object.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="name">Property name.</param>
    /// <param name="item">The reference.</param>
    public static void WriteRef(Utf8JsonWriter writer, string name, ItemRef item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject(name);
        writer.WriteString("kind", WireNames.Of(item.Kind));
        writer.WriteString("owner", item.Owner);
        writer.WriteString("id", item.Id);
        writer.WriteEndObject();
    }

    /// <summary>The stored JSON of a conflict.</summary>
    /// <param name="conflict">The conflict.</param>
    /// <returns>JSON text.</returns>
    public static string Write(Conflict conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return Json(w =>
        {
            w.WriteString("id", conflict.Id);
            w.WriteString("source", WireNames.Of(conflict.Source));
            WriteRef(w, "a", conflict.A.Item);
            WriteRef(w, "b", conflict.B.Item);
            w.WritePropertyName("encounter");
            F3548Writer.WriteVolume4D(w, conflict.Encounter);
            WriteTime(w, "opened_at", conflict.OpenedAt);
            WriteTime(w, "closed_at", conflict.ClosedAt);
        });
    }

    /// <summary>The stored JSON of a notification.</summary>
    /// <param name="n">The notification.</param>
    /// <returns>JSON text.</returns>
    public static string Write(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return Json(w =>
        {
            w.WriteString("id", n.Id);
            w.WriteString("recipient", n.Recipient);
            if (n.ConflictId is not null)
            {
                w.WriteString("conflict_id", n.ConflictId);
            }

            if (n.Item is { } item)
            {
                WriteRef(w, "item", item);
            }

            WriteTime(w, "created_at", n.CreatedAt);
            WriteTime(w, "ack_deadline", n.AckDeadline);
            w.WriteString("state", WireNames.Of(n.State));
            WriteTime(w, "acknowledged_at", n.AcknowledgedAt);
            WriteTime(w, "escalated_at", n.EscalatedAt);
        });
    }

    /// <summary>Reads a stored conflict.</summary>
    /// <param name="json">Stored JSON.</param>
    /// <returns>The conflict.</returns>
    /// <exception cref="InvalidDataException">The row is corrupt.</exception>
    public static Conflict ReadConflict(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var a = ReadRef(r.GetProperty("a"));
        var b = ReadRef(r.GetProperty("b"));
        var encounter = F3548Reader.ReadVolume4D(r.GetProperty("encounter"), "encounter", allowOpenEnd: true);
        if (!encounter.Success || !WireNames.TryParse<ConflictSource>(r.GetProperty("source").GetString(), out var source))
        {
            throw new InvalidDataException("Stored conflict is corrupt: " + json);
        }

        return new Conflict(
            r.GetProperty("id").GetString()!,
            new ConflictParty(a.Owner, a),
            new ConflictParty(b.Owner, b),
            encounter.Value,
            ReadTime(r, "opened_at")!.Value,
            ReadTime(r, "closed_at"),
            source);
    }

    /// <summary>Reads a stored notification.</summary>
    /// <param name="json">Stored JSON.</param>
    /// <returns>The notification.</returns>
    /// <exception cref="InvalidDataException">The row is corrupt.</exception>
    public static Notification ReadNotification(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        if (!WireNames.TryParse<NotificationState>(r.GetProperty("state").GetString(), out var state))
        {
            throw new InvalidDataException("Stored notification is corrupt: " + json);
        }

        return new Notification(
            r.GetProperty("id").GetString()!,
            r.GetProperty("recipient").GetString()!,
            r.TryGetProperty("conflict_id", out var c) ? c.GetString() : null,
            r.TryGetProperty("item", out var i) ? ReadRef(i) : null,
            ReadTime(r, "created_at")!.Value,
            ReadTime(r, "ack_deadline"),
            state,
            ReadTime(r, "acknowledged_at"),
            ReadTime(r, "escalated_at"));
    }

    /// <summary>Reads an item reference object.</summary>
    /// <param name="e">The JSON object.</param>
    /// <returns>The reference.</returns>
    public static ItemRef ReadRef(JsonElement e) =>
        WireNames.TryParse<ItemKind>(e.GetProperty("kind").GetString(), out var kind)
            ? new ItemRef(kind, e.GetProperty("owner").GetString()!, e.GetProperty("id").GetString()!)
            : throw new InvalidDataException("Unknown item kind in stored reference.");

    /// <summary>Serializes with a callback writing the members of one object.</summary>
    /// <param name="members">Writes the properties.</param>
    /// <returns>JSON text.</returns>
    public static string Json(Action<Utf8JsonWriter> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        using var lease = ScratchJson.Rent();
        lease.Writer.WriteStartObject();
        members(lease.Writer);
        lease.Writer.WriteEndObject();
        return lease.ToText();
    }

    private static DateTimeOffset? ReadTime(JsonElement r, string name) =>
        r.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
}
