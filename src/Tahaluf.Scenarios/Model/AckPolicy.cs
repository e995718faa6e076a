namespace Tahaluf.Scenarios.Model;

/// <summary>How a partner acknowledges notifications of one kind during a time window.</summary>
public sealed record AckPolicy
{
    /// <summary>The acknowledging partner.</summary>
    public string Partner { get; init; } = "";

    /// <summary><c>conflict</c> or <c>item</c>.</summary>
    public string Kind { get; init; } = "conflict";

    /// <summary>Seconds after delivery the partner acknowledges; null: never.</summary>
    public double? AfterS { get; init; }

    /// <summary>For conflicts: applies only when the other party is this partner; null: any party.</summary>
    public string? Counterpart { get; init; }

    /// <summary>Applies to notifications created at or after this time (UTC), or always.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Applies to notifications created before this time (UTC), or always.</summary>
    public DateTimeOffset? To { get; init; }
}
