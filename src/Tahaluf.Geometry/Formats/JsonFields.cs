using System.Text.Json;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Formats;

/// <summary>Typed access to JSON members that reports wrong types and absent members as <see cref="GeometryError"/> values.</summary>
internal static class JsonFields
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

    public static GeometryError? Object(JsonElement parent, string name, FieldPath field, out JsonElement value, bool required = true)
    {
        if (!TryGet(parent, name, out value))
        {
            return required ? Missing(field) : null;
        }

        return value.ValueKind == JsonValueKind.Object ? null : WrongType(field, "an object", value);
    }

    public static GeometryError? Array(JsonElement parent, string name, FieldPath field, out JsonElement value)
    {
        if (!TryGet(parent, name, out value))
        {
            return Missing(field);
        }

        return value.ValueKind == JsonValueKind.Array ? null : WrongType(field, "an array", value);
    }

    public static GeometryError? Number(JsonElement parent, string name, FieldPath field, out double value)
    {
        value = double.NaN;
        return TryGet(parent, name, out var element) ? Number(element, field, out value) : Missing(field);
    }

    public static GeometryError? Number(JsonElement element, FieldPath field, out double value)
    {
        value = double.NaN;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return WrongType(field, "a number", element);
        }

        if (!element.TryGetDouble(out value) || !double.IsFinite(value))
        {
            return new GeometryError(GeometryErrorCodes.NotFinite, field.ToString(), $"{field} is not a finite number that fits a double.");
        }

        return null;
    }

    public static GeometryError? String(JsonElement parent, string name, FieldPath field, out string value, bool required = true)
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
    public static GeometryError? Rfc3339(string text, FieldPath field, out DateTimeOffset value) =>
        TryParseRfc3339(text, out value) ? null : InvalidTime(field, text);

    /// <summary>Longest text <see cref="TryParseRfc3339"/> looks at; longer text is refused without reading it.</summary>
    private const int MaxRfc3339Length = 64;

    /// <summary>Most fraction digits <see cref="TryParseRfc3339"/> accepts; digits beyond <see cref="MaxFractionDigits"/> are read and dropped.</summary>
    private const int MaxRfc3339FractionDigits = 30;

    /// <summary>
    /// Parses <c>YYYY-MM-DD</c> <c>T|t</c> <c>HH:MM:SS</c>, an optional <c>.</c> and 1 to 30 digits, then <c>Z|z</c> or
    /// <c>+HH:MM</c>/<c>-HH:MM</c>, into the UTC instant (offset zero), without allocating. Fraction digits beyond the
    /// 7th are truncated, not rounded, to 100 ns ticks.
    /// </summary>
    /// <remarks>
    /// It accepts exactly what the former regex plus <see cref="DateTimeOffset.TryParseExact(string, string, IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>
    /// accepted, with the same result: a real calendar date from year 1, hour at most 23, minute and second at most 59
    /// (no leap second), offset minutes at most 59, an offset of at most 14:00 either way, and a UTC instant within
    /// <see cref="DateTime"/>'s range. Two differences, both intended. Only ASCII digits are digits: the regex's
    /// <c>\d</c> matched any Unicode decimal digit and TryParseExact then refused one, except among the fraction
    /// digits after the 7th, which were cut off before TryParseExact saw them (so "2023-02-12T10:27:14.1234567\u0663Z" used to pass).
    /// And a trailing <c>"\n"</c> is refused: the regex's <c>$</c> let one through before the end.
    /// </remarks>
    /// <param name="text">The text to parse.</param>
    /// <param name="utc">The instant with offset zero, or <c>default</c> when the text is refused.</param>
    /// <returns>True when <paramref name="text"/> is such a date-time.</returns>
    internal static bool TryParseRfc3339(ReadOnlySpan<char> text, out DateTimeOffset utc)
    {
        utc = default;

        // "YYYY-MM-DDTHH:MM:SS" is 19 characters and the shortest offset ("Z") one more.
        if (text.Length < 20 || text.Length > MaxRfc3339Length
            || !TryReadDigits(text.Slice(0, 4), out var year) || text[4] != '-'
            || !TryReadDigits(text.Slice(5, 2), out var month) || text[7] != '-'
            || !TryReadDigits(text.Slice(8, 2), out var day) || text[10] is not ('T' or 't')
            || !TryReadDigits(text.Slice(11, 2), out var hour) || text[13] != ':'
            || !TryReadDigits(text.Slice(14, 2), out var minute) || text[16] != ':'
            || !TryReadDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (digits < MaxFractionDigits)
                {
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                }

                digits++;
                position++;
            }

            if (digits is 0 or > MaxRfc3339FractionDigits)
            {
                return false;
            }

            for (; digits < MaxFractionDigits; digits++)
            {
                fractionTicks *= 10;
            }
        }

        var offset = text[position..];
        int offsetMinutes;
        if (offset is ['Z' or 'z'])
        {
            offsetMinutes = 0;
        }
        else if (offset is ['+' or '-', _, _, ':', _, _]
            && TryReadDigits(offset.Slice(1, 2), out var offsetHour)
            && TryReadDigits(offset.Slice(4, 2), out var offsetMinute)
            && offsetMinute <= 59)
        {
            offsetMinutes = (offsetHour * 60) + offsetMinute;
            if (offset[0] == '-')
            {
                offsetMinutes = -offsetMinutes;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59
            || Math.Abs(offsetMinutes) > 14 * 60)
        {
            return false;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utcTicks = localTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Reads a run of ASCII digits (never more than 9) as a number; false when any character is not one.</summary>
    private static bool TryReadDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static GeometryError Missing(FieldPath field) =>
        new(GeometryErrorCodes.MissingField, field.ToString(), $"{field} is required.");

    public static GeometryError WrongType(FieldPath field, string expected, JsonElement actual) =>
        new(GeometryErrorCodes.MalformedJson, field.ToString(), $"{field} must be {expected}, not {Describe(actual.ValueKind)}.");

    private static GeometryError InvalidTime(FieldPath field, string text) => new(
        GeometryErrorCodes.InvalidTime,
        field.ToString(),
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
}
