using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Views;
using Tahaluf.Geometry.Formats;

namespace Tahaluf.Hub.Serialization;

/// <summary>
/// The wire form of projected views — the only way items, conflicts and notifications leave the hub.
/// Writes exactly what a view holds: a view produced by the release policy cannot gain fields here.
/// Thread-safe (static, pure).
/// </summary>
public static class ViewJson
{
    /// <summary>Writes an item view object.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="view">The projected view.</param>
    public static void Write(Utf8JsonWriter w, ItemView view)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(view);
        w.WriteStartObject();
        w.WriteString("kind", WireNames.Of(view.Kind));
        w.WriteString("id", view.Id);
        w.WriteString("owner", view.Owner);
        w.WriteString("level", WireNames.Of(view.Level));
        switch (view)
        {
            case OperationView o:
                w.WriteNumber("version", o.Envelope.Version);
                w.WriteString("state", WireNames.Of(o.Envelope.State));
                WriteSpan(w, o.Envelope.Span);
                ItemJson.WriteVolumes(w, o.Envelope.Volumes);
                if (o.Details is { } od)
                {
                    w.WriteString("category", WireNames.Of(od.Category));
                    w.WriteStartArray("callsigns");
                    foreach (var c in od.Callsigns)
                    {
                        w.WriteStringValue(c);
                    }

                    w.WriteEndArray();
                    WriteOptional(w, "aircraft_count", od.AircraftCount);
                    WriteOptional(w, "remarks", od.Remarks);
                    WriteOptional(w, "caveat", od.Caveat);
                    WriteOwnLabel(w, od.OwnLabel);
                }

                break;
            case ZoneView z:
                w.WriteNumber("version", z.Envelope.Version);
                w.WriteString("state", WireNames.Of(z.Envelope.State));
                w.WriteString("zone_kind", WireNames.Of(z.Envelope.ZoneKind));
                WriteSpan(w, z.Envelope.Span);
                ItemJson.WriteVolumes(w, z.Envelope.Volumes);
                if (z.Details is { } zd)
                {
                    w.WriteString("name", zd.Name);
                    WriteOptional(w, "anchor_track_id", zd.AnchorTrackId);
                    WriteOptional(w, "caveat", zd.Caveat);
                    WriteOwnLabel(w, zd.OwnLabel);
                }

                break;
            case ReportView r:
                w.WriteNumber("version", r.Envelope.Version);
                if (r.Envelope.Geometry is not null)
                {
                    w.WritePropertyName("geometry");
                    F3548Writer.WriteVolume4D(w, r.Envelope.Geometry);
                }

                if (r.Details is { } rd)
                {
                    w.WriteString("text", rd.Text);
                    w.WriteString("language", rd.Language);
                    WriteOptional(w, "caveat", rd.Caveat);
                    WriteOwnLabel(w, rd.OwnLabel);
                }

                break;
            case TrackView t:
                w.WriteString("platform_kind", WireNames.Of(t.Envelope.PlatformKind));
                w.WriteNumber("lat", t.Envelope.Position.Lat);
                w.WriteNumber("lng", t.Envelope.Position.Lng);
                w.WriteNumber("altitude_m", t.Envelope.AltitudeM);
                RecordJson.WriteTime(w, "time", t.Envelope.Time);
                w.WriteNumber("ground_speed_mps", t.Envelope.GroundSpeedMps);
                w.WriteNumber("course_deg", t.Envelope.CourseDeg);
                w.WriteNumber("vertical_rate_mps", t.Envelope.VerticalRateMps);
                if (t.Details is { } td)
                {
                    WriteOptional(w, "callsign", td.Callsign);
                    WriteOptional(w, "caveat", td.Caveat);
                    WriteOwnLabel(w, td.OwnLabel);
                }

                break;
            default:
                throw new ArgumentException("Unknown view type.", nameof(view));
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a conflict notice object (what one party may know of a conflict).</summary>
    /// <param name="w">Destination.</param>
    /// <param name="notice">The projected notice.</param>
    public static void Write(Utf8JsonWriter w, ConflictNotice notice)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(notice);
        w.WriteStartObject();
        w.WriteString("conflict_id", notice.ConflictId);
        w.WriteString("source", WireNames.Of(notice.Source));
        w.WriteString("state", notice.ClosedAt is null ? "open" : "closed");
        RecordJson.WriteRef(w, "own_item", notice.OwnItem);
        w.WriteString("other_party", notice.OtherParty);
        w.WritePropertyName("encounter");
        F3548Writer.WriteVolume4D(w, notice.Encounter);
        RecordJson.WriteTime(w, "opened_at", notice.OpenedAt);
        RecordJson.WriteTime(w, "closed_at", notice.ClosedAt);
        w.WriteString("level", WireNames.Of(notice.Level));
        if (notice.OtherItem is not null)
        {
            w.WritePropertyName("other_item");
            Write(w, notice.OtherItem);
        }
        else
        {
            w.WriteNull("other_item");
        }

        w.WriteEndObject();
    }

    /// <summary>Serializes with a writer callback.</summary>
    /// <param name="write">Writes one JSON value.</param>
    /// <returns>JSON text.</returns>
    public static string ToJson(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return ScratchJson.ToText(write);
    }

    private static void WriteSpan(Utf8JsonWriter w, VolumeSpan span)
    {
        w.WriteNumber("altitude_lower_m", span.AltitudeLowerM);
        w.WriteNumber("altitude_upper_m", span.AltitudeUpperM);
        RecordJson.WriteTime(w, "time_start", span.TimeStart);
        RecordJson.WriteTime(w, "time_end", span.TimeEnd);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteOwnLabel(Utf8JsonWriter w, Label? label)
    {
        if (label is not null)
        {
            ItemJson.WriteLabel(w, label);
        }
    }
}
