using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;

namespace Tahaluf.Server.Api.Health;

/// <summary><c>/healthz</c>: liveness, with the last event sequence and ledger size.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (HubService hub) =>
        {
            var snapshot = hub.Snapshot;
            return TypedResults.Ok(new HealthReport("ok", snapshot.LastSequence, snapshot.LedgerSize, hub.Feed.LastError?.Message, hub.IsLeader));
        }).WithName("Health").WithTags("Health").WithSummary("Liveness").AllowAnonymous();
        return app;
    }
}
