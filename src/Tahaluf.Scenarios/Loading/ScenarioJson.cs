using System.Text.Json;

namespace Tahaluf.Scenarios.Loading;

/// <summary>The JSON settings of scenario files: snake_case names, <c>//</c> comments and trailing commas allowed.</summary>
public static class ScenarioJson
{
    /// <summary>Shared, immutable options (thread-safe).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };
}
