using System.Globalization;
using System.Text.Json;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Formats;

/// <summary>
/// Writes a <see cref="Volume4D"/> as an ASTM F3548-21 <c>Volume4D</c> object: lengths in metres (<c>M</c>),
/// altitudes referenced to <c>W84</c>, times as RFC 3339 UTC with up to 7 fraction digits; <c>time_end</c> is
/// omitted for an open-ended volume. <see cref="F3548Reader"/> reads the output back to an equal volume.
/// Thread-safe (the writer is the caller's).
/// </summary>
public static class F3548Writer
{
    /// <summary>Writes the volume as one JSON object at the writer's current position.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="volume">The volume; its footprint must be a polygon or a circle.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The footprint is neither a polygon nor a circle, or a number is NaN or
    /// infinite (JSON cannot carry it; validate first).</exception>
    public static void WriteVolume4D(Utf8JsonWriter writer, Volume4D volume)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(volume);

        writer.WriteStartObject();
        writer.WriteStartObject("volume");
        switch (volume.Footprint)
        {
            case PolygonFootprint polygon:
                writer.WriteStartObject("outline_polygon");
                writer.WriteStartArray("vertices");
                foreach (var vertex in polygon.Vertices.IsDefault ? [] : polygon.Vertices)
                {
                    WriteLatLng(writer, vertex);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case CircleFootprint circle:
                writer.WriteStartObject("outline_circle");
                writer.WritePropertyName("center");
                WriteLatLng(writer, circle.Center);
                writer.WriteStartObject("radius");
                writer.WriteNumber("value", circle.RadiusM);
                writer.WriteString("units", "M");
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException("The footprint must be a polygon or a circle.", nameof(volume));
        }

        WriteAltitude(writer, "altitude_lower", volume.AltitudeLowerM);
        WriteAltitude(writer, "altitude_upper", volume.AltitudeUpperM);
        writer.WriteEndObject();
        WriteTime(writer, "time_start", volume.TimeStart);
        if (volume.TimeEnd is { } end)
        {
            WriteTime(writer, "time_end", end);
        }

        writer.WriteEndObject();
    }

    /// <summary>Formats a time as RFC 3339 in UTC, e.g. <c>2023-02-12T10:27:14.483425Z</c>.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteLatLng(Utf8JsonWriter writer, LatLng position)
    {
        writer.WriteStartObject();
        writer.WriteNumber("lat", position.Lat);
        writer.WriteNumber("lng", position.Lng);
        writer.WriteEndObject();
    }

    private static void WriteAltitude(Utf8JsonWriter writer, string name, double metres)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("value", metres);
        writer.WriteString("reference", "W84");
        writer.WriteString("units", "M");
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset time)
    {
        writer.WriteStartObject(name);
        writer.WriteString("value", FormatTime(time));
        writer.WriteString("format", "RFC3339");
        writer.WriteEndObject();
    }
}
