using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Formats;

/// <summary>
/// Reads an ASTM F3548-21 <c>Volume4D</c>:
/// <c>{volume: {outline_polygon: {vertices: [{lat, lng}]} | outline_circle: {center: {lat, lng}, radius: {value, units}},
/// altitude_lower: {value, reference: "W84", units}, altitude_upper: {…}}, time_start: {value, format: "RFC3339"}, time_end: {…}}</c>.
/// Lengths in <c>M</c> or <c>FT</c> (converted at 0.3048 m/ft); altitude references other than <c>W84</c> (AGL, SFC…)
/// are rejected; an absent or null <c>time_end</c> means open-ended. A final vertex that repeats the first exactly
/// is dropped (rings close implicitly). Unknown members are ignored. The result is validated with
/// <see cref="Volume4DValidator"/>. Never throws for any input. Thread-safe.
/// </summary>
public static class F3548Reader
{
    private const string W84 = "W84";

    /// <summary>Reads and validates a Volume4D.</summary>
    /// <param name="element">The Volume4D JSON object.</param>
    /// <param name="field">Path of the element in the request, prefixed to reported fields.</param>
    /// <param name="allowOpenEnd">Whether a missing <c>time_end</c> is acceptable (zones).</param>
    /// <returns>The volume, or the first error with a code from <see cref="GeometryErrorCodes"/>.</returns>
    public static ParseResult<Volume4D> ReadVolume4D(JsonElement element, string field = "volume4d", bool allowOpenEnd = false)
    {
        ArgumentNullException.ThrowIfNull(field);
        return JsonFields.ReadValidated(element, field, Read, v => Volume4DValidator.Validate(v, field, allowOpenEnd));
    }

    /// <summary>Parses JSON text and reads and validates the Volume4D it holds (depth limited to 64).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="field">Path of the element in the request, prefixed to reported fields.</param>
    /// <param name="allowOpenEnd">Whether a missing <c>time_end</c> is acceptable (zones).</param>
    /// <returns>The volume, or the first error.</returns>
    public static ParseResult<Volume4D> ReadVolume4D(string json, string field = "volume4d", bool allowOpenEnd = false)
    {
        return JsonFields.ParseText(json, field, root => ReadVolume4D(root, field, allowOpenEnd));
    }

    private static GeometryError? Read(JsonElement element, string field, out Volume4D? volume)
    {
        volume = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return JsonFields.WrongType(field, "an object", element);
        }

        var path = new FieldPath(field);
        var volumeField = path.Then(".volume");
        if (JsonFields.Object(element, "volume", volumeField, out var volume3D) is { } e1)
        {
            return e1;
        }

        if (ReadFootprint(volume3D, volumeField, out var footprint) is { } e2)
        {
            return e2;
        }

        if (ReadAltitude(volume3D, "altitude_lower", volumeField.Then(".altitude_lower"), out var lower) is { } e3)
        {
            return e3;
        }

        if (ReadAltitude(volume3D, "altitude_upper", volumeField.Then(".altitude_upper"), out var upper) is { } e4)
        {
            return e4;
        }

        if (ReadTime(element, "time_start", path.Then(".time_start"), required: true, out var start) is { } e5)
        {
            return e5;
        }

        if (ReadTime(element, "time_end", path.Then(".time_end"), required: false, out var end) is { } e6)
        {
            return e6;
        }

