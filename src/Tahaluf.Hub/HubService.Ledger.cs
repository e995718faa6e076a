using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Hub;

/// <summary>
/// Ledger reads. Leaves (and so proofs and receipts) are public to every partner: they reveal the
/// author, time and kind of an entry, never its subject or content. The salt and content that open a
/// leaf go only to those the release policy lets see that content.
/// </summary>
public sealed partial class HubService
{
    /// <summary>A ledger entry with, when released to the caller, the salt and content that open it.</summary>
    /// <param name="Entry">The stored entry.</param>
    /// <param name="Released">Whether the caller may see the subject, salt and content.</param>
    public sealed record LedgerEntryView(LedgerEntryRecord Entry, bool Released);

    /// <summary>One ledger entry as the caller may see it, or null when the index is beyond the log.</summary>
    /// <param name="caller">Viewer.</param>
    /// <param name="index">Entry index.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The entry view or null.</returns>
    public async Task<LedgerEntryView?> GetLedgerEntryAsync(string caller, long index, CancellationToken cancellationToken)
    {
        if (index < 0 || index >= Ledger.Latest.Checkpoint.Size)
        {
            return null;
        }

        var rows = await _store.ReadLedgerAsync(index, 1, cancellationToken).ConfigureAwait(false);
        return rows.Count == 1 && rows[0].Index == index
            ? new LedgerEntryView(rows[0], await MayOpenAsync(caller, rows[0], cancellationToken).ConfigureAwait(false))
            : null;
    }

    /// <summary>The C2SP tlog-proof receipt of an entry under the latest checkpoint (the leaf is its extra data).</summary>
    /// <param name="index">Entry index.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The receipt text or null when the entry is not under the latest checkpoint.</returns>
    public async Task<string?> ReceiptForAsync(long index, CancellationToken cancellationToken)
    {
        if (index < 0 || index >= Ledger.Latest.Checkpoint.Size)
        {
            return null;
        }

        var rows = await _store.ReadLedgerAsync(index, 1, cancellationToken).ConfigureAwait(false);
        return rows.Count == 1 ? Ledger.Receipt(index, rows[0].Leaf) : null;
    }

    /// <summary>
    /// Whether <paramref name="caller"/> may open an entry (see its subject, salt and content). A declaration's
    /// entry opens only at full level under both the label of the version it records (the owner's choice then)
    /// and the item as it is now (a later restriction hides earlier versions too).
    /// </summary>
    private async Task<bool> MayOpenAsync(string caller, LedgerEntryRecord entry, CancellationToken cancellationToken)
    {
        var snapshot = Snapshot;
        var parts = entry.Subject.Split('/');
        switch (parts[0])
        {
            case "operation" or "zone" or "report" when parts.Length == 2 && WireNames.TryParse<ItemKind>(parts[0], out var kind):
                var stored = snapshot.Item(kind, parts[1]);
                if (stored is null || ReleasePolicy.EffectiveLevel(caller, stored.Item, snapshot.Agreements) != ReleaseLevel.Full)
                {
                    return false;
                }

                if (stored.LedgerIndex == entry.Index)
                {
                    return true;
                }

                var history = await _store.GetItemHistoryAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
                var version = history.FirstOrDefault(r => r.LedgerIndex == entry.Index);
                if (version is null)
                {
                    return false;
                }

                using (var body = System.Text.Json.JsonDocument.Parse(version.BodyJson))
                {
                    var then = Serialization.ItemJson.Read(kind, body.RootElement, version.Id, version.Owner, version.Version);
                    return then.Success && ReleasePolicy.EffectiveLevel(caller, then.Value!, snapshot.Agreements) == ReleaseLevel.Full;
                }

            case "notification" when parts.Length == 2 && snapshot.Notifications.TryGetValue(parts[1], out var n):
                if (n.Recipient == caller)
                {
                    return true;
                }

                if (n.ConflictId is not null && snapshot.Conflicts.TryGetValue(n.ConflictId, out var c))
                {
                    return c.Involves(caller);
                }

                return n.Item is { } item && item.Owner == caller;
            case "agreement" when parts.Length == 4:
                return parts[1] == caller || parts[2] == caller;
            default:
                return false;
        }
    }
}
