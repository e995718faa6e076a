using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Views;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.State;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Hub;

/// <summary>The read paths. Every one projects through <see cref="ReleasePolicy"/>; hidden is indistinguishable from absent.</summary>
public sealed partial class HubService
{
    /// <summary>The partner holding this bearer token, or null.</summary>
    /// <param name="token">The presented token.</param>
    /// <returns>The partner or null.</returns>
    public Partner? Authenticate(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var snapshot = Snapshot;
        var hash = Convert.ToHexStringLower(TokenHash(token));
        return snapshot.Tokens.TryGetValue(hash, out var id) && snapshot.Partners.TryGetValue(id, out var p) ? p : null;
    }

    // What the store keeps of a bearer token, computed the same way when a partner is added and when a token is presented.
    private static byte[] TokenHash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The caller's view of one item, or null when absent or hidden.</summary>
    /// <param name="caller">Viewer.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="id">Id.</param>
    /// <param name="stored">The stored item when visible (for the ETag).</param>
    /// <returns>The view or null.</returns>
    public ItemView? GetItem(string caller, ItemKind kind, string id, out StoredItem? stored)
    {
        var snapshot = Snapshot;
        stored = snapshot.Item(kind, id);
        var view = stored is null ? null : ReleasePolicy.Project(Present(stored.Item), caller, snapshot.Agreements);
        if (view is null)
        {
            stored = null;
        }

        return view;
    }

    /// <summary>The caller's views of items of a kind, filtered, ordered by id, one page.</summary>
    /// <param name="caller">Viewer.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="filter">Filters and paging.</param>
    /// <returns>The page and the cursor of the next page (null when this is the last).</returns>
    public (IReadOnlyList<ItemView> Items, string? Next) ListItems(string caller, ItemKind kind, ItemFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = Snapshot;
        var limit = Math.Clamp(filter.Limit, 1, 1000);
        var candidates = snapshot.Items
            .Where(p => p.Key.Kind == kind && (filter.After is null || string.CompareOrdinal(p.Key.Id, filter.After) > 0))
            .Select(p => p.Value)
            .Where(s => filter.Owner is null || string.Equals(s.Item.Owner, filter.Owner, StringComparison.Ordinal))
            .OrderBy(s => s.Item.Id, StringComparer.Ordinal);
        var page = new List<ItemView>(limit);
        string? next = null;
        foreach (var s in candidates)
        {
            if (!Matches(s.Item, filter))
            {
                continue;
            }

            var view = ReleasePolicy.Project(Present(s.Item), caller, snapshot.Agreements);
            if (view is null)
            {
                continue;
            }

            if (page.Count == limit)
            {
                next = page[^1].Id;
                break;
            }

            page.Add(view);
        }

        return (page, next);
    }

    /// <summary>The caller's views of every stored version of an item, oldest first; null when absent or hidden now.</summary>
    /// <param name="caller">Viewer.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="id">Id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The versions with their ledger indexes, or null.</returns>
    public async Task<IReadOnlyList<(ItemView View, long LedgerIndex, DateTimeOffset At)>?> GetHistoryAsync(string caller, ItemKind kind, string id, CancellationToken cancellationToken)
    {
        if (GetItem(caller, kind, id, out _) is null)
        {
            return null;
        }

        var agreements = Snapshot.Agreements;
        var records = await _store.GetItemHistoryAsync(WireNames.Of(kind), id, cancellationToken).ConfigureAwait(false);
        var result = new List<(ItemView, long, DateTimeOffset)>();
        foreach (var r in records)
        {
            using var body = JsonDocument.Parse(r.BodyJson);
            var item = ItemJson.Read(kind, body.RootElement, r.Id, r.Owner, r.Version);
            if (item.Success && ReleasePolicy.Project(item.Value!, caller, agreements) is { } view)
            {
                result.Add((view, r.LedgerIndex, r.UpdatedAt));
            }
        }

        return result;
    }

