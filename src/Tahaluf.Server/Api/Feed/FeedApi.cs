using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;
using Tahaluf.Server.Auth;

namespace Tahaluf.Server.Api.Feed;

/// <summary>
/// <c>/api/v1/feed</c>: server-sent events (item, conflict, notification, ack, escalated, agreement),
/// each projected for the caller; resumable with <c>Last-Event-ID</c> (or <c>?after=</c>).
/// </summary>
internal static class FeedApi
{
    public static RouteGroupBuilder MapFeedApi(this RouteGroupBuilder api)
    {
        api.MapGet("/feed", (HttpContext context, HubService hub, long? after, CancellationToken ct) =>
        {
            var start = after ?? 0;
            if (long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                start = last;
            }
            else if (after is null)
            {
                // A new subscriber without a position starts from now, not from the beginning of history.
                start = hub.Feed.LastSequence;
            }

            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.ServerSentEvents(StreamAsync(hub, context.Id(), start, ct));
        }).WithName("Feed").WithTags("Feed").WithSummary("Live events for the caller (server-sent events), resumable with Last-Event-ID");
        return api;
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(HubService hub, string caller, long after, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return new SseItem<string>("{}", "ready") { EventId = after.ToString(CultureInfo.InvariantCulture) };
        await foreach (var e in hub.Feed.ReadAsync(after, ct).ConfigureAwait(false))
        {
            var json = hub.ProjectEvent(caller, e);
            if (json is not null)
            {
                yield return new SseItem<string>(json, e.Type) { EventId = e.Sequence.ToString(CultureInfo.InvariantCulture) };
            }
        }
    }
}