        volume = new Volume4D(footprint!, lower, upper, start!.Value, end);
        return null;
    }

    private static GeometryError? ReadFootprint(JsonElement volume3D, FieldPath field, out Footprint? footprint)
    {
        footprint = null;
        var hasPolygon = JsonFields.TryGet(volume3D, "outline_polygon", out var polygon);
        var hasCircle = JsonFields.TryGet(volume3D, "outline_circle", out var circle);
        if (hasPolygon == hasCircle)
        {
            return hasPolygon
                ? new GeometryError(GeometryErrorCodes.UnsupportedGeometry, field.ToString(), $"{field} has both outline_polygon and outline_circle; give exactly one.")
                : new GeometryError(GeometryErrorCodes.MissingField, field.Then(".outline_polygon").ToString(), $"{field} needs an outline_polygon or an outline_circle.");
        }

        return hasPolygon
            ? ReadPolygon(polygon, field.Then(".outline_polygon"), out footprint)
            : ReadCircle(circle, field.Then(".outline_circle"), out footprint);
    }

    private static GeometryError? ReadPolygon(JsonElement polygon, FieldPath field, out Footprint? footprint)
    {
        footprint = null;
        if (polygon.ValueKind != JsonValueKind.Object)
        {
            return JsonFields.WrongType(field, "an object", polygon);
        }

        var verticesField = field.Then(".vertices");
        var error = JsonFields.Array(polygon, "vertices", verticesField, out var vertices);
        if (error is not null)
        {
            return error;
        }

        var count = vertices.GetArrayLength();
        if (count > Volume4DValidator.MaxVertices + 1)
        {
            return new GeometryError(
                GeometryErrorCodes.TooManyVertices,
                verticesField.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"{verticesField} has {count} vertices; at most {Volume4DValidator.MaxVertices} are allowed."));
        }

        var builder = ImmutableArray.CreateBuilder<LatLng>(count);
        var vertexFields = new FieldPath(verticesField.ToString());
        var index = 0;
        foreach (var vertex in vertices.EnumerateArray())
        {
            error = ReadLatLng(vertex, vertexFields.Index(index), out var position);
            if (error is not null)
            {
                return error;
            }

            builder.Add(position);
            index++;
        }

        if (builder.Count > 3 && builder[^1] == builder[0])
        {
            builder.RemoveAt(builder.Count - 1);
        }

        footprint = new PolygonFootprint(builder.DrainToImmutable());
        return null;
    }

    private static GeometryError? ReadCircle(JsonElement circle, FieldPath field, out Footprint? footprint)
    {
        footprint = null;
        if (circle.ValueKind != JsonValueKind.Object)
        {
            return JsonFields.WrongType(field, "an object", circle);
        }

        if (JsonFields.Object(circle, "center", field.Then(".center"), out var center) is { } e1)
        {
            return e1;
        }

        if (ReadLatLng(center, field.Then(".center"), out var position) is { } e2)
        {
            return e2;
        }

        if (JsonFields.Object(circle, "radius", field.Then(".radius"), out var radius) is { } e3)
        {
            return e3;
        }

        if (JsonFields.Number(radius, "value", field.Then(".radius.value"), out var value) is { } e4)
        {
            return e4;
        }

        if (JsonFields.String(radius, "units", field.Then(".radius.units"), out var units) is { } e5)
        {
            return e5;
        }

        if (LengthUnits.ToMetres(value, units, field.Then(".radius.units"), out var metres) is { } e6)
        {
            return e6;
        }

        footprint = new CircleFootprint(position, metres);
        return null;
    }

    private static GeometryError? ReadLatLng(JsonElement element, FieldPath field, out LatLng position)
    {
        position = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return JsonFields.WrongType(field, "an object with lat and lng", element);
        }

        if (JsonFields.Number(element, "lat", field.Then(".lat"), out var lat) is { } e1)
        {
            return e1;
        }

        if (JsonFields.Number(element, "lng", field.Then(".lng"), out var lng) is { } e2)
        {
            return e2;
        }

        position = new LatLng(lat, lng);
        return null;
    }

    private static GeometryError? ReadAltitude(JsonElement volume3D, string name, FieldPath field, out double metres)
    {
        metres = double.NaN;
        if (JsonFields.Object(volume3D, name, field, out var altitude) is { } e1)
        {
            return e1;
        }

        if (JsonFields.Number(altitude, "value", field.Then(".value"), out var value) is { } e2)
        {
            return e2;
        }

        if (JsonFields.String(altitude, "reference", field.Then(".reference"), out var reference) is { } e3)
        {
            return e3;
        }

        if (reference != W84)
        {
            return new GeometryError(
                GeometryErrorCodes.UnsupportedAltitudeReference,
                field.Then(".reference").ToString(),
                $"{field}.reference is \"{(reference.Length <= 20 ? reference : reference[..20] + "…")}\"; only \"W84\" (height above the WGS84 ellipsoid) is accepted, not AGL, SFC or barometric references.");
        }

        return JsonFields.String(altitude, "units", field.Then(".units"), out var units)
            ?? LengthUnits.ToMetres(value, units, field.Then(".units"), out metres);
    }

    private static GeometryError? ReadTime(JsonElement element, string name, FieldPath field, bool required, out DateTimeOffset? time)
    {
        time = null;
        var error = JsonFields.Object(element, name, field, out var value, required);
        if (error is not null || value.ValueKind != JsonValueKind.Object)
        {
            return error;
        }

        error = JsonFields.String(value, "format", field.Then(".format"), out var format, required: false);
        if (error is not null)
        {
            return error;
        }

        if (format.Length > 0 && format != "RFC3339")
        {
            return new GeometryError(GeometryErrorCodes.InvalidTime, field.Then(".format").ToString(), $"{field}.format must be \"RFC3339\".");
        }

        if (JsonFields.String(value, "value", field.Then(".value"), out var text) is { } e1)
        {
            return e1;
        }

        if (JsonFields.Rfc3339(text, field.Then(".value"), out var parsed) is { } e2)
        {
            return e2;
        }

        time = parsed;
        return null;
    }
}
