using System.Text.Json;
using Tahaluf.Domain.Items;

namespace Tahaluf.Scenarios.Import;

/// <summary>One declaration read from an import file, ready for <c>PUT /api/v1/{kind}s/{id}</c>. Immutable.</summary>
/// <param name="Kind">Operation or zone.</param>
/// <param name="Id">Item id derived from the source (feature id, intent name, zone identifier).</param>
/// <param name="Body">The API body.</param>
/// <param name="Source">Where in the file it came from, for messages.</param>
public sealed record ImportedDeclaration(ItemKind Kind, string Id, JsonElement Body, string Source);
