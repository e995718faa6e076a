using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Ledger;

/// <summary>
/// The ledger: the signed checkpoint (C2SP signed note), entries, inclusion and consistency proofs, and
/// receipts (C2SP tlog-proof). Leaves are public to partners; the salt and content opening an entry only
/// go to those the release policy lets see it.
/// </summary>
internal static class LedgerApi
{
    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ledger").WithTags("Ledger");
        group.MapGet("/checkpoint", (HubService hub) => Results.Text(hub.Ledger.Latest.Note.ToString(), "text/plain; charset=utf-8"))
            .WithName("GetCheckpoint").WithSummary("The latest checkpoint, signed by the hub (C2SP tlog-checkpoint signed note)").Produces(200);
        group.MapGet("/key", (HubService hub) => Results.Text(hub.Ledger.VerifierKey + "\n", "text/plain; charset=utf-8"))
            .WithName("GetLedgerKey").WithSummary("The hub's checkpoint verifier key (C2SP signed-note vkey) to pin").Produces(200);
        group.MapGet("/entries/{index:long}", async (HttpContext context, HubService hub, long index) =>
        {
            var view = await hub.GetLedgerEntryAsync(context.Id(), index, context.RequestAborted).ConfigureAwait(false);
            if (view is null)
            {
                return ProblemResults.From(HubError.NotFound($"ledger entry {index}"));
            }

            var e = view.Entry;
            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("index", e.Index);
                w.WriteBase64String("leaf", e.Leaf);
                w.WriteBase64String("leaf_hash", hub.Ledger.LeafHash(e.Index));
                w.WritePropertyName("entry");
                using (var leaf = JsonDocument.Parse(e.Leaf))
                {
                    leaf.RootElement.WriteTo(w);
                }

                w.WriteBoolean("released", view.Released);
                if (view.Released)
                {
                    w.WriteString("subject", e.Subject);
                    w.WriteBase64String("salt", e.Salt);
                    w.WriteBase64String("content", e.Content);
                }

                w.WriteEndObject();
            }));
        }).WithName("GetLedgerEntry").WithSummary("One entry: the leaf for everyone, its salt and content only when released to the caller").Produces(200).ProducesProblem(404);
        group.MapGet("/proofs/inclusion", (HubService hub, long index, long? size) =>
        {
            var treeSize = size ?? hub.Ledger.Latest.Checkpoint.Size;
            if (index < 0 || treeSize > hub.Ledger.Latest.Checkpoint.Size || index >= treeSize)
            {
                return ProblemResults.Create(400, "ledger.bad_range", "Need 0 ≤ index < size ≤ the latest checkpoint size.", "index");
            }

            return Proof(index, treeSize, hub.Ledger.InclusionProof(index, treeSize), hub.Ledger.RootHash(treeSize));
        }).WithName("GetInclusionProof").WithSummary("RFC 9162 inclusion proof of an entry in the tree of a given size").Produces(200).ProducesProblem(400);
        group.MapGet("/proofs/consistency", (HubService hub, long from, long? to) =>
        {
            var newSize = to ?? hub.Ledger.Latest.Checkpoint.Size;
            if (from < 1 || from > newSize || newSize > hub.Ledger.Latest.Checkpoint.Size)
            {
                return ProblemResults.Create(400, "ledger.bad_range", "Need 1 ≤ from ≤ to ≤ the latest checkpoint size.", "from");
            }

            return Proof(from, newSize, hub.Ledger.ConsistencyProof(from, newSize), hub.Ledger.RootHash(newSize));
        }).WithName("GetConsistencyProof").WithSummary("RFC 9162 consistency proof between two tree sizes").Produces(200).ProducesProblem(400);
        api.MapGet("/receipts/{entry:long}", async (HubService hub, long entry, HttpContext context) =>
            await hub.ReceiptForAsync(entry, context.RequestAborted).ConfigureAwait(false) is { } receipt
                ? Results.Text(receipt, "text/plain; charset=utf-8")
                : ProblemResults.From(HubError.NotFound($"ledger entry {entry}")))
            .WithName("GetReceipt").WithTags("Ledger").WithSummary("An offline-verifiable receipt (C2SP tlog-proof, leaf as extra data)").Produces(200).ProducesProblem(404);
        return api;
    }

    private static IResult Proof(long first, long size, byte[][] hashes, byte[] root) =>
        JsonResults.Json(ViewJson.ToJson(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("first", first);
            w.WriteNumber("tree_size", size);
            w.WriteBase64String("root_hash", root);
            w.WriteStartArray("proof");
            foreach (var h in hashes)
            {
                w.WriteBase64StringValue(h);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
}
