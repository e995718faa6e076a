using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Ledger;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.Signing;
using Tahaluf.Hub.State;
using Tahaluf.Hub.Writing;

namespace Tahaluf.Hub;

/// <summary>The write path. Each method returns after its commit is durable (or with the refusal).</summary>
public sealed partial class HubService
{
    /// <summary>Adds a partner and returns its bearer token (shown once; only its hash is stored).</summary>
    /// <param name="partner">The partner.</param>
    /// <param name="token">Its bearer token.</param>
    /// <returns>The partner, or an error (invalid, or the id exists).</returns>
    public Task<HubResult<Partner>> AddPartnerAsync(Partner partner, string token)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var invalid = PartnerValidator.Validate(partner);
        if (invalid is not null)
        {
            return Task.FromResult<HubResult<Partner>>(HubError.Invalid(invalid.Code, invalid.Field, invalid.Message));
        }

        var hash = TokenHash(token);
        var names = JsonSerializer.Serialize(partner.Names.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));
        return EnqueueAsync<HubResult<Partner>>(ctx =>
        {
            if (ctx.Partners.ContainsKey(partner.Id))
            {
                return new HubError(HubErrorKind.Conflict, HubErrorCodes.PartnerExists, "id", $"Partner {partner.Id} already exists.");
            }

            ctx.PutPartner(partner, hash, names);

            // Seen by no feed subscriber (no projection shows it); it tells other instances to load the partner.
            ctx.AddEvent("partner", "partner", partner.Id, "{}");
            return partner;
        });
    }

    /// <summary>Sets the level at which an owner releases items of a kind to a recipient.</summary>
    /// <param name="agreement">The agreement (level <c>none</c> revokes).</param>
    /// <returns>The agreement or an error.</returns>
    public Task<HubResult<Agreement>> SetAgreementAsync(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var invalid = AgreementValidator.Validate(agreement);
        if (invalid is not null)
        {
            return Task.FromResult<HubResult<Agreement>>(HubError.Invalid(invalid.Code, invalid.Field, invalid.Message));
        }

        return EnqueueAsync<HubResult<Agreement>>(ctx =>
        {
            foreach (var (id, field) in new[] { (agreement.Owner, "owner"), (agreement.Recipient, "recipient") })
            {
                if (!ctx.Partners.ContainsKey(id))
                {
                    return HubError.Invalid(HubErrorCodes.UnknownPartner, field, $"Partner {id} does not exist.");
                }
            }

            ctx.PutAgreement(agreement);
            var content = RecordJson.Json(w =>
            {
                w.WriteString("owner", agreement.Owner);
                w.WriteString("recipient", agreement.Recipient);
                w.WriteString("kind", WireNames.Of(agreement.Kind));
                w.WriteString("level", WireNames.Of(agreement.Level));
            });
            ctx.AddLedger(LedgerLeaf.Agreement, agreement.Owner, $"agreement/{agreement.Owner}/{agreement.Recipient}/{WireNames.Of(agreement.Kind)}", 0, WriteContext.Utf8(content), default);
            ctx.AddEvent("agreement", "agreement", $"{agreement.Owner}/{agreement.Recipient}/{WireNames.Of(agreement.Kind)}", content);
            return agreement;
        });
    }

    /// <summary>
    /// Creates or replaces an operation, zone or report with a client-chosen id. The same body twice is
    /// one version. <paramref name="ifMatch"/> (an ETag, or <c>*</c>) makes the write conditional.
    /// </summary>
    /// <param name="caller">The authenticated partner.</param>
    /// <param name="kind">Operation, zone or report.</param>
    /// <param name="id">Item id.</param>
    /// <param name="body">The declaration body.</param>
    /// <param name="ifMatch">Required current ETag, <c>*</c> for "must exist", or null.</param>
    /// <param name="signature">The caller's Ed25519 signature over <paramref name="rawBody"/>, kept in the ledger leaf, or empty.</param>
    /// <param name="rawBody">The exact request bytes (the ledger commits to them), or empty to commit to the canonical body.</param>
    /// <returns>The outcome or an error.</returns>
    public Task<HubResult<PutOutcome>> PutItemAsync(string caller, ItemKind kind, string id, JsonElement body, string? ifMatch, ImmutableArray<byte> signature, ReadOnlyMemory<byte> rawBody = default)
    {
        if (!ItemId.IsValid(id))
        {
            return Task.FromResult<HubResult<PutOutcome>>(HubError.Invalid(HubErrorCodes.InvalidId, "id", $"'{id}' is not a valid id: 1 to {ItemId.MaxLength} letters, digits, '.', '_', '~' or '-'."));
        }

        // Parse and validate outside the writer; version and ownership are checked inside.
        var parsed = ItemJson.Read(kind, body, id, caller, 1);
        if (!parsed.Success)
        {
            return Task.FromResult<HubResult<PutOutcome>>(parsed.Error);
        }

        var canonical = ItemJson.ToUtf8(parsed.Value!);
        var bodyHash = SHA256.HashData(canonical);
        return EnqueueAsync<HubResult<PutOutcome>>(ctx =>
        {
            var refusal = Authorize(ctx, caller) ?? CheckSignature(ctx, caller, rawBody.IsEmpty ? canonical : rawBody.Span, signature);
            if (refusal is not null)
            {
                return refusal;
            }

            var current = ctx.Items.GetValueOrDefault((kind, id));
            if (current is not null && !string.Equals(current.Item.Owner, caller, StringComparison.Ordinal))
            {
                return HubError.NotFound($"{WireNames.Of(kind)} '{id}'");
            }

            var precondition = CheckIfMatch(current, ifMatch);
            if (precondition is not null)
            {
                return precondition;
            }

            if (current is not null && current.BodyHash.AsSpan().SequenceEqual(bodyHash))
            {
                return new PutOutcome(current, Created: false, Unchanged: true);
            }

            var version = (current?.Version ?? 0) + 1;
            var item = WithVersion(parsed.Value!, version);
            var transition = ItemValidator.ValidateReplacement(current?.Item, item);
            if (transition is not null)
            {
                return new HubError(HubErrorKind.Conflict, transition.Code, transition.Field, transition.Message);
            }

            var stored = Accept(ctx, item, version, canonical, bodyHash, signature, rawBody.IsEmpty ? null : rawBody.ToArray());
            return new PutOutcome(stored, Created: current is null, Unchanged: false);
        });
    }

    /// <summary>Ends (active) or cancels (planned) an item: a new version with the terminal state.</summary>
    /// <param name="caller">The authenticated partner.</param>
    /// <param name="kind">Item kind.</param>
    /// <param name="id">Item id.</param>
    /// <param name="ifMatch">Required current ETag or null.</param>
    /// <returns>The outcome or an error.</returns>
    public Task<HubResult<PutOutcome>> WithdrawItemAsync(string caller, ItemKind kind, string id, string? ifMatch) =>
        EnqueueAsync<HubResult<PutOutcome>>(ctx =>
        {
            var refusal = Authorize(ctx, caller);
            if (refusal is not null)
            {
                return refusal;
            }

            var current = ctx.Items.GetValueOrDefault((kind, id));
            if (current is null || !string.Equals(current.Item.Owner, caller, StringComparison.Ordinal))
            {
                return HubError.NotFound($"{WireNames.Of(kind)} '{id}'");
            }

            var precondition = CheckIfMatch(current, ifMatch);
            if (precondition is not null)
            {
                return precondition;
            }

            Item next = current.Item switch
            {
                Operation o => o with { State = ItemStates.WithdrawnState(o.State), Version = current.Version + 1 },
                Zone z => z with { State = ItemStates.WithdrawnState(z.State), Version = current.Version + 1 },
                Report r => r with { Version = current.Version + 1 },
                _ => current.Item,
            };
            if (next is Operation { State: var os } && os == ((Operation)current.Item).State
                || next is Zone { State: var zs } && zs == ((Zone)current.Item).State)
            {
                return new PutOutcome(current, Created: false, Unchanged: true);
            }

            var canonical = ItemJson.ToUtf8(next);
            var stored = Accept(ctx, next, current.Version + 1, canonical, SHA256.HashData(canonical), [], null);
            return new PutOutcome(stored, Created: false, Unchanged: false);
        });

    /// <summary>Acknowledges a notification addressed to <paramref name="caller"/>.</summary>
    /// <param name="caller">The authenticated partner.</param>
    /// <param name="notificationId">Notification id.</param>
    /// <param name="signature">The caller's Ed25519 signature over the request, or empty.</param>
    /// <returns>The acknowledged notification and the ack's ledger index, or an error (404 when not the caller's).</returns>
    public Task<HubResult<(Notification Notification, long LedgerIndex)>> AcknowledgeAsync(string caller, string notificationId, ImmutableArray<byte> signature) =>
        EnqueueAsync<HubResult<(Notification, long)>>(ctx =>
        {
            if (!ctx.Notifications.TryGetValue(notificationId, out var n) || !string.Equals(n.Recipient, caller, StringComparison.Ordinal))
            {
                return HubError.NotFound($"notification '{notificationId}'");
            }

            if (n.AcknowledgedAt is not null)
            {
                return (n, AckIndex(ctx, n));
            }

            var badSignature = CheckSignature(ctx, caller, RequestSignature.AckMessage(n.Id), signature);
            if (badSignature is not null)
            {
                return badSignature;
            }

            var acked = AckRule.Acknowledge(n, caller, ctx.Now);
            if (!acked.Success)
            {
                return new HubError(HubErrorKind.Conflict, HubErrorCodes.NotAcknowledgeable, acked.Error.Field, acked.Error.Message);
            }

            ctx.PutNotification(acked.Value);
            var index = ctx.AddLedger(LedgerLeaf.Ack, caller, "notification/" + n.Id, 1, RequestSignature.AckMessage(n.Id), signature.AsSpan());
            _ackIndexes[n.Id] = index;
            ctx.AddEvent("ack", "notification", n.Id, RecordJson.Json(w => w.WriteString("recipient", n.Recipient)));
            return (acked.Value, index);
        });

    private readonly Dictionary<string, long> _ackIndexes = new(StringComparer.Ordinal);

    private long AckIndex(WriteContext ctx, Notification n) => _ackIndexes.TryGetValue(n.Id, out var i) ? i : -1;

    private static HubError? Authorize(WriteContext ctx, string caller)
    {
        if (!ctx.Partners.TryGetValue(caller, out var partner))
        {
            return new HubError(HubErrorKind.Forbidden, HubErrorCodes.UnknownPartner, null, $"Partner {caller} is not registered.");
        }

        return partner.CanWrite
            ? null
            : new HubError(HubErrorKind.Forbidden, HubErrorCodes.ReadOnlyPartner, null, $"{caller} is an observer and cannot write.");
    }

    private static HubError? CheckSignature(WriteContext ctx, string caller, ReadOnlySpan<byte> message, ImmutableArray<byte> signature) =>
        signature.IsDefaultOrEmpty ? null : RequestSignature.Verify(ctx.Partners[caller], message, signature.AsSpan());

    private static HubError? CheckIfMatch(StoredItem? current, string? ifMatch)
    {
        if (ifMatch is null)
        {
            return null;
        }

        var matches = ifMatch.Trim() == "*"
            ? current is not null
            : current is not null && ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == current.ETag || t == "W/" + current.ETag);
        return matches
            ? null
            : new HubError(HubErrorKind.PreconditionFailed, HubErrorCodes.StaleVersion, "If-Match",
                current is null ? "The item does not exist." : $"The current version is {current.ETag}; re-read the item and retry.");
    }

    private static Item WithVersion(Item item, long version) => item switch
    {
        Operation o => o with { Version = version },
        Zone z => z with { Version = version },
        Report r => r with { Version = version },
        _ => item,
    };

    private static string StateName(Item item) => item switch
    {
        Operation o => WireNames.Of(o.State),
        Zone z => WireNames.Of(z.State),
        _ => "active",
    };

    /// <summary>Stores a new version with its ledger entry, its event, and notifications to those it is released to.</summary>
    private StoredItem Accept(WriteContext ctx, Item item, long version, byte[] canonical, byte[] bodyHash, ImmutableArray<byte> signature, byte[]? rawBody)
    {
        var subject = $"{WireNames.Of(item.Kind)}/{item.Id}";
        var ledgerIndex = ctx.AddLedger(LedgerLeaf.Declaration, item.Owner, subject, version, rawBody ?? canonical, signature.AsSpan());
        var stored = new StoredItem(item, version, bodyHash, ctx.Now, ledgerIndex);
        ctx.PutItem(stored, System.Text.Encoding.UTF8.GetString(canonical), StateName(item));
        ctx.AddEvent("item", WireNames.Of(item.Kind), item.Id, RecordJson.Json(w =>
        {
            w.WriteString("owner", item.Owner);
            w.WriteNumber("version", version);
        }));
        foreach (var partner in ctx.PartnerIdsInOrder)
        {
            if (string.Equals(partner, item.Owner, StringComparison.Ordinal) || ReleasePolicy.EffectiveLevel(partner, item, ctx.Agreements) < ReleaseLevel.Envelope)
            {
                continue;
            }

            var n = Notification.ForItem($"{subject}/v{version}.{partner}".Replace('/', '~'), partner, item.Ref, ctx.Now);
            ctx.PutNotification(n);
            ctx.AddLedger(LedgerLeaf.Notification, HubAuthor, "notification/" + n.Id, 1, WriteContext.Utf8(RecordJson.Write(n)), default);
            ctx.AddEvent("notification", "notification", n.Id, RecordJson.Json(w => w.WriteString("recipient", n.Recipient)));
        }

        return stored;
    }
}
