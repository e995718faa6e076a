using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Webhooks;

/// <summary>
/// <c>/api/v1/me/webhook</c>: the caller registers, replaces, reads and removes its own HTTPS callback, to
/// which the hub POSTs its notifications (see <see cref="WebhookDispatcher"/> for the wire format).
/// </summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/webhook").WithTags("Webhooks");
        group.MapPut("/", PutAsync)
            .WithName("PutWebhook").WithSummary("Register or replace the caller's notification callback (HTTPS)")
            .Produces(201).Produces(200).ProducesProblem(400);
        group.MapGet("/", async (HttpContext context, HubService hub, WebhookDispatcher webhooks) =>
            await webhooks.GetStatusAsync(context.Id(), context.RequestAborted).ConfigureAwait(false) is { } status
                ? JsonResults.Json(Json(hub, status))
                : ProblemResults.From(HubError.NotFound("webhook")))
            .WithName("GetWebhook").WithSummary("The caller's callback and its delivery status (cursor, pending, last error)")
            .Produces(200).ProducesProblem(404);
        group.MapDelete("/", async (HttpContext context, WebhookDispatcher webhooks) =>
            await webhooks.RemoveAsync(context.Id(), context.RequestAborted).ConfigureAwait(false)
                ? Results.NoContent()
                : ProblemResults.From(HubError.NotFound("webhook")))
            .WithName("DeleteWebhook").WithSummary("Remove the caller's callback; deliveries stop")
            .Produces(204).ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> PutAsync(HttpContext context, HubService hub, WebhookDispatcher webhooks)
    {
        var (doc, problem) = await JsonResults.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        string? url;
        using (doc)
        {
            var root = doc!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body must be a JSON object {\"url\": \"https://...\"}.");
            }

            if (!root.TryGetProperty(WebhookUrl.Field, out var value))
            {
                return ProblemResults.Create(400, HubErrorCodes.MissingField, "url is required.", WebhookUrl.Field);
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return ProblemResults.Create(400, WebhookErrorCodes.InvalidUrl, "url must be a string.", WebhookUrl.Field);
            }

            url = value.GetString();
        }

        var result = await webhooks.RegisterAsync(context.Id(), url, context.RequestAborted).ConfigureAwait(false);
        if (!result.Success)
        {
            return ProblemResults.From(result.Error!);
        }

        var (status, created) = result.Value;
        return JsonResults.Json(Json(hub, status), created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static string Json(HubService hub, WebhookStatus s) => ViewJson.ToJson(w =>
    {
        w.WriteStartObject();
        w.WriteString("partner", s.Partner);
        w.WriteString("url", s.Url);
        RecordJson.WriteTime(w, "created_at", s.CreatedAt);
        w.WriteNumber("cursor", s.Cursor);
        w.WriteNumber("pending", s.Pending);
        w.WriteBoolean("pending_exact", s.PendingExact);
        w.WriteNumber("delivered", s.Delivered);
        w.WriteNumber("consecutive_failures", s.ConsecutiveFailures);
        RecordJson.WriteTime(w, "last_attempt_at", s.LastAttemptAt);
        RecordJson.WriteTime(w, "last_success_at", s.LastSuccessAt);
        if (s.LastError is null)
        {
            w.WriteNull("last_error");
        }
        else
        {
            w.WriteString("last_error", s.LastError);
        }

        // What a receiver pins to verify the Tahaluf-Signature header (also at GET /api/v1/ledger/key).
        w.WriteString("verifier_key", hub.Ledger.VerifierKey);
        w.WriteEndObject();
    });
}
