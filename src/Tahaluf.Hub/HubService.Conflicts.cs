using System.Security.Cryptography;
using System.Text;
using Tahaluf.Domain;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Hub.Engine;
using Tahaluf.Hub.Ledger;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.Writing;

namespace Tahaluf.Hub;

/// <summary>Conflict detection, notifications to both parties, and deadline escalation (writer only).</summary>
public sealed partial class HubService
{
    /// <summary>The author recorded for entries the hub makes on its own (escalations).</summary>
    public const string HubAuthor = "HUB";

    /// <summary>A stable key for an unordered pair of items.</summary>
    /// <param name="x">One item.</param>
    /// <param name="y">Other item.</param>
    /// <returns>The key.</returns>
    public static string PairKey(ItemRef x, ItemRef y)
    {
        var (a, b) = ConflictEngine.Order(x, y);
        return $"{WireNames.Of(a.Kind)}/{a.Owner}/{a.Id}|{WireNames.Of(b.Kind)}/{b.Owner}/{b.Id}";
    }

    private static string ConflictId(string pairKey, int episode)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(pairKey));
        return "cfl-" + Convert.ToHexStringLower(hash.AsSpan(0, 8)) + "-" + episode.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private void TrackOpen(Conflict conflict)
    {
        if (conflict.Source == ConflictSource.Predicted)
        {
            _openPredicted.Add(conflict.Id);
        }

        foreach (var item in new[] { conflict.A.Item, conflict.B.Item })
        {
            if (!_openByItem.TryGetValue(item, out var set))
            {
                _openByItem[item] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(conflict.Id);
        }
    }

    private void UntrackOpen(Conflict conflict)
    {
        _openPredicted.Remove(conflict.Id);
        foreach (var item in new[] { conflict.A.Item, conflict.B.Item })
        {
            if (_openByItem.TryGetValue(item, out var set))
            {
                set.Remove(conflict.Id);
                if (set.Count == 0)
                {
                    _openByItem.Remove(item);
                }
            }
        }
    }

    /// <summary>Re-detects every live item's conflicts: after a crash between commits nothing is lost.</summary>
    private void Reconcile(WriteContext context)
    {
        foreach (var item in context.Items.Values.Select(s => s.Item.Ref).ToList())
        {
            DetectConflicts(context, item);
        }

        foreach (var conflictId in context.OpenConflicts.Values.ToList())
        {
            var c = context.Conflicts[conflictId];
            if (c.Source == ConflictSource.Declared && !_engine.StillConflict(c.A.Item, c.B.Item))
            {
                CloseConflict(context, c);
            }
        }
    }

    /// <summary>Opens conflicts the item now has and closes those it no longer has.</summary>
    private void DetectConflicts(WriteContext context, ItemRef item)
    {
        var found = _engine.ConflictsOf(item);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in found)
        {
            var key = PairKey(d.A, d.B);
            keep.Add(key);
            if (!context.OpenConflicts.ContainsKey(key))
            {
                OpenConflict(context, key, d, ConflictSource.Declared);
            }
        }

        if (_openByItem.TryGetValue(item, out var open))
        {
            foreach (var id in open.ToList())
            {
                var c = context.Conflicts[id];
                if (c.Source == ConflictSource.Declared && !keep.Contains(PairKey(c.A.Item, c.B.Item)))
                {
                    CloseConflict(context, c);
                }
            }
        }
    }

    private void OpenConflict(WriteContext context, string key, DetectedConflict d, ConflictSource source)
    {
        var episode = _pairEpisodes.GetValueOrDefault(key) + 1;
        _pairEpisodes[key] = episode;
        _undo?.Add(() =>
        {
            if (episode == 1)
            {
                _pairEpisodes.Remove(key);
            }
            else
            {
                _pairEpisodes[key] = episode - 1;
            }
        });
        var conflict = new Conflict(
            ConflictId(key, episode),
            new ConflictParty(d.A.Owner, d.A),
            new ConflictParty(d.B.Owner, d.B),
            d.Encounter,
            context.Now,
            null,
            source);
        context.PutConflict(conflict, key);
        TrackOpen(conflict);
        _undo?.Add(() => UntrackOpen(conflict));
        context.AddEvent("conflict", "conflict", conflict.Id, RecordJson.Json(w => w.WriteString("state", "opened")));
        foreach (var party in new[] { conflict.A, conflict.B })
        {
            var n = Notification.ForConflict(conflict.Id + "." + party.Owner, party.Owner, conflict.Id, context.Now, Options.AckWindow);
            context.PutNotification(n);
            context.AddLedger(LedgerLeaf.Notification, HubAuthor, "notification/" + n.Id, 1, WriteContext.Utf8(RecordJson.Write(n)), default);
            context.AddEvent("notification", "notification", n.Id, RecordJson.Json(w => w.WriteString("recipient", n.Recipient)));
        }
    }

    private void CloseConflict(WriteContext context, Conflict conflict)
    {
        var closed = conflict.Close(context.Now);
        context.PutConflict(closed, PairKey(closed.A.Item, closed.B.Item));
        UntrackOpen(closed);
        _undo?.Add(() => TrackOpen(conflict));
        context.AddEvent("conflict", "conflict", closed.Id, RecordJson.Json(w => w.WriteString("state", "closed")));
    }

    /// <summary>Escalates every unacknowledged notification whose deadline has passed.</summary>
    private int EscalateDue(WriteContext context)
    {
        if (!IsLeader)
        {
            return 0;
        }

        var count = 0;
        while (_deadlines.TryPeek(out var id, out var deadline) && deadline <= context.Now)
        {
            _deadlines.Dequeue();
            if (!context.Notifications.TryGetValue(id, out var n) || !AckRule.NeedsEscalation(n, context.Now))
            {
                continue;
            }

            var escalated = AckRule.Escalate(n, context.Now);
            context.PutNotification(escalated);
            context.AddLedger(LedgerLeaf.Escalation, HubAuthor, "notification/" + n.Id, 2, WriteContext.Utf8(RecordJson.Write(escalated)), default);
            context.AddEvent("escalated", "notification", n.Id, RecordJson.Json(w => w.WriteString("recipient", n.Recipient)));
            context.AddEvent("notification", "notification", n.Id, RecordJson.Json(w =>
            {
                w.WriteString("recipient", n.Recipient);
                w.WriteBoolean("resent", true);
            }));
            count++;
        }

        return count;
    }
}
