namespace Tahaluf.Domain.Items;

/// <summary>Names one item: kind, owner and id together are unique.</summary>
/// <param name="Kind">The item's kind.</param>
/// <param name="Owner">The owning partner's id.</param>
/// <param name="Id">The item's id.</param>
public readonly record struct ItemRef(ItemKind Kind, string Owner, string Id);
