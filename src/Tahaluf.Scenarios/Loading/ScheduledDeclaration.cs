using System.Text.Json;
using Tahaluf.Domain.Items;

namespace Tahaluf.Scenarios.Loading;

/// <summary>A declaration to make at a simulated time. Immutable.</summary>
/// <param name="At">When, UTC.</param>
/// <param name="Partner">Declaring partner.</param>
/// <param name="Kind">Operation, zone or report.</param>
/// <param name="Id">Item id.</param>
/// <param name="Body">The API body (validated by the hub's own reader at load time).</param>
/// <param name="Note">Why, or null.</param>
public sealed record ScheduledDeclaration(DateTimeOffset At, string Partner, ItemKind Kind, string Id, JsonElement Body, string? Note);
