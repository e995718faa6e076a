namespace Tahaluf.Scenarios.Model;

/// <summary>A directed agreement owner → recipient for some item kinds, optionally set at a time during the replay.</summary>
public sealed record AgreementSpec
{
    /// <summary>The granting partner.</summary>
    public string Owner { get; init; } = "";

    /// <summary>The receiving partner.</summary>
    public string Recipient { get; init; } = "";

    /// <summary>Item kinds (<c>operation</c>, <c>zone</c>, <c>track</c>, <c>report</c>).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Release level: <c>none</c>, <c>safety</c>, <c>envelope</c> or <c>full</c>.</summary>
    public string Level { get; init; } = "none";

    /// <summary>When to set it (UTC); null: before the replay starts.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Why (printed by the demo).</summary>
    public string? Note { get; init; }
}
