using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Hub;

namespace Tahaluf.Server.Api.Health;

/// <summary><c>/healthz</c>: liveness, with the last event sequence and ledger size, the store's housekeeping and contested track ids.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (HubService hub) =>
        {
            var snapshot = hub.Snapshot;
            var maintenance = hub.StoreMaintenanceProblem;
            var contested = hub.ContestedTrackIds;
            return TypedResults.Ok(new HealthReport(maintenance is null && contested == 0 ? "ok" : "degraded", snapshot.LastSequence, snapshot.LedgerSize, hub.Feed.LastError?.Message, hub.IsLeader, maintenance, contested));
        }).WithName("Health").WithTags("Health").WithSummary("Liveness").AllowAnonymous();
        return app;
    }
}
