using System.Text.Json;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Formats;

/// <summary>
/// Writes a <see cref="Volume4D"/> as a GeoJSON (RFC 7946) <c>Feature</c> in the convention
/// <see cref="GeoJsonReader"/> reads: a <c>Polygon</c> (positions <c>[longitude, latitude]</c>, ring closed by
/// repeating the first position) or a <c>Point</c> with <c>properties.radius_m</c>; <c>altitude_lower_m</c>,
/// <c>altitude_upper_m</c> (metres above the WGS84 ellipsoid), <c>time_start</c> and <c>time_end</c> (RFC 3339
/// UTC; null when open-ended). Extra properties are the caller's to add through a callback.
/// Thread-safe (the writer is the caller's).
/// </summary>
public static class GeoJsonWriter
{
    /// <summary>Writes the volume as one GeoJSON Feature object at the writer's current position.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="volume">A validated volume.</param>
    /// <param name="writeProperties">Optional callback that writes more members into <c>properties</c>.</param>
    /// <exception cref="ArgumentNullException">The writer or volume is null.</exception>
    /// <exception cref="ArgumentException">The footprint is neither a polygon nor a circle, or a number is not finite.</exception>
    public static void WriteFeature(Utf8JsonWriter writer, Volume4D volume, Action<Utf8JsonWriter>? writeProperties = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(volume);

        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteStartObject("geometry");
        switch (volume.Footprint)
        {
            case PolygonFootprint polygon:
                writer.WriteString("type", "Polygon");
                writer.WriteStartArray("coordinates");
                writer.WriteStartArray();
                var vertices = polygon.Vertices.IsDefault ? [] : polygon.Vertices;
                foreach (var vertex in vertices)
                {
                    WritePosition(writer, vertex);
                }

                if (vertices.Length > 0)
                {
                    WritePosition(writer, vertices[0]);
                }

                writer.WriteEndArray();
                writer.WriteEndArray();
                break;
            case CircleFootprint circle:
                writer.WriteString("type", "Point");
                writer.WritePropertyName("coordinates");
                WritePosition(writer, circle.Center);
                break;
            default:
                throw new ArgumentException("The footprint must be a polygon or a circle.", nameof(volume));
        }

        writer.WriteEndObject();
        writer.WriteStartObject("properties");
        if (volume.Footprint is CircleFootprint c)
        {
            writer.WriteNumber("radius_m", c.RadiusM);
        }

        writer.WriteNumber("altitude_lower_m", volume.AltitudeLowerM);
        writer.WriteNumber("altitude_upper_m", volume.AltitudeUpperM);
        writer.WriteString("time_start", F3548Writer.FormatTime(volume.TimeStart));
        if (volume.TimeEnd is { } end)
        {
            writer.WriteString("time_end", F3548Writer.FormatTime(end));
        }
        else
        {
            writer.WriteNull("time_end");
        }

        writeProperties?.Invoke(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter writer, LatLng position)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(position.Lng);
        writer.WriteNumberValue(position.Lat);
        writer.WriteEndArray();
    }
}
