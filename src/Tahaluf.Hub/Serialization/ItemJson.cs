using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub.Errors;

namespace Tahaluf.Hub.Serialization;

/// <summary>
/// Reads declaration bodies (the PUT form) into domain items and writes items back in the same form,
/// which is also the stored form. Field names are snake_case; volumes are ASTM F3548 Volume4D.
/// Thread-safe (static, pure).
/// </summary>
public static class ItemJson
{
    /// <summary>Reads an operation body.</summary>
    /// <param name="body">The JSON object.</param>
    /// <param name="id">Item id from the path.</param>
    /// <param name="owner">Declaring partner.</param>
    /// <param name="version">Version the item will have.</param>
    /// <returns>The operation, or the first error.</returns>
    public static HubResult<Operation> ReadOperation(JsonElement body, string id, string owner, long version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return NotAnObject();
        }

        HubError? error;
        if ((error = JsonRead.Volumes(body, "volumes", out var volumes, allowOpenEnd: false)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.Enum(body, "state", ItemState.Planned, out var state)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.Enum(body, "category", OperationCategory.Other, out var category)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.OptionalInt(body, "aircraft_count", out var count)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.String(body, "remarks", required: false, out var remarks)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.Label(body, out var label)) is not null)
        {
            return error;
        }

        var callsigns = System.Collections.Immutable.ImmutableArray<string>.Empty;
        if (body.TryGetProperty("callsigns", out var cs) && cs.ValueKind != JsonValueKind.Null)
        {
            error = JsonRead.Strings(cs, "callsigns", out callsigns);
            if (error is not null)
            {
                return error;
            }
        }

