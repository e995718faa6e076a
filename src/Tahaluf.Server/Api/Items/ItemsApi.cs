using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Hub;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.Signing;
using Tahaluf.Hub.State;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Items;

/// <summary>Operations, zones and reports: PUT (create or replace by client-chosen id), GET, DELETE, list, history.</summary>
internal static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this RouteGroupBuilder api)
    {
        foreach (var (kind, plural, title) in new[] { (ItemKind.Operation, "operations", "Operation"), (ItemKind.Zone, "zones", "Zone"), (ItemKind.Report, "reports", "Report") })
        {
            var group = api.MapGroup("/" + plural).WithTags(title + "s");
            group.MapPut("/{id}", (HttpContext context, string id, HubService hub, SignatureReplayCache replays, CancellationToken ct) => PutAsync(context, hub, replays, kind, id, ct))
                .WithName("Put" + title).WithSummary($"Create or replace a {title.ToLowerInvariant()} (idempotent; If-Match for concurrency)")
                .Accepts<object>("application/json").Produces(200).Produces(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(412);
            group.MapGet("/{id}", (HttpContext context, string id, HubService hub) => Get(context, hub, kind, id))
                .WithName("Get" + title).WithSummary($"A {title.ToLowerInvariant()} as the caller may see it").Produces(200).ProducesProblem(404);
            group.MapDelete("/{id}", (HttpContext context, string id, HubService hub) => DeleteAsync(context, hub, kind, id))
                .WithName("Withdraw" + title).WithSummary($"End (active) or cancel (planned) a {title.ToLowerInvariant()}").Produces(200).ProducesProblem(404).ProducesProblem(412);
            group.MapGet("/", (HttpContext context, HubService hub, string? bbox, DateTimeOffset? from, DateTimeOffset? to, string? owner, string? state, string? cursor, int? limit) =>
                    List(context, hub, kind, bbox, from, to, owner, state, cursor, limit))
                .WithName("List" + title + "s").WithSummary($"{title}s visible to the caller, filtered, by id, one page").Produces(200).ProducesProblem(400);
            group.MapGet("/{id}/history", (HttpContext context, string id, HubService hub, CancellationToken ct) => HistoryAsync(context, hub, kind, id, ct))
                .WithName("Get" + title + "History").WithSummary("Every version as the caller may see it, with ledger indexes").Produces(200).ProducesProblem(404);
        }

        return api;
    }

    private static async Task<IResult> PutAsync(HttpContext context, HubService hub, SignatureReplayCache replays, ItemKind kind, string id, CancellationToken ct)
    {
        var (signature, badSignature) = JsonResults.ReadSignature(context.Request);
        if (badSignature is not null)
        {
            return badSignature;
        }

        var (doc, raw, problem) = await JsonResults.ReadBodyBytesAsync(context.Request, ct).ConfigureAwait(false);
        if (doc is null)
        {
            return problem!;
        }

        using (doc)
        {
            var bound = signature;
            if (!signature.IsDefaultOrEmpty)
            {
                var (parameters, refusal) = CheckFreshness(context, hub, replays, signature);
                if (refusal is not null)
                {
                    return refusal;
                }

                bound = [.. RequestSignature.Bind(signature.AsSpan(), parameters.Method, parameters.Path, parameters.Time)];
            }

            var result = await hub.PutItemAsync(context.Id(), kind, id, doc.RootElement, context.Request.Headers.IfMatch.ToString() is { Length: > 0 } m ? m : null, bound, raw).ConfigureAwait(false);
            if (!result.Success)
            {
                if (result.Error.Code == HubErrorCodes.InvalidSignature)
                {
                    replays.Forget(signature.AsSpan());
                }

                return ProblemResults.From(result.Error);
            }

            var outcome = result.Value!;
            context.Response.Headers.ETag = outcome.Item.ETag;
            var view = Domain.Release.ReleasePolicy.Project(outcome.Item.Item, context.Id(), hub.Snapshot.Agreements)!;
            var json = (Action<System.Text.Json.Utf8JsonWriter>)(w => ViewJson.Write(w, view));
            if (outcome.Created)
            {
                context.Response.Headers.Location = $"/api/v1/{WireNames.Of(kind)}s/{id}";
                return JsonResults.Json(json, StatusCodes.Status201Created);
            }

            return JsonResults.Json(json);
        }
    }

    // A signed request is fresh (its time within MaxClockSkew of the hub's clock) and new (not seen in that window).
    private static ((string Method, string Path, string Time) Parameters, IResult? Problem) CheckFreshness(HttpContext context, HubService hub, SignatureReplayCache replays, System.Collections.Immutable.ImmutableArray<byte> signature)
    {
        var text = context.Request.Headers[RequestSignature.TimeHeader].ToString().Trim();
        var parameters = (context.Request.Method.ToUpperInvariant(), (context.Request.PathBase + context.Request.Path).Value ?? "/", text);
        if (!RequestSignature.TryParseTime(text, out var signedAt))
        {
            return (parameters, ProblemResults.Create(400, RequestSignature.StaleCode, $"A signed request needs {RequestSignature.TimeHeader}: the signing time, yyyy-MM-ddTHH:mm:ssZ.", RequestSignature.TimeHeader));
        }

        var skew = (signedAt - hub.Time.GetUtcNow()).Duration();
        if (skew > RequestSignature.MaxClockSkew)
        {
            return (parameters, ProblemResults.Create(400, RequestSignature.StaleCode,
                $"The signing time is {Math.Round(skew.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s from the hub's clock (Tahaluf-Time); at most {RequestSignature.MaxClockSkew.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s is accepted. Sign again.", RequestSignature.TimeHeader));
        }

        return replays.TryRemember(signature.AsSpan())
            ? (parameters, null)
            : (parameters, ProblemResults.Create(409, RequestSignature.ReplayedCode, "This signed request was already received; sign each request anew (a new signing time).", RequestSignature.Header));
    }

    private static IResult Get(HttpContext context, HubService hub, ItemKind kind, string id)
    {
        var view = hub.GetItem(context.Id(), kind, id, out var stored);
        if (view is null)
        {
            return ProblemResults.From(HubError.NotFound($"{WireNames.Of(kind)} '{id}'"));
        }

        context.Response.Headers.ETag = stored!.ETag;
        return JsonResults.Json(ViewJson.ToJson(w => ViewJson.Write(w, view)));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, HubService hub, ItemKind kind, string id)
    {
        var result = await hub.WithdrawItemAsync(context.Id(), kind, id, context.Request.Headers.IfMatch.ToString() is { Length: > 0 } m ? m : null).ConfigureAwait(false);
        if (!result.Success)
        {
            return ProblemResults.From(result.Error);
        }

        context.Response.Headers.ETag = result.Value!.Item.ETag;
        var view = Domain.Release.ReleasePolicy.Project(result.Value.Item.Item, context.Id(), hub.Snapshot.Agreements)!;
        return JsonResults.Json(ViewJson.ToJson(w => ViewJson.Write(w, view)));
    }

    private static IResult List(HttpContext context, HubService hub, ItemKind kind, string? bbox, DateTimeOffset? from, DateTimeOffset? to, string? owner, string? state, string? cursor, int? limit)
    {
        (double, double, double, double)? box = null;
        if (bbox is not null)
        {
            var parts = bbox.Split(',');
            var values = new double[4];
            if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i])).All(ok => ok))
            {
                return ProblemResults.Create(400, HubErrorCodes.InvalidField, "bbox must be west,south,east,north in degrees.", "bbox");
            }

            box = (values[0], values[1], values[2], values[3]);
        }

        ItemState? wanted = null;
        if (state is not null)
        {
            if (!WireNames.TryParse<ItemState>(state, out var s))
            {
                return ProblemResults.Create(400, HubErrorCodes.InvalidField, "state must be planned, active, ended or cancelled.", "state");
            }

            wanted = s;
        }

        if (limit is < 1 or > 1000)
        {
            return ProblemResults.Create(400, HubErrorCodes.InvalidField, "limit must be between 1 and 1000.", "limit");
        }

        var (items, next) = hub.ListItems(context.Id(), kind, new ItemFilter(box, from, to, owner, wanted, cursor, limit ?? 100));
        return JsonResults.Json(ViewJson.ToJson(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("items");
            foreach (var view in items)
            {
                ViewJson.Write(w, view);
            }

            w.WriteEndArray();
            if (next is null)
            {
                w.WriteNull("next_cursor");
            }
            else
            {
                w.WriteString("next_cursor", next);
            }

            w.WriteEndObject();
        }));
    }

    private static async Task<IResult> HistoryAsync(HttpContext context, HubService hub, ItemKind kind, string id, CancellationToken ct)
    {
        var history = await hub.GetHistoryAsync(context.Id(), kind, id, ct).ConfigureAwait(false);
        if (history is null)
        {
            return ProblemResults.From(HubError.NotFound($"{WireNames.Of(kind)} '{id}'"));
        }

        return JsonResults.Json(ViewJson.ToJson(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("versions");
            foreach (var (view, ledgerIndex, at) in history)
            {
                w.WriteStartObject();
                w.WriteNumber("ledger_index", ledgerIndex);
                RecordJson.WriteTime(w, "accepted_at", at);
                w.WritePropertyName("item");
                ViewJson.Write(w, view);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }
}
