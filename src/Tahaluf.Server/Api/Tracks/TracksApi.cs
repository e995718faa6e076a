using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Hub;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.Tracks;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Tracks;

/// <summary><c>/api/v1/tracks</c>: batches of position reports in, current tracks the caller may see out.</summary>
internal static class TracksApi
{
    /// <summary>Most reports accepted in one batch.</summary>
    public const int MaxBatch = 10_000;

    public static RouteGroupBuilder MapTracksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tracks").WithTags("Tracks");
        group.MapPost("/", PostAsync).WithName("PostTracks")
            .WithSummary("A batch of position reports {reports: [{id, time, lat, lon, altitude_m, course_deg, speed_mps, vertical_rate_mps, callsign, platform_kind}]}")
            .Produces(200).ProducesProblem(400).ProducesProblem(403);
        group.MapGet("/", (HttpContext context, HubService hub) => JsonResults.Json(ViewJson.ToJson(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("tracks");
            foreach (var t in hub.ListTracks(context.Id()))
            {
                ViewJson.Write(w, t);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }))).WithName("ListTracks").WithSummary("Current tracks visible to the caller").Produces(200);
        group.MapGet("/{id}/history", async (HttpContext context, HubService hub, string id, int? limit) =>
        {
            var track = hub.Tracks.Get(id);
            if (track is null || ReleasePolicy.Project(track, context.Id(), hub.Snapshot.Agreements) is null)
            {
                return ProblemResults.From(HubError.NotFound($"track '{id}'"));
            }

            var points = await hub.TrackHistoryAsync(track, Math.Clamp(limit ?? 300, 1, 10_000), context.RequestAborted).ConfigureAwait(false);
            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteStartArray("points");
                foreach (var p in points)
                {
                    w.WriteStartObject();
                    RecordJson.WriteTime(w, "time", p.Time);
                    w.WriteNumber("lat", p.Lat);
                    w.WriteNumber("lng", p.Lng);
                    w.WriteNumber("altitude_m", p.AltitudeM);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }).WithName("GetTrackHistory").WithSummary("A visible track's recent positions (trail)").Produces(200).ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> PostAsync(HttpContext context, HubService hub)
    {
        var (doc, problem) = await JsonResults.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (doc is null)
        {
            return problem!;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("reports", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return ProblemResults.Create(400, HubErrorCodes.MalformedBody, "The body must be {\"reports\": [...]}.", "reports");
            }

            if (list.GetArrayLength() > MaxBatch)
            {
                return ProblemResults.Create(400, HubErrorCodes.InvalidField, $"At most {MaxBatch} reports per batch.", "reports");
            }

            var reports = new List<TrackReport>();
            var i = 0;
            foreach (var r in list.EnumerateArray())
            {
                var (report, error) = Read(r, i);
                if (error is not null)
                {
                    return ProblemResults.Create(400, error.Value.Code, error.Value.Message, error.Value.Field);
                }

                reports.Add(report!);
                i++;
            }

            var result = hub.ReportTracks(context.Id(), reports);
            if (!result.Success)
            {
                return ProblemResults.From(result.Error);
            }

            var v = result.Value!;
            return JsonResults.Json(ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("accepted", v.Accepted);
                w.WriteNumber("skipped_no_position", v.SkippedNoPosition);
                w.WriteNumber("duplicates", v.Duplicates);
                w.WriteNumber("out_of_order", v.OutOfOrder);
                w.WriteStartArray("rejected");
                foreach (var (index, e) in v.Rejected)
                {
                    w.WriteStartObject();
                    w.WriteNumber("index", index);
                    w.WriteString("code", e.Code);
                    w.WriteString("field", e.Field);
                    w.WriteString("detail", e.Message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }
    }

    private static (TrackReport? Report, (string Code, string Message, string Field)? Error) Read(JsonElement r, int i)
    {
        var at = $"reports[{i}]";
        if (r.ValueKind != JsonValueKind.Object)
        {
            return (null, (HubErrorCodes.MalformedBody, "Each report must be an object.", at));
        }

        if (!r.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return (null, (HubErrorCodes.MissingField, "id is required.", at + ".id"));
        }

        if (!r.TryGetProperty("time", out var time) || time.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return (null, (HubErrorCodes.MissingField, "time is required, RFC 3339 UTC.", at + ".time"));
        }

        double? Number(string name, out (string, string, string)? error)
        {
            error = null;
            if (!r.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                error = (HubErrorCodes.MalformedBody, name + " must be a finite number or null.", at + "." + name);
                return null;
            }

            return d;
        }

        var lat = Number("lat", out var e1);
        var lon = Number("lon", out var e2) ?? Number("lng", out e2);
        var alt = Number("altitude_m", out var e3);
        var course = Number("course_deg", out var e4);
        var speed = Number("speed_mps", out var e5);
        var vr = Number("vertical_rate_mps", out var e6);
        if ((e1 ?? e2 ?? e3 ?? e4 ?? e5 ?? e6) is { } numberError)
        {
            return (null, numberError);
        }

        var kind = PlatformKind.Unknown;
        if (r.TryGetProperty("platform_kind", out var k) && k.ValueKind == JsonValueKind.String && !WireNames.TryParse(k.GetString(), out kind))
        {
            return (null, (HubErrorCodes.InvalidField, "platform_kind must be unknown, fixed_wing, rotary_wing, unmanned, ship or ground.", at + ".platform_kind"));
        }

        var callsign = r.TryGetProperty("callsign", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return (new TrackReport(id.GetString()!, t, lat, lon, alt, course, speed, vr, callsign, kind, null), null);
    }
}
