using Tahaluf.Hub.State;

namespace Tahaluf.Hub.Writing;

/// <summary>The result of an accepted PUT or DELETE.</summary>
/// <param name="Item">The item's current version after the request.</param>
/// <param name="Created">True when this request created the item.</param>
/// <param name="Unchanged">True when the body equalled the current version (idempotent repeat: no new version).</param>
public sealed record PutOutcome(StoredItem Item, bool Created, bool Unchanged);
