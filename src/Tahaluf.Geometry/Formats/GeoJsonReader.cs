using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Formats;

/// <summary>
/// Reads a volume from a GeoJSON (RFC 7946) <c>Feature</c>. Convention:
/// <list type="bullet">
/// <item><c>geometry</c> is a <c>Polygon</c> (positions <c>[longitude, latitude]</c> in degrees, any third
/// element ignored; only the exterior ring: a polygon with holes is rejected with
/// <see cref="GeometryErrorCodes.PolygonHoles"/>; the closing position that repeats the first is dropped), or a
/// <c>Point</c> whose <c>properties.radius_m</c> (metres) makes it a geodesic circle.</item>
/// <item><c>properties.altitude_lower_m</c> and <c>properties.altitude_upper_m</c>: numbers, metres above the WGS84
/// ellipsoid.</item>
/// <item><c>properties.time_start</c> and <c>properties.time_end</c>: RFC 3339 strings with an offset;
/// <c>time_end</c> absent or null means open-ended.</item>
/// </list>
/// Edges are read as great-circle arcs, as everywhere in Tahaluf (RFC 7946 itself draws straight lines in
/// longitude and latitude). The result is validated with <see cref="Volume4DValidator"/>; fields in errors are
/// GeoJSON paths such as <c>feature.geometry.coordinates[0][3][1]</c>. Never throws for any input. Thread-safe.
/// </summary>
public static class GeoJsonReader
{
    /// <summary>Reads and validates a volume from a GeoJSON Feature object.</summary>
    /// <param name="feature">The Feature JSON object.</param>
    /// <param name="field">Path of the feature in the request, prefixed to reported fields.</param>
    /// <param name="allowOpenEnd">Whether a missing <c>time_end</c> is acceptable (zones).</param>
    /// <returns>The volume, or the first error.</returns>
    public static ParseResult<Volume4D> ReadFeature(JsonElement feature, string field = "feature", bool allowOpenEnd = false)
    {
        ArgumentNullException.ThrowIfNull(field);
        return JsonFields.ReadValidated(feature, field, Read, v => Volume4DValidator.Validate(v, field, allowOpenEnd, VolumeFieldNames.GeoJson));
    }

    /// <summary>Parses JSON text holding a GeoJSON Feature and reads it (depth limited to 64).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="field">Path of the feature in the request, prefixed to reported fields.</param>
    /// <param name="allowOpenEnd">Whether a missing <c>time_end</c> is acceptable (zones).</param>
    /// <returns>The volume, or the first error.</returns>
    public static ParseResult<Volume4D> ReadFeature(string json, string field = "feature", bool allowOpenEnd = false)
    {
        return JsonFields.ParseText(json, field, root => ReadFeature(root, field, allowOpenEnd));
    }

    private static GeometryError? Read(JsonElement feature, string field, out Volume4D? volume)
    {
        volume = null;
        if (feature.ValueKind != JsonValueKind.Object)
        {
            return JsonFields.WrongType(field, "a GeoJSON Feature object", feature);
        }

        if (JsonFields.String(feature, "type", field + ".type", out var type) is { } e1)
        {
            return e1;
        }

        if (type != "Feature")
        {
            return new GeometryError(GeometryErrorCodes.UnsupportedGeometry, field + ".type", $"{field}.type must be \"Feature\".");
        }

        if (JsonFields.Object(feature, "geometry", field + ".geometry", out var geometry) is { } e2)
        {
            return e2;
        }

        if (JsonFields.Object(feature, "properties", field + ".properties", out var properties) is { } e3)
        {
            return e3;
        }

        if (ReadFootprint(geometry, properties, field, out var footprint) is { } e4)
        {
            return e4;
        }

        var propertiesField = field + ".properties";
        if (JsonFields.Number(properties, "altitude_lower_m", propertiesField + ".altitude_lower_m", out var lower) is { } e5)
        {
            return e5;
        }

        if (JsonFields.Number(properties, "altitude_upper_m", propertiesField + ".altitude_upper_m", out var upper) is { } e6)
        {
            return e6;
        }

        if (JsonFields.String(properties, "time_start", propertiesField + ".time_start", out var startText) is { } e7)
        {
            return e7;
        }

        if (JsonFields.Rfc3339(startText, propertiesField + ".time_start", out var start) is { } e8)
        {
            return e8;
        }

        if (JsonFields.String(properties, "time_end", propertiesField + ".time_end", out var endText, required: false) is { } e9)
        {
            return e9;
        }

        DateTimeOffset? end = null;
        if (JsonFields.TryGet(properties, "time_end", out _))
        {
            if (JsonFields.Rfc3339(endText, propertiesField + ".time_end", out var endValue) is { } e10)
            {
                return e10;
            }

            end = endValue;
        }

        volume = new Volume4D(footprint!, lower, upper, start, end);
        return null;
    }

