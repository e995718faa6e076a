using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Hub.Serialization;

namespace Tahaluf.Hub.Tracks;

/// <summary>What a stored track point carries besides the position: label, callsign and platform kind, as JSON.</summary>
internal static class TrackMeta
{
    public static string Write(Label label, string? callsign, PlatformKind kind) => RecordJson.Json(w =>
    {
        ItemJson.WriteLabel(w, label);
        if (callsign is not null)
        {
            w.WriteString("callsign", callsign);
        }

        w.WriteString("platform_kind", WireNames.Of(kind));
    });

    public static bool TryRead(string json, out (Label Label, string? Callsign, PlatformKind PlatformKind) meta)
    {
        meta = default;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || JsonRead.Label(root, out var label) is not null)
            {
                return false;
            }

            string? callsign = null;
            if (root.TryGetProperty("callsign", out var c))
            {
                if (c.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                callsign = c.GetString();
            }

            if (!root.TryGetProperty("platform_kind", out var k) || k.ValueKind != JsonValueKind.String || !WireNames.TryParse(k.GetString(), out PlatformKind kind))
            {
                return false;
            }

            meta = (label, callsign, kind);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
