using Tahaluf.Hub.Storage;

namespace Tahaluf.Security.Tests;

/// <summary>
/// A minimal in-memory <see cref="IHubStore"/> so thousands of hubs can start in seconds; also an
/// <see cref="IWebhookStore"/>, because a webhook dispatcher refuses a store without one.
/// </summary>
internal sealed class InMemoryHubStore : IHubStore, IWebhookStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PartnerRecord> _partners = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), AgreementRecord> _agreements = [];
    private readonly Dictionary<(string, string), List<ItemRecord>> _items = [];
    private readonly Dictionary<string, ConflictRecord> _conflicts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NotificationRecord> _notifications = new(StringComparer.Ordinal);
    private readonly List<EventRecord> _events = [];
    private readonly List<LedgerEntryRecord> _ledger = [];
    private readonly List<TrackPointRecord> _points = [];
    private readonly Dictionary<string, WebhookRecord> _webhooks = new(StringComparer.Ordinal);

    public IReadOnlyList<EventRecord> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CommitAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var p in write.Partners)
            {
                _partners[p.Id] = p;
            }

            foreach (var a in write.Agreements)
            {
                _agreements[(a.Owner, a.Recipient, a.Kind)] = a;
            }

            foreach (var i in write.Items)
            {
                if (!_items.TryGetValue((i.Kind, i.Id), out var list))
                {
                    _items[(i.Kind, i.Id)] = list = [];
                }

                list.Add(i);
            }

            foreach (var c in write.Conflicts)
            {
                _conflicts[c.Id] = c;
            }

            foreach (var n in write.Notifications)
            {
                _notifications[n.Id] = n;
            }

            foreach (var e in write.Events)
            {
                if (e.Sequence != _events.Count + 1)
                {
                    throw new StoreConflictException("event sequence gap");
                }

                _events.Add(e);
            }

            foreach (var l in write.Ledger)
            {
                if (l.Index != _ledger.Count)
                {
                    throw new StoreConflictException("ledger index gap");
                }

                _ledger.Add(l);
            }
        }

        return Task.CompletedTask;
    }

    public Task<StoreSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new StoreSnapshot(
                [.. _partners.Values], [.. _agreements.Values], [.. _items.Values.Select(l => l[^1])], [.. _conflicts.Values], [.. _notifications.Values],
                _events.Count, _ledger.Count));
        }
    }

    public Task<IReadOnlyList<ItemRecord>> GetItemHistoryAsync(string kind, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ItemRecord>>(_items.TryGetValue((kind, id), out var l) ? [.. l] : []);
        }
    }

    public Task<IReadOnlyList<EventRecord>> ReadEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<EventRecord>>([.. _events.Where(e => e.Sequence > afterSequence).Take(limit)]);
        }
    }

    public Task AppendTrackPointsAsync(IReadOnlyList<TrackPointRecord> points, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var p in points)
            {
                if (!_points.Any(x => x.TrackId == p.TrackId && x.Time == p.Time))
                {
                    _points.Add(p);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TrackPointRecord>> ReadTrackPointsAsync(string trackId, string owner, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var mine = _points.Where(p => p.TrackId == trackId && p.Owner == owner).OrderBy(p => p.Time).ToList();
            return Task.FromResult<IReadOnlyList<TrackPointRecord>>([.. mine.Skip(Math.Max(0, mine.Count - limit))]);
        }
    }

    public Task<IReadOnlyList<LedgerEntryRecord>> ReadLedgerAsync(long fromIndex, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<LedgerEntryRecord>>([.. _ledger.Skip((int)fromIndex).Take(limit)]);
        }
    }

    public Task<WebhookRecord> PutWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stored = _webhooks.TryGetValue(webhook.Partner, out var before) ? before with { Url = webhook.Url } : webhook;
            _webhooks[webhook.Partner] = stored;
            return Task.FromResult(stored);
        }
    }

    public Task<bool> DeleteWebhookAsync(string partner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_webhooks.Remove(partner));
        }
    }

    public Task<WebhookRecord?> GetWebhookAsync(string partner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_webhooks.GetValueOrDefault(partner));
        }
    }

    public Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookRecord>>([.. _webhooks.Values.OrderBy(w => w.Partner, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> AdvanceWebhookCursorAsync(string partner, long sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_webhooks.TryGetValue(partner, out var w) || w.Cursor >= sequence)
            {
                return Task.FromResult(false);
            }

            _webhooks[partner] = w with { Cursor = sequence };
            return Task.FromResult(true);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
