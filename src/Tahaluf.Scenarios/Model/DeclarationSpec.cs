using System.Text.Json;

namespace Tahaluf.Scenarios.Model;

/// <summary>An operation, zone or report declared by a partner, with the body the HTTP API takes.</summary>
public sealed record DeclarationSpec
{
    /// <summary>When to declare it (UTC); null: at the clock's start.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Declaring partner.</summary>
    public string Partner { get; init; } = "";

    /// <summary><c>operation</c>, <c>zone</c> or <c>report</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Item id.</summary>
    public string Id { get; init; } = "";

    /// <summary>The declaration body exactly as <c>PUT /api/v1/{kind}s/{id}</c> takes it (F3548 volumes, label, …).</summary>
    public JsonElement Body { get; init; }

    /// <summary>Why (printed by the demo).</summary>
    public string? Note { get; init; }
}