    /// <summary>Conflicts that involve the caller, newest first, as the caller may see them.</summary>
    /// <param name="caller">Viewer.</param>
    /// <param name="openOnly">Only open ones.</param>
    /// <returns>The notices.</returns>
    public IReadOnlyList<ConflictNotice> ListConflicts(string caller, bool openOnly)
    {
        var snapshot = Snapshot;
        return [.. snapshot.Conflicts.Values
            .Where(c => c.Involves(caller) && (!openOnly || c.IsOpen))
            .OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => Notice(snapshot, c, caller))
            .OfType<ConflictNotice>()];
    }

    /// <summary>One conflict as the caller may see it, or null when the caller is not a party.</summary>
    /// <param name="caller">Viewer.</param>
    /// <param name="id">Conflict id.</param>
    /// <returns>The notice or null.</returns>
    public ConflictNotice? GetConflict(string caller, string id)
    {
        var snapshot = Snapshot;
        return snapshot.Conflicts.TryGetValue(id, out var c) ? Notice(snapshot, c, caller) : null;
    }

    /// <summary>The caller's notifications, oldest first, after a cursor (a notification id).</summary>
    /// <param name="caller">Recipient.</param>
    /// <param name="after">Cursor: the id of the last notification already seen, or null.</param>
    /// <param name="limit">Page size, 1 to 1,000.</param>
    /// <returns>The page.</returns>
    public IReadOnlyList<NotificationDelivery> ListNotifications(string caller, string? after, int limit)
    {
        var snapshot = Snapshot;
        var mine = snapshot.Notifications.Values
            .Where(n => string.Equals(n.Recipient, caller, StringComparison.Ordinal))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal)
            .AsEnumerable();
        if (after is not null && snapshot.Notifications.TryGetValue(after, out var cursor) && cursor.Recipient == caller)
        {
            mine = mine.Where(n => n.CreatedAt > cursor.CreatedAt || (n.CreatedAt == cursor.CreatedAt && string.CompareOrdinal(n.Id, cursor.Id) > 0));
        }

        var now = _time.GetUtcNow();
        return [.. mine.Take(Math.Clamp(limit, 1, 1000)).Select(n => Deliver(snapshot, n, now))];
    }

    /// <summary>One notification of the caller, or null.</summary>
    /// <param name="caller">Recipient.</param>
    /// <param name="id">Notification id.</param>
    /// <returns>The delivery or null.</returns>
    public NotificationDelivery? GetNotification(string caller, string id)
    {
        var snapshot = Snapshot;
        return snapshot.Notifications.TryGetValue(id, out var n) && n.Recipient == caller ? Deliver(snapshot, n, _time.GetUtcNow()) : null;
    }

    /// <summary>
    /// The caller's view of a feed event as JSON, or null when the caller may not see it. The event's
    /// subject is projected as it is now (a later restriction hides earlier events too).
    /// </summary>
    /// <param name="caller">Viewer.</param>
    /// <param name="e">The stored event.</param>
    /// <returns>JSON text or null.</returns>
    public string? ProjectEvent(string caller, EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var snapshot = Snapshot;
        switch (e.Type)
        {
            case "item":
                if (!WireNames.TryParse<ItemKind>(e.SubjectKind, out var kind) || snapshot.Item(kind, e.SubjectId) is not { } stored)
                {
                    return null;
                }

                var view = ReleasePolicy.Project(Present(stored.Item), caller, snapshot.Agreements);
                return view is null ? null : ViewJson.ToJson(w => ViewJson.Write(w, view));
            case "conflict":
                var notice = snapshot.Conflicts.TryGetValue(e.SubjectId, out var c) ? Notice(snapshot, c, caller) : null;
                return notice is null ? null : ViewJson.ToJson(w => ViewJson.Write(w, notice));
            case "notification" or "ack" or "escalated":
                if (!snapshot.Notifications.TryGetValue(e.SubjectId, out var n))
                {
                    return null;
                }

                if (n.Recipient == caller)
                {
                    var delivery = Deliver(snapshot, n, _time.GetUtcNow());
                    return ViewJson.ToJson(w => HubJson.Write(w, delivery));
                }

                // The other party of a conflict learns that its counterpart acknowledged or missed the deadline.
                if (e.Type != "notification" && n.ConflictId is not null && snapshot.Conflicts.TryGetValue(n.ConflictId, out var nc) && nc.Involves(caller))
                {
                    return RecordJson.Json(w =>
                    {
                        w.WriteString("notification_id", n.Id);
                        w.WriteString("conflict_id", n.ConflictId);
                        w.WriteString("recipient", n.Recipient);
                        w.WriteString("state", WireNames.Of(n.State));
                    });
                }

                return null;
            case "agreement":
                var parts = e.SubjectId.Split('/');
                return parts.Length == 3 && (parts[0] == caller || parts[1] == caller) ? e.PayloadJson : null;
            default:
                return null;
        }
    }

    private ConflictNotice? Notice(HubSnapshot snapshot, Conflict c, string caller)
    {
        var other = c.OtherThan(caller);
        if (other is null)
        {
            return null;
        }

        var otherItem = other.Item.Kind == ItemKind.Track
            ? Tracks.Get(other.Item.Id) is { } t && t.Owner == other.Owner ? t : null
            : snapshot.Item(other.Item.Kind, other.Item.Id)?.Item;
        return ReleasePolicy.ProjectConflict(c, caller, snapshot.Agreements, otherItem);
    }

    private NotificationDelivery Deliver(HubSnapshot snapshot, Notification n, DateTimeOffset now)
    {
        ConflictNotice? notice = null;
        ItemView? item = null;
        if (n.ConflictId is not null && snapshot.Conflicts.TryGetValue(n.ConflictId, out var c))
        {
            notice = Notice(snapshot, c, n.Recipient);
        }

        if (n.Item is { } r && snapshot.Item(r.Kind, r.Id) is { } stored)
        {
            item = ReleasePolicy.Project(Present(stored.Item), n.Recipient, snapshot.Agreements);
        }

        var overdue = n.AcknowledgedAt is null && n.AckDeadline is { } d && now >= d;
        return new NotificationDelivery(n, notice, item, overdue);
    }

    private static bool Matches(Item item, ItemFilter filter)
    {
        var volumes = item switch
        {
            Operation o => o.Volumes,
            Zone z => z.Volumes,
            Report { Geometry: { } g } => [g],
            _ => [],
        };
        if (filter.State is { } state && item switch
        {
            Operation o => o.State != state,
            Zone z => z.State != state,
            _ => true,
        })
        {
            return false;
        }

        if (filter.From is null && filter.To is null && filter.Bbox is null)
        {
            return true;
        }

        foreach (var v in volumes)
        {
            if (filter.From is { } from && v.TimeEnd is { } end && end <= from)
            {
                continue;
            }

            if (filter.To is { } to && v.TimeStart >= to)
            {
                continue;
            }

            if (filter.Bbox is { } box && !Touches(v.Footprint, box))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool Touches(Footprint footprint, (double West, double South, double East, double North) box)
    {
        var (s, w, n, e) = Engine.FootprintBox.Of(footprint);
        return s <= box.North && n >= box.South && w <= box.East && e >= box.West;
    }
}
