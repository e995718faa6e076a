using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Conflicts;

/// <summary><c>/api/v1/conflicts</c>: open and past conflicts that involve the caller.</summary>
internal static class ConflictsApi
{
    public static RouteGroupBuilder MapConflictsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conflicts").WithTags("Conflicts");
        group.MapGet("/", (HttpContext context, HubService hub, bool? open) =>
        {
            var notices = hub.ListConflicts(context.Id(), open ?? false);
            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("conflicts");
                foreach (var n in notices)
                {
                    ViewJson.Write(w, n);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }).WithName("ListConflicts").WithSummary("Conflicts involving the caller, newest first (open=true for open ones)").Produces(200);
        group.MapGet("/{id}", (HttpContext context, HubService hub, string id) =>
            hub.GetConflict(context.Id(), id) is { } notice
                ? JsonResults.Json(ViewJson.ToJson(w => ViewJson.Write(w, notice)))
                : ProblemResults.From(HubError.NotFound($"conflict '{id}'")))
            .WithName("GetConflict").WithSummary("One conflict involving the caller").Produces(200).ProducesProblem(404);
        return api;
    }
}