        var operation = new Operation(id, owner, version, label, volumes, state, category, callsigns, count, remarks);
        return Validated(operation, ItemValidator.Validate(operation));
    }

    /// <summary>Reads a zone body.</summary>
    /// <param name="body">The JSON object.</param>
    /// <param name="id">Item id from the path.</param>
    /// <param name="owner">Declaring partner.</param>
    /// <param name="version">Version the item will have.</param>
    /// <returns>The zone, or the first error.</returns>
    public static HubResult<Zone> ReadZone(JsonElement body, string id, string owner, long version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return NotAnObject();
        }

        HubError? error;
        if ((error = JsonRead.Volumes(body, "volumes", out var volumes, allowOpenEnd: true)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.Enum(body, "state", ItemState.Active, out var state)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.Enum(body, "zone_kind", ZoneKind.Other, out var kind)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.String(body, "anchor_track_id", required: false, out var anchor)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.String(body, "name", required: false, out var name)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.Label(body, out var label)) is not null)
        {
            return error;
        }

        var zone = new Zone(id, owner, version, label, kind, volumes, state, anchor, name ?? id);
        return Validated(zone, ItemValidator.Validate(zone));
    }

    /// <summary>Reads a report body.</summary>
    /// <param name="body">The JSON object.</param>
    /// <param name="id">Item id from the path.</param>
    /// <param name="owner">Declaring partner.</param>
    /// <param name="version">Version the item will have.</param>
    /// <returns>The report, or the first error.</returns>
    public static HubResult<Report> ReadReport(JsonElement body, string id, string owner, long version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return NotAnObject();
        }

        HubError? error;
        if ((error = JsonRead.String(body, "text", required: true, out var text)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.String(body, "language", required: false, out var language)) is not null)
        {
            return error;
        }

        if ((error = JsonRead.Label(body, out var label)) is not null)
        {
            return error;
        }

        Volume4D? geometry = null;
        if (body.TryGetProperty("geometry", out var g) && g.ValueKind != JsonValueKind.Null)
        {
            error = JsonRead.Volume(g, "geometry", allowOpenEnd: false, out geometry);
            if (error is not null)
            {
                return error;
            }
        }

        var report = new Report(id, owner, version, label, text!, language ?? "en", geometry);
        return Validated(report, ItemValidator.Validate(report));
    }

    /// <summary>Reads a declaration body of any declarable kind.</summary>
    /// <param name="kind">Operation, zone or report.</param>
    /// <param name="body">The JSON object.</param>
    /// <param name="id">Item id.</param>
    /// <param name="owner">Owner.</param>
    /// <param name="version">Version.</param>
    /// <returns>The item or the first error.</returns>
    public static HubResult<Item> Read(ItemKind kind, JsonElement body, string id, string owner, long version) => kind switch
    {
        ItemKind.Operation => Widen(ReadOperation(body, id, owner, version)),
        ItemKind.Zone => Widen(ReadZone(body, id, owner, version)),
        ItemKind.Report => Widen(ReadReport(body, id, owner, version)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only operations, zones and reports are declared with a body."),
    };

    /// <summary>Writes an item's full declaration body (the stored form; no id, owner or version, which the record holds).</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="item">Operation, zone or report.</param>
    public static void Write(Utf8JsonWriter writer, Item item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        switch (item)
        {
            case Operation o:
                writer.WriteString("state", WireNames.Of(o.State));
                WriteVolumes(writer, o.Volumes);
                writer.WriteString("category", WireNames.Of(o.Category));
                writer.WriteStartArray("callsigns");
                foreach (var c in o.Callsigns)
                {
                    writer.WriteStringValue(c);
                }

                writer.WriteEndArray();
                if (o.AircraftCount is { } n)
                {
                    writer.WriteNumber("aircraft_count", n);
                }

                if (o.Remarks is not null)
                {
                    writer.WriteString("remarks", o.Remarks);
                }

                break;
            case Zone z:
                writer.WriteString("state", WireNames.Of(z.State));
                writer.WriteString("zone_kind", WireNames.Of(z.ZoneKind));
                writer.WriteString("name", z.Name);
                if (z.AnchorTrackId is not null)
                {
                    writer.WriteString("anchor_track_id", z.AnchorTrackId);
                }

                WriteVolumes(writer, z.Volumes);
                break;
            case Report r:
                writer.WriteString("text", r.Text);
                writer.WriteString("language", r.Language);
                if (r.Geometry is not null)
                {
                    writer.WritePropertyName("geometry");
                    F3548Writer.WriteVolume4D(writer, r.Geometry);
                }

                break;
            default:
                throw new ArgumentException("Only operations, zones and reports have a declaration body.", nameof(item));
        }

        WriteLabel(writer, item.Label);
        writer.WriteEndObject();
    }

    /// <summary>The declaration body as UTF-8 JSON bytes.</summary>
    /// <param name="item">Operation, zone or report.</param>
    /// <returns>Canonical bytes (same item → same bytes).</returns>
    public static byte[] ToUtf8(Item item)
    {
        return ScratchJson.ToUtf8(w => Write(w, item));
    }

    /// <summary>Writes a label object.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="label">The label.</param>
    public static void WriteLabel(Utf8JsonWriter writer, Label label)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(label);
        writer.WriteStartObject("label");
        if (label.ReleasableTo is { } list)
        {
            writer.WriteStartArray("releasable_to");
            foreach (var id in list)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        writer.WriteBoolean("civil", label.Civil);
        if (label.Caveat is not null)
        {
            writer.WriteString("caveat", label.Caveat);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>volumes</c> array of F3548 Volume4D.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="volumes">The volumes.</param>
    public static void WriteVolumes(Utf8JsonWriter writer, IEnumerable<Volume4D> volumes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(volumes);
        writer.WriteStartArray("volumes");
        foreach (var v in volumes)
        {
            F3548Writer.WriteVolume4D(writer, v);
        }

        writer.WriteEndArray();
    }

    private static HubResult<T> Validated<T>(T item, Domain.Validation.DomainError? error) =>
        error is null ? HubResult<T>.Ok(item) : HubError.Invalid(error.Code, error.Field, error.Message);

    private static HubResult<Item> Widen<T>(HubResult<T> result)
        where T : Item =>
        result.Success ? HubResult<Item>.Ok(result.Value!) : HubResult<Item>.Fail(result.Error);

    private static HubError NotAnObject() => HubError.Invalid(HubErrorCodes.MalformedBody, null, "The body must be a JSON object.");
}
