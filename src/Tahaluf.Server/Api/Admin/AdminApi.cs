using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Cot.Gateway;
using Tahaluf.Domain;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;
using Tahaluf.Hub;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Server.Api.Me;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Cot;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Admin;

/// <summary><c>/api/v1/admin</c>: partners, agreements and the CoT gateway's counters (admin credential only).</summary>
internal static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPut("/partners/{id}", PutPartnerAsync)
            .WithName("PutPartner").WithSummary("Register a partner; the response carries its bearer token, shown once").Produces(201).ProducesProblem(400).ProducesProblem(409);
        group.MapGet("/partners", (HubService hub) => JsonResults.Json(ViewJson.ToJson(w =>
        {
            w.WriteStartArray();
            foreach (var p in hub.Snapshot.Partners.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                WritePartner(w, p);
            }

            w.WriteEndArray();
        }))).WithName("ListPartners").WithSummary("All partners").Produces(200);
        group.MapGet("/partners/{id}", (HubService hub, string id) =>
            hub.Snapshot.Partners.TryGetValue(id, out var p)
                ? JsonResults.Json(ViewJson.ToJson(w => WritePartner(w, p)))
                : ProblemResults.From(HubError.NotFound($"partner '{id}'")))
            .WithName("GetPartner").WithSummary("One partner").Produces(200).ProducesProblem(404);
        group.MapPut("/agreements/{owner}/{recipient}", PutAgreementAsync)
            .WithName("PutAgreement").WithSummary("Set release levels owner → recipient: {\"operation\": \"envelope\", ...}").Produces(200).ProducesProblem(400);
        group.MapGet("/agreements/{owner}/{recipient}", (HubService hub, string owner, string recipient) =>
            JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                MeApi.WriteAgreements(w, "agreements", hub.Snapshot.Agreements.From(owner).Where(a => a.Recipient == recipient));
                w.WriteEndObject();
            })))
            .WithName("GetAgreements").WithSummary("Release levels owner → recipient").Produces(200);
        group.MapGet("/cot", (CotStatus cot) => JsonResults.Json(ViewJson.ToJson(w => WriteCot(w, cot.Bridge?.Gateway))))
            .WithName("GetCotGateway").WithSummary("The Cursor-on-Target gateway: its endpoints and counters since start").Produces(200);
        return api;
    }

    // The gateway's counters since it started: what was accepted and refused, and what its limits turned away.
    private static void WriteCot(Utf8JsonWriter w, CotGateway? gateway)
    {
        w.WriteStartObject();
        w.WriteBoolean("enabled", gateway is not null);
        if (gateway is not null)
        {
            WritePort(w, "plain_port", gateway.PlainEndpoint);
            WritePort(w, "tls_port", gateway.TlsEndpoint);
            var s = gateway.Statistics;
            w.WriteNumber("open_connections", s.OpenConnections);
            w.WriteNumber("accepted", s.Accepted);
            w.WriteNumber("rejected", s.Rejected);
            w.WriteNumber("uid_conflicts", s.UidConflicts);
            w.WriteNumber("outbound_dropped", s.OutboundDropped);
            w.WriteNumber("connections_refused", s.ConnectionsRefused);
            w.WriteNumber("connections_over_limit", s.ConnectionsOverLimit);
            w.WriteNumber("rate_limited", s.RateLimited);
            w.WriteNumber("pings", s.Pings);
        }

        w.WriteEndObject();
    }

    private static void WritePort(Utf8JsonWriter w, string name, System.Net.IPEndPoint? endpoint)
    {
        if (endpoint is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, endpoint.Port);
        }
    }

    private static async Task<IResult> PutPartnerAsync(HttpContext context, HubService hub, string id, CancellationToken ct)
    {
        var (doc, problem) = await JsonResults.ReadBodyAsync(context.Request, ct).ConfigureAwait(false);
        if (doc is null)
        {
            return problem!;
        }

        using (doc)
        {
            var body = doc.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body must be a JSON object {names, role, public_key}.");
            }

            var names = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (body.TryGetProperty("names", out var n) && n.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in n.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String)
                    {
                        return ProblemResults.Create(400, HubErrorCodes.MalformedBody, "names must map language tags to strings.", "names." + p.Name);
                    }

                    names[p.Name] = p.Value.GetString()!;
                }
            }

            var role = PartnerRole.Member;
            if (body.TryGetProperty("role", out var r) && (r.ValueKind != JsonValueKind.String || !WireNames.TryParse(r.GetString(), out role)))
            {
                return ProblemResults.Create(400, HubErrorCodes.InvalidField, "role must be member or observer.", "role");
            }

            var key = ImmutableArray<byte>.Empty;
            if (body.TryGetProperty("public_key", out var k) && k.ValueKind != JsonValueKind.Null)
            {
                if (k.ValueKind != JsonValueKind.String || !k.TryGetBytesFromBase64(out var bytes) || bytes.Length != 32)
                {
                    return ProblemResults.Create(400, HubErrorCodes.InvalidField, "public_key must be a base64 Ed25519 public key (32 bytes).", "public_key");
                }

                key = [.. bytes];
            }

            var token = PartnerToken.Create();
            var result = await hub.AddPartnerAsync(new Partner(id, names.ToImmutable(), role, key), token).ConfigureAwait(false);
            if (!result.Success)
            {
                return ProblemResults.From(result.Error);
            }

            return JsonResults.Json(
                ViewJson.ToJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("id", id);
                    w.WriteString("role", WireNames.Of(role));
                    w.WriteString("token", token);
                    w.WriteEndObject();
                }),
                StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> PutAgreementAsync(HttpContext context, HubService hub, string owner, string recipient, CancellationToken ct)
    {
        var (doc, problem) = await JsonResults.ReadBodyAsync(context.Request, ct).ConfigureAwait(false);
        if (doc is null)
        {
            return problem!;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body must map item kinds to levels, e.g. {\"operation\": \"envelope\"}.");
            }

            var agreements = new List<Agreement>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!WireNames.TryParse<ItemKind>(p.Name, out var kind))
                {
                    return ProblemResults.Create(400, HubErrorCodes.InvalidField, "Item kinds are operation, zone, track and report.", p.Name);
                }

                if (p.Value.ValueKind != JsonValueKind.String || !WireNames.TryParse<ReleaseLevel>(p.Value.GetString(), out var level))
                {
                    return ProblemResults.Create(400, HubErrorCodes.InvalidField, "Levels are none, safety, envelope and full.", p.Name);
                }

                agreements.Add(new Agreement(owner, recipient, kind, level));
            }

            foreach (var a in agreements)
            {
                var result = await hub.SetAgreementAsync(a).ConfigureAwait(false);
                if (!result.Success)
                {
                    return ProblemResults.From(result.Error);
                }
            }

            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                MeApi.WriteAgreements(w, "agreements", hub.Snapshot.Agreements.From(owner).Where(a => a.Recipient == recipient));
                w.WriteEndObject();
            }));
        }
    }

    private static void WritePartner(Utf8JsonWriter w, Partner p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("role", WireNames.Of(p.Role));
        w.WriteStartObject("names");
        foreach (var (language, name) in p.Names.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            w.WriteString(language, name);
        }

        w.WriteEndObject();
        if (p.HasSigningKey)
        {
            w.WriteBase64String("public_key", p.SigningPublicKey.AsSpan());
        }

        w.WriteEndObject();
    }
}
