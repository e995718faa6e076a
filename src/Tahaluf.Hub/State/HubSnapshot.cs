using System.Collections.Immutable;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Domain.Partners;

namespace Tahaluf.Hub.State;

/// <summary>
/// An immutable, committed view of the hub's state. Readers take the current snapshot without locks;
/// the single writer publishes a new one after every durable commit, so readers never see uncommitted data.
/// </summary>
/// <param name="Partners">Partners by id.</param>
/// <param name="Tokens">Partner id by lowercase hex SHA-256 of its bearer token.</param>
/// <param name="Agreements">All agreements.</param>
/// <param name="Items">Current item versions by (kind, id).</param>
/// <param name="Conflicts">Conflicts by id.</param>
/// <param name="OpenConflicts">Open conflict id by pair key.</param>
/// <param name="Notifications">Notifications by id.</param>
/// <param name="LastSequence">Sequence of the last committed event.</param>
/// <param name="LedgerSize">Number of committed ledger entries.</param>
public sealed record HubSnapshot(
    ImmutableDictionary<string, Partner> Partners,
    ImmutableDictionary<string, string> Tokens,
    AgreementSet Agreements,
    ImmutableDictionary<(ItemKind Kind, string Id), StoredItem> Items,
    ImmutableDictionary<string, Conflict> Conflicts,
    ImmutableDictionary<string, string> OpenConflicts,
    ImmutableDictionary<string, Notification> Notifications,
    long LastSequence,
    long LedgerSize)
{
    /// <summary>The empty state.</summary>
    public static HubSnapshot Empty { get; } = new(
        ImmutableDictionary.Create<string, Partner>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        AgreementSet.Empty,
        ImmutableDictionary<(ItemKind, string), StoredItem>.Empty,
        ImmutableDictionary.Create<string, Conflict>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, Notification>(StringComparer.Ordinal),
        0,
        0);

    /// <summary>The item with this kind and id, or null.</summary>
    /// <param name="kind">Kind.</param>
    /// <param name="id">Id.</param>
    /// <returns>The stored item or null.</returns>
    public StoredItem? Item(ItemKind kind, string id) => Items.TryGetValue((kind, id), out var s) ? s : null;
}
