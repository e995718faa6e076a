using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;

namespace Tahaluf.Server.Api.Health;

/// <summary><c>/healthz</c>: liveness, with the last event sequence and ledger size, and the store's housekeeping.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (HubService hub) =>
        {
            var snapshot = hub.Snapshot;
            var maintenance = hub.StoreMaintenanceProblem;
            return TypedResults.Ok(new HealthReport(maintenance is null ? "ok" : "degraded", snapshot.LastSequence, snapshot.LedgerSize, hub.Feed.LastError?.Message, hub.IsLeader, maintenance));
        }).WithName("Health").WithTags("Health").WithSummary("Liveness").AllowAnonymous();
        return app;
    }
}
