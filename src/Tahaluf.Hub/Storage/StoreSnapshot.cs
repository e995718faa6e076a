namespace Tahaluf.Hub.Storage;

/// <summary>What the hub loads on start to rebuild its in-memory state and engine.</summary>
/// <param name="Partners">All partners.</param>
/// <param name="Agreements">All agreements.</param>
/// <param name="Items">The current version of every item.</param>
/// <param name="Conflicts">All conflicts.</param>
/// <param name="Notifications">All notifications.</param>
/// <param name="LastEventSequence">Sequence of the last stored event, 0 when none.</param>
/// <param name="LedgerSize">Number of ledger entries.</param>
public sealed record StoreSnapshot(
    IReadOnlyList<PartnerRecord> Partners,
    IReadOnlyList<AgreementRecord> Agreements,
    IReadOnlyList<ItemRecord> Items,
    IReadOnlyList<ConflictRecord> Conflicts,
    IReadOnlyList<NotificationRecord> Notifications,
    long LastEventSequence,
    long LedgerSize);
