using System.Buffers;
using System.Text;
using System.Text.Json;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Fuzz.Targets;

/// <summary>
/// The Volume4D readers. Both document "never throws for any input", so every exception is a crash; a refusal is a
/// <see cref="ParseResult{T}"/> with an error. Each input goes through both overloads: the text one (the input
/// decoded as UTF-8, invalid bytes replaced) and the <see cref="JsonElement"/> one on a document parsed from the raw
/// bytes, as the hub parses request bodies (so strings may hold invalid UTF-8).
/// </summary>
internal static class VolumeTargets
{
    private static readonly bool[] OpenEnds = [false, true];

    public static string F3548(byte[] data)
    {
        var json = Encoding.UTF8.GetString(data);
        var outcomes = new List<string>();
        foreach (var openEnd in OpenEnds)
        {
            var result = F3548Reader.ReadVolume4D(json, "volume4d", openEnd);
            outcomes.Add(Outcome(result));
            if (Parse(data) is { } document)
            {
                using (document)
                {
                    _ = Accepted("f3548", F3548Reader.ReadVolume4D(document.RootElement, "volume4d", openEnd));
                }
            }

            if (Accepted("f3548", result) is not { } volume)
            {
                continue;
            }

            var written = Write(w => F3548Writer.WriteVolume4D(w, volume));
            var again = F3548Reader.ReadVolume4D(written, "volume4d", openEnd);
            if (!again.Success)
            {
                throw new RoundTripException("f3548", $"{again.Error} in {Clip(written)}");
            }
        }

        return string.Join(" / ", outcomes);
    }

    public static string GeoJson(byte[] data)
    {
        var json = Encoding.UTF8.GetString(data);
        var outcomes = new List<string>();
        foreach (var openEnd in OpenEnds)
        {
            var result = GeoJsonReader.ReadFeature(json, "feature", openEnd);
            outcomes.Add(Outcome(result));
            if (Parse(data) is { } document)
            {
                using (document)
                {
                    _ = Accepted("geojson", GeoJsonReader.ReadFeature(document.RootElement, "feature", openEnd));
                }
            }

            if (Accepted("geojson", result) is not { } volume)
            {
                continue;
            }

            var written = Write(w => GeoJsonWriter.WriteFeature(w, volume));
            var again = GeoJsonReader.ReadFeature(written, "feature", openEnd);
            if (!again.Success)
            {
                throw new RoundTripException("geojson", $"{again.Error} in {Clip(written)}");
            }
        }

        return string.Join(" / ", outcomes);
    }

    private static string Outcome(ParseResult<Volume4D> result) => result.Success ? "accepted" : result.Error!.Code;

    private static Volume4D? Accepted(string target, ParseResult<Volume4D> result)
    {
        if (result.Success)
        {
            return result.Value ?? throw new HarnessViolationException(target, "success without a value");
        }

        if (string.IsNullOrEmpty(result.Error!.Code) || result.Error.Field is null)
        {
            throw new HarnessViolationException(target, "an error without a code or field");
        }

        return null;
    }

    private static JsonDocument? Parse(byte[] data)
    {
        try
        {
            return JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
