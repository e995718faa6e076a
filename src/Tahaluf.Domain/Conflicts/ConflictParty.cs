using Tahaluf.Domain.Items;

namespace Tahaluf.Domain.Conflicts;

/// <summary>One side of a conflict: a partner and its item.</summary>
/// <param name="Owner">The partner's id; equals <c>Item.Owner</c>.</param>
/// <param name="Item">The partner's item in the conflict.</param>
public sealed record ConflictParty(string Owner, ItemRef Item);
