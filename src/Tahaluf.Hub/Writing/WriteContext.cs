using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Domain.Partners;
using Tahaluf.Hub.Ledger;
using Tahaluf.Hub.State;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Hub.Writing;

/// <summary>
/// One commit being prepared by the single writer: the next state (builders over the last published
/// snapshot) and the rows to store. Nothing here is visible to readers until it is committed and published.
/// Not thread-safe.
/// </summary>
internal sealed class WriteContext
{
    private readonly ImmutableDictionary<string, Partner>.Builder _partners;
    private readonly ImmutableDictionary<string, string>.Builder _tokens;
    private readonly ImmutableDictionary<(ItemKind Kind, string Id), StoredItem>.Builder _items;
    private readonly ImmutableDictionary<string, Conflict>.Builder _conflicts;
    private readonly ImmutableDictionary<string, string>.Builder _openConflicts;
    private readonly ImmutableDictionary<string, Notification>.Builder _notifications;
    private string[]? _partnerIds;
    private long _lastSequence;
    private long _ledgerSize;

    public WriteContext(HubSnapshot basis, DateTimeOffset now)
    {
        Basis = basis;
        Now = now;
        _partners = basis.Partners.ToBuilder();
        _tokens = basis.Tokens.ToBuilder();
        _items = basis.Items.ToBuilder();
        _conflicts = basis.Conflicts.ToBuilder();
        _openConflicts = basis.OpenConflicts.ToBuilder();
        _notifications = basis.Notifications.ToBuilder();
        Agreements = basis.Agreements;
        _lastSequence = basis.LastSequence;
        _ledgerSize = basis.LedgerSize;
    }

    public HubSnapshot Basis { get; }

    public DateTimeOffset Now { get; }

    public StoreWrite Write { get; } = new();

    public AgreementSet Agreements { get; private set; }

    /// <summary>Items whose declared volumes changed in this commit, for the engine.</summary>
    public List<ItemRef> ChangedItems { get; } = [];

    /// <summary>Notifications with a deadline created in this commit.</summary>
    public List<Notification> NewDeadlines { get; } = [];

    /// <summary>Ledger entries appended in this commit: (index, leaf bytes).</summary>
    public List<(long Index, byte[] Leaf)> NewLeaves { get; } = [];

    public IReadOnlyDictionary<string, Partner> Partners => _partners;

    /// <summary>Every partner id in ordinal order, computed once per commit (the partners rarely change).</summary>
    public IReadOnlyList<string> PartnerIdsInOrder => _partnerIds ??= [.. _partners.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyDictionary<string, string> Tokens => _tokens;

    public IReadOnlyDictionary<(ItemKind Kind, string Id), StoredItem> Items => _items;

    public IReadOnlyDictionary<string, Conflict> Conflicts => _conflicts;

    public IReadOnlyDictionary<string, string> OpenConflicts => _openConflicts;

    public IReadOnlyDictionary<string, Notification> Notifications => _notifications;

    public HubSnapshot Build() => new(
        _partners.ToImmutable(),
        _tokens.ToImmutable(),
        Agreements,
        _items.ToImmutable(),
        _conflicts.ToImmutable(),
        _openConflicts.ToImmutable(),
        _notifications.ToImmutable(),
        _lastSequence,
        _ledgerSize);

    public void PutPartner(Partner partner, byte[] tokenHash, string namesJson)
    {
        _partners[partner.Id] = partner;
        _partnerIds = null;
        _tokens[Convert.ToHexStringLower(tokenHash)] = partner.Id;
        Write.Partners.Add(new PartnerRecord(
            partner.Id,
            partner.Role == PartnerRole.Observer ? "observer" : "member",
            namesJson,
            partner.HasSigningKey ? [.. partner.SigningPublicKey] : null,
            tokenHash,
            Now));
    }

    public void PutAgreement(Agreement agreement)
    {
        Agreements = Agreements.With(agreement);
        Write.Agreements.Add(new AgreementRecord(
            agreement.Owner, agreement.Recipient, Domain.WireNames.Of(agreement.Kind), Domain.WireNames.Of(agreement.Level)));
    }

    public void PutItem(StoredItem stored, string bodyJson, string state)
    {
        var item = stored.Item;
        _items[(item.Kind, item.Id)] = stored;
        Write.Items.Add(new ItemRecord(
            Domain.WireNames.Of(item.Kind), item.Id, item.Owner, stored.Version, state, bodyJson, stored.BodyHash, stored.UpdatedAt, stored.LedgerIndex));
        ChangedItems.Add(item.Ref);
    }

    public void PutConflict(Conflict conflict, string pairKey)
    {
        _conflicts[conflict.Id] = conflict;
        if (conflict.IsOpen)
        {
            _openConflicts[pairKey] = conflict.Id;
        }
        else if (_openConflicts.TryGetValue(pairKey, out var id) && id == conflict.Id)
        {
            _openConflicts.Remove(pairKey);
        }

        Write.Conflicts.Add(new ConflictRecord(
            conflict.Id, conflict.IsOpen ? "open" : "closed", conflict.OpenedAt, conflict.ClosedAt, Serialization.RecordJson.Write(conflict)));
    }

    public void PutNotification(Notification n)
    {
        var isNew = !_notifications.ContainsKey(n.Id);
        _notifications[n.Id] = n;
        Write.Notifications.Add(new NotificationRecord(
            n.Id, n.Recipient, Domain.WireNames.Of(n.State), n.CreatedAt, n.AckDeadline, Serialization.RecordJson.Write(n)));
        if (isNew && n.AckDeadline is not null)
        {
            NewDeadlines.Add(n);
        }
    }

    public long AddEvent(string type, string subjectKind, string subjectId, string payloadJson)
    {
        var sequence = ++_lastSequence;
        Write.Events.Add(new EventRecord(sequence, Now, type, subjectKind, subjectId, payloadJson));
        return sequence;
    }

    /// <summary>Appends a ledger entry committing to <paramref name="content"/>; returns its index.</summary>
    public long AddLedger(string kind, string author, string subject, long version, byte[] content, ReadOnlySpan<byte> signature)
    {
        var index = _ledgerSize++;
        var salt = RandomNumberGenerator.GetBytes(32);
        var leaf = LedgerLeaf.Encode(index, Now, kind, author, LedgerLeaf.SubjectDigest(salt, subject), version, LedgerLeaf.Commitment(salt, content), signature);
        Write.Ledger.Add(new LedgerEntryRecord(index, leaf, salt, content, subject));
        NewLeaves.Add((index, leaf));
        return index;
    }

    public long NextLedgerIndex => _ledgerSize;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
