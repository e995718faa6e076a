using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Notifications;

/// <summary><c>/api/v1/notifications</c>: the caller's notifications and their acknowledgement.</summary>
internal static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", (HttpContext context, HubService hub, string? after, int? limit) =>
        {
            if (limit is < 1 or > 1000)
            {
                return ProblemResults.Create(400, HubErrorCodes.InvalidField, "limit must be between 1 and 1000.", "limit");
            }

            var page = hub.ListNotifications(context.Id(), after, limit ?? 100);
            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("notifications");
                foreach (var d in page)
                {
                    HubJson.Write(w, d);
                }

                w.WriteEndArray();
                if (page.Count > 0)
                {
                    w.WriteString("next_cursor", page[^1].Notification.Id);
                }
                else
                {
                    w.WriteNull("next_cursor");
                }

                w.WriteEndObject();
            }));
        }).WithName("ListNotifications").WithSummary("The caller's notifications, oldest first, after a cursor").Produces(200);
        group.MapGet("/{id}", (HttpContext context, HubService hub, string id) =>
            hub.GetNotification(context.Id(), id) is { } d
                ? JsonResults.Json(ViewJson.ToJson(w => HubJson.Write(w, d)))
                : ProblemResults.From(HubError.NotFound($"notification '{id}'")))
            .WithName("GetNotification").WithSummary("One of the caller's notifications").Produces(200).ProducesProblem(404);
        group.MapPost("/{id}/ack", async (HttpContext context, HubService hub, string id) =>
        {
            var (signature, badSignature) = JsonResults.ReadSignature(context.Request);
            if (badSignature is not null)
            {
                return badSignature;
            }

            var result = await hub.AcknowledgeAsync(context.Id(), id, signature).ConfigureAwait(false);
            if (!result.Success)
            {
                return ProblemResults.From(result.Error);
            }

            var delivery = hub.GetNotification(context.Id(), id)!;
            var index = result.Value.LedgerIndex;
            var receipt = index >= 0 ? await hub.ReceiptForAsync(index, context.RequestAborted).ConfigureAwait(false) : null;
            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                if (index >= 0)
                {
                    w.WriteNumber("ledger_index", index);
                }
                else
                {
                    w.WriteNull("ledger_index");
                }

                if (receipt is not null)
                {
                    w.WriteString("receipt", receipt);
                }

                w.WritePropertyName("notification");
                HubJson.Write(w, delivery);
                w.WriteEndObject();
            }));
        }).WithName("AcknowledgeNotification").WithSummary("Acknowledge a notification addressed to the caller (idempotent)").Produces(200).ProducesProblem(404);
        return api;
    }
}
