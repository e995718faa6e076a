namespace Tahaluf.Hub.Storage;

/// <summary>
/// Everything one commit writes, atomically: several accepted requests may share one commit (group commit).
/// Event sequences and ledger indexes are assigned by the hub and must continue the stored ones exactly;
/// the store refuses a gap or an overlap. Not thread-safe: build it on the writer.
/// </summary>
public sealed class StoreWrite
{
    /// <summary>Partners to insert or replace.</summary>
    public List<PartnerRecord> Partners { get; } = [];

    /// <summary>Agreements to insert or replace (level <c>none</c> is stored too, as a revocation).</summary>
    public List<AgreementRecord> Agreements { get; } = [];

    /// <summary>New item versions; each becomes the item's current version and is kept in its history.</summary>
    public List<ItemRecord> Items { get; } = [];

    /// <summary>Conflicts to insert or replace.</summary>
    public List<ConflictRecord> Conflicts { get; } = [];

    /// <summary>Notifications to insert or replace.</summary>
    public List<NotificationRecord> Notifications { get; } = [];

    /// <summary>Events to append, in order, with consecutive sequences.</summary>
    public List<EventRecord> Events { get; } = [];

    /// <summary>Ledger entries to append, in order, with consecutive indexes.</summary>
    public List<LedgerEntryRecord> Ledger { get; } = [];

    /// <summary>True when there is nothing to write.</summary>
    public bool IsEmpty =>
        Partners.Count == 0 && Agreements.Count == 0 && Items.Count == 0 && Conflicts.Count == 0
        && Notifications.Count == 0 && Events.Count == 0 && Ledger.Count == 0;
}
