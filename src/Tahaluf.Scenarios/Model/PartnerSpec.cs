namespace Tahaluf.Scenarios.Model;

/// <summary>A partner to register.</summary>
public sealed record PartnerSpec
{
    /// <summary>Partner id, e.g. <c>RU</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Display names by language tag (<c>ar</c>, <c>en</c>, <c>fr</c>, <c>ru</c>).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary><c>member</c> or <c>observer</c>.</summary>
    public string Role { get; init; } = "member";
}