    private static GeometryError? ReadFootprint(JsonElement geometry, JsonElement properties, string field, out Footprint? footprint)
    {
        footprint = null;
        var geometryField = field + ".geometry";
        if (JsonFields.String(geometry, "type", geometryField + ".type", out var type) is { } e1)
        {
            return e1;
        }

        var coordinatesField = geometryField + ".coordinates";
        if (!JsonFields.TryGet(geometry, "coordinates", out var coordinates))
        {
            return JsonFields.Missing(coordinatesField);
        }

        if (coordinates.ValueKind != JsonValueKind.Array)
        {
            return JsonFields.WrongType(coordinatesField, "an array", coordinates);
        }

        switch (type)
        {
            case "Polygon":
                return ReadPolygon(coordinates, coordinatesField, out footprint);
            case "Point":
                if (ReadPosition(coordinates, coordinatesField, out var center) is { } e2)
                {
                    return e2;
                }

                if (JsonFields.Number(properties, "radius_m", field + ".properties.radius_m", out var radius) is { } e3)
                {
                    return e3;
                }

                footprint = new CircleFootprint(center, radius);
                return null;
            default:
                return new GeometryError(
                    GeometryErrorCodes.UnsupportedGeometry,
                    geometryField + ".type",
                    $"{geometryField}.type must be \"Polygon\" or \"Point\" (a circle with properties.radius_m).");
        }
    }

    private static GeometryError? ReadPolygon(JsonElement rings, string field, out Footprint? footprint)
    {
        footprint = null;
        var ringCount = rings.GetArrayLength();
        if (ringCount == 0)
        {
            return JsonFields.Missing(field + "[0]");
        }

        if (ringCount > 1)
        {
            return new GeometryError(
                GeometryErrorCodes.PolygonHoles,
                field + "[1]",
                $"{field} has {ringCount.ToString(CultureInfo.InvariantCulture)} rings; holes are not supported, give only the exterior ring.");
        }

        var ring = rings[0];
        var ringField = field + "[0]";
        if (ring.ValueKind != JsonValueKind.Array)
        {
            return JsonFields.WrongType(ringField, "an array of positions", ring);
        }

        var count = ring.GetArrayLength();
        if (count > Volume4DValidator.MaxVertices + 1)
        {
            return new GeometryError(
                GeometryErrorCodes.TooManyVertices,
                ringField,
                string.Create(CultureInfo.InvariantCulture, $"{ringField} has {count} positions; at most {Volume4DValidator.MaxVertices} vertices are allowed."));
        }

        var builder = ImmutableArray.CreateBuilder<LatLng>(count);
        var index = 0;
        foreach (var position in ring.EnumerateArray())
        {
            if (ReadPosition(position, string.Create(CultureInfo.InvariantCulture, $"{ringField}[{index}]"), out var vertex) is { } error)
            {
                return error;
            }

            builder.Add(vertex);
            index++;
        }

        if (builder.Count > 3 && builder[^1] == builder[0])
        {
            builder.RemoveAt(builder.Count - 1);
        }

        footprint = new PolygonFootprint(builder.DrainToImmutable());
        return null;
    }

    private static GeometryError? ReadPosition(JsonElement position, string field, out LatLng value)
    {
        value = default;
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2)
        {
            return JsonFields.WrongType(field, "a position [longitude, latitude]", position);
        }

        if (JsonFields.Number(position[0], field + "[0]", out var lng) is { } e1)
        {
            return e1;
        }

        if (JsonFields.Number(position[1], field + "[1]", out var lat) is { } e2)
        {
            return e2;
        }

        value = new LatLng(lat, lng);
        return null;
    }
}
