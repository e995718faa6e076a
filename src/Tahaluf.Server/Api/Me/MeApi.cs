using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Domain;
using Tahaluf.Domain.Agreements;
using Tahaluf.Hub;
using Tahaluf.Hub.Serialization;
using Tahaluf.Server.Auth;

namespace Tahaluf.Server.Api.Me;

/// <summary><c>/api/v1/me</c>: the caller's partner record and the agreements it gives and receives.</summary>
internal static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (HttpContext context, HubService hub) =>
        {
            var snapshot = hub.Snapshot;
            var id = context.Id();
            var partner = snapshot.Partners[id];
            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", partner.Id);
                w.WriteString("role", WireNames.Of(partner.Role));
                w.WriteStartObject("names");
                foreach (var (language, name) in partner.Names.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteString(language, name);
                }

                w.WriteEndObject();
                WriteAgreements(w, "agreements_out", snapshot.Agreements.From(id));
                WriteAgreements(w, "agreements_in", snapshot.Agreements.To(id));
                w.WriteEndObject();
            }));
        }).WithName("GetMe").WithSummary("The caller's partner and its agreements in and out").WithTags("Me").Produces(200);
        return api;
    }

    /// <summary>Writes an array of agreements.</summary>
    public static void WriteAgreements(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<Agreement> agreements)
    {
        w.WriteStartArray(name);
        foreach (var a in agreements)
        {
            w.WriteStartObject();
            w.WriteString("owner", a.Owner);
            w.WriteString("recipient", a.Recipient);
            w.WriteString("kind", WireNames.Of(a.Kind));
            w.WriteString("level", WireNames.Of(a.Level));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
