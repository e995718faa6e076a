using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Formats;

/// <summary>Typed access to JSON members that reports wrong types and absent members as <see cref="GeometryError"/> values.</summary>
internal static partial class JsonFields
{
    /// <summary>Reads a volume from a JSON element without validating it.</summary>
    public delegate GeometryError? VolumeReader(JsonElement element, string field, out Volume4D? volume);

    /// <summary>Reads a volume then validates it; the shared body of every format reader.</summary>
    public static ParseResult<Volume4D> ReadValidated(JsonElement element, string field, VolumeReader read, Func<Volume4D, GeometryError?> validate)
    {
        try
        {
            var error = read(element, field, out var volume);
            if (error is not null)
            {
                return ParseResult<Volume4D>.Fail(error);
            }

            error = validate(volume!);
            return error is null ? ParseResult<Volume4D>.Ok(volume!) : ParseResult<Volume4D>.Fail(error);
        }
        catch (InvalidOperationException)
        {
            // Only a JsonElement from a disposed or default document gets here.
            return ParseResult<Volume4D>.Fail(new GeometryError(GeometryErrorCodes.MalformedJson, field, $"{field} is not readable JSON."));
        }
    }

    /// <summary>Parses JSON text (depth limited to 64) and hands the root element to a reader.</summary>
    public static ParseResult<Volume4D> ParseText(string json, string field, Func<JsonElement, ParseResult<Volume4D>> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(field);
        try
        {
            using var document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (JsonException exception)
        {
            return ParseResult<Volume4D>.Fail(new GeometryError(GeometryErrorCodes.MalformedJson, field, $"{field} is not well-formed JSON: {exception.Message}"));
        }
    }

    /// <summary>Most digits of a second's fraction .NET keeps (100 ns ticks); RFC 3339 allows any number.</summary>
    private const int MaxFractionDigits = 7;

    public static GeometryError? Object(JsonElement parent, string name, string field, out JsonElement value, bool required = true)
    {
        if (!TryGet(parent, name, out value))
        {
            return required ? Missing(field) : null;
        }

        return value.ValueKind == JsonValueKind.Object ? null : WrongType(field, "an object", value);
    }

    public static GeometryError? Array(JsonElement parent, string name, string field, out JsonElement value)
    {
        if (!TryGet(parent, name, out value))
        {
            return Missing(field);
        }

        return value.ValueKind == JsonValueKind.Array ? null : WrongType(field, "an array", value);
    }

    public static GeometryError? Number(JsonElement parent, string name, string field, out double value)
    {
        value = double.NaN;
        return TryGet(parent, name, out var element) ? Number(element, field, out value) : Missing(field);
    }

    public static GeometryError? Number(JsonElement element, string field, out double value)
    {
        value = double.NaN;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return WrongType(field, "a number", element);
        }

        if (!element.TryGetDouble(out value) || !double.IsFinite(value))
        {
            return new GeometryError(GeometryErrorCodes.NotFinite, field, $"{field} is not a finite number that fits a double.");
        }

        return null;
    }

    public static GeometryError? String(JsonElement parent, string name, string field, out string value, bool required = true)
    {
        value = string.Empty;
        if (!TryGet(parent, name, out var element))
        {
            return required ? Missing(field) : null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return WrongType(field, "a string", element);
        }

        value = element.GetString() ?? string.Empty;
        return null;
    }

    /// <summary>True when the member exists and is not JSON null.</summary>
    public static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>An RFC 3339 date-time with an explicit offset, converted to UTC; any fraction length, truncated to 100 ns.</summary>
    public static GeometryError? Rfc3339(string text, string field, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 64)
        {
            return InvalidTime(field, text);
        }

        var match = Rfc3339Pattern().Match(text);
        if (!match.Success)
        {
            return InvalidTime(field, text);
        }

        var fraction = match.Groups["fraction"].Value;
        if (fraction.Length > MaxFractionDigits)
        {
            fraction = fraction[..MaxFractionDigits];
        }

        var offset = match.Groups["offset"].Value;
        offset = offset is "Z" or "z" ? "+00:00" : offset;
        var normalized = string.Concat(match.Groups["date"].Value, "T", match.Groups["time"].Value, fraction.Length > 0 ? "." + fraction : string.Empty, offset);
        var format = fraction.Length > 0 ? "yyyy-MM-dd'T'HH:mm:ss." + new string('F', fraction.Length) + "zzz" : "yyyy-MM-dd'T'HH:mm:sszzz";
        if (!DateTimeOffset.TryParseExact(normalized, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return InvalidTime(field, text);
        }

        value = value.ToUniversalTime();
        return null;
    }

    public static GeometryError Missing(string field) =>
        new(GeometryErrorCodes.MissingField, field, $"{field} is required.");

    public static GeometryError WrongType(string field, string expected, JsonElement actual) =>
        new(GeometryErrorCodes.MalformedJson, field, $"{field} must be {expected}, not {Describe(actual.ValueKind)}.");

    private static GeometryError InvalidTime(string field, string text) => new(
        GeometryErrorCodes.InvalidTime,
        field,
        $"{field} is not an RFC 3339 date-time with an offset, such as 2023-02-12T10:27:14Z (got \"{Truncate(text)}\").");

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "absent",
    };

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[Tt](?<time>\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d{1,30}))?(?<offset>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();
}
