using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Agreements;

/// <summary>A directed grant: <paramref name="Owner"/> releases its items of one kind to <paramref name="Recipient"/> up to a level. Immutable.</summary>
/// <param name="Owner">The granting partner's id.</param>
/// <param name="Recipient">The receiving partner's id; differs from the owner.</param>
/// <param name="Kind">The item kind the grant covers.</param>
/// <param name="Level">The granted level.</param>
public sealed record Agreement(string Owner, string Recipient, ItemKind Kind, ReleaseLevel Level);
