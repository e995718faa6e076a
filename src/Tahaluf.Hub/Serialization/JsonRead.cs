using System.Collections.Immutable;
using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub.Errors;

namespace Tahaluf.Hub.Serialization;

/// <summary>Small, total readers for request fields: each returns a value or a <see cref="HubError"/> naming the field.</summary>
internal static class JsonRead
{
    public static HubError? String(JsonElement body, string name, bool required, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return required ? HubError.Invalid(HubErrorCodes.MissingField, name, $"{name} is required.") : null;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return HubError.Invalid(HubErrorCodes.MalformedBody, name, $"{name} must be a string.");
        }

        if (!TryGetString(e, out var text))
        {
            return HubError.Invalid(HubErrorCodes.MalformedBody, name, $"{name} is not valid UTF-8.");
        }

        value = text;
        return null;
    }

    public static HubError? Enum<TEnum>(JsonElement body, string name, TEnum fallback, out TEnum value)
        where TEnum : struct, Enum
    {
        value = fallback;
        var error = String(body, name, required: false, out var text);
        if (error is not null || text is null)
        {
            return error;
        }

        if (!WireNames.TryParse(text, out value))
        {
            var allowed = string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => WireNames.Of(v)));
            return HubError.Invalid(HubErrorCodes.InvalidField, name, $"{name} must be one of: {allowed}.");
        }

        return null;
    }

    public static HubError? Volumes(JsonElement body, string name, out ImmutableArray<Volume4D> volumes, bool allowOpenEnd)
    {
        volumes = [];
        if (!body.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Array)
        {
            return HubError.Invalid(HubErrorCodes.MissingField, name, $"{name} must be an array of ASTM F3548 Volume4D objects.");
        }

        var builder = ImmutableArray.CreateBuilder<Volume4D>();
        var i = 0;
        foreach (var v in e.EnumerateArray())
        {
            var field = $"{name}[{i}]";
            var error = Volume(v, field, allowOpenEnd, out var volume);
            if (error is not null)
            {
                return error;
            }

            builder.Add(volume!);
            i++;
        }

        volumes = builder.ToImmutable();
        return null;
    }

    public static HubError? Volume(JsonElement element, string field, bool allowOpenEnd, out Volume4D? volume)
    {
        volume = null;
        var result = F3548Reader.ReadVolume4D(element, field, allowOpenEnd);
        if (!result.Success)
        {
            return HubError.Invalid(result.Error.Code, result.Error.Field, result.Error.Message);
        }

        volume = result.Value;
        return null;
    }

    public static HubError? Label(JsonElement body, out Label label)
    {
        label = Domain.Release.Label.Unrestricted;
        if (!body.TryGetProperty("label", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return HubError.Invalid(HubErrorCodes.MalformedBody, "label", "label must be an object {releasable_to, civil, caveat}.");
        }

        ImmutableArray<string>? list = null;
        if (e.TryGetProperty("releasable_to", out var rel) && rel.ValueKind != JsonValueKind.Null)
        {
            var error = Strings(rel, "label.releasable_to", out var ids);
            if (error is not null)
            {
                return error;
            }

            list = ids;
        }

        var civil = false;
        if (e.TryGetProperty("civil", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return HubError.Invalid(HubErrorCodes.MalformedBody, "label.civil", "label.civil must be true or false.");
            }

            civil = c.GetBoolean();
        }

        var caveatError = String(e, "caveat", required: false, out var caveat);
        if (caveatError is not null)
        {
            return caveatError with { Field = "label.caveat" };
        }

        label = new Label(list, civil, caveat);
        return null;
    }

    public static HubError? Strings(JsonElement e, string field, out ImmutableArray<string> values)
    {
        values = [];
        if (e.ValueKind != JsonValueKind.Array)
        {
            return HubError.Invalid(HubErrorCodes.MalformedBody, field, $"{field} must be an array of strings.");
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var s in e.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.String || !TryGetString(s, out var text))
            {
                return HubError.Invalid(HubErrorCodes.MalformedBody, field, $"{field} must be an array of (UTF-8) strings.");
            }

            builder.Add(text);
        }

        values = builder.ToImmutable();
        return null;
    }

    public static HubError? OptionalInt(JsonElement body, string name, out int? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var v))
        {
            return HubError.Invalid(HubErrorCodes.MalformedBody, name, $"{name} must be an integer.");
        }

        value = v;
        return null;
    }

    // The parser checks the UTF-8 inside a string only when it is read; invalid bytes are an input error here.
    private static bool TryGetString(JsonElement e, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        try
        {
            value = e.GetString();
            return value is not null;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }
}
