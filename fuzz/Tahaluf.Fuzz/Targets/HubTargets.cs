using System.Text.Json;
using Tahaluf.Domain.Items;

namespace Tahaluf.Fuzz.Targets;

/// <summary>
/// The hub's declaration body reader. The server hands it a parsed <see cref="JsonElement"/>, so JSON the parser
/// refuses (a <see cref="JsonException"/>) is a clean refusal before the target; after that every refusal must be a
/// <c>HubResult</c> error, and every exception is a crash.
/// </summary>
internal static class HubTargets
{
    private static readonly ItemKind[] Kinds = [ItemKind.Operation, ItemKind.Zone, ItemKind.Report];

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static string ItemJson(byte[] data)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data, Options);
        }
        catch (JsonException)
        {
            return "not JSON";
        }

        var outcomes = new List<string>();
        using (document)
        {
            foreach (var kind in Kinds)
            {
                var result = Hub.Serialization.ItemJson.Read(kind, document.RootElement, "fuzz-1", "FUZZ", 1);
                if (!result.Success)
                {
                    if (result.Error is null || string.IsNullOrEmpty(result.Error.Code))
                    {
                        throw new HarnessViolationException("item-json", "an error without a code");
                    }

                    outcomes.Add($"{kind}: {result.Error.Code} at {result.Error.Field}");
                    continue;
                }

                outcomes.Add($"{kind}: accepted");
                var written = Hub.Serialization.ItemJson.ToUtf8(result.Value!);
                using var again = JsonDocument.Parse(written, Options);
                var reread = Hub.Serialization.ItemJson.Read(kind, again.RootElement, "fuzz-1", "FUZZ", 1);
                if (!reread.Success)
                {
                    throw new RoundTripException("item-json", $"{kind}: {reread.Error} in {VolumeTargets.Clip(System.Text.Encoding.UTF8.GetString(written))}");
                }
            }
        }

        return string.Join(" / ", outcomes);
    }
}
