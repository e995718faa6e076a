using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Views;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub;
using Tahaluf.Hub.Serialization;
using Tahaluf.Server.Problems;

namespace Tahaluf.Server.Api.Civil;

/// <summary>
/// <c>/public/v1/civil-feed</c>: no sign-in. Zones whose label releases them to civil aviation, coarsened by
/// <see cref="ReleasePolicy.ProjectForCivil"/> to owner state, kind, outline, limits and validity — as
/// GeoJSON, or as NOTAM-style text (ICAO fields A–G) in Arabic, English, French or Russian.
/// </summary>
internal static class CivilFeedApi
{
    public static IEndpointRouteBuilder MapCivilFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/public/v1/civil-feed", (HubService hub, string? format, string? lang) =>
        {
            var hazards = Hazards(hub);
            if (format is null or "geojson")
            {
                return Results.Content(GeoJson(hazards), "application/geo+json", Encoding.UTF8);
            }

            if (format != "notam")
            {
                return ProblemResults.Create(400, "request.invalid_field", "format must be geojson or notam.", "format");
            }

            var language = lang ?? "en";
            if (!CivilText.Languages.Contains(language))
            {
                return ProblemResults.Create(400, "request.invalid_field", "lang must be ar, en, fr or ru.", "lang");
            }

            return Results.Text(Notams(hazards, language), "text/plain; charset=utf-8");
        }).WithName("CivilFeed").WithTags("Civil").WithSummary("Hazards released to civil aviation (GeoJSON, or ?format=notam&lang=ar|en|fr|ru)").AllowAnonymous();
        return app;
    }

    private static List<(string Id, CivilHazard Hazard)> Hazards(HubService hub) =>
        [.. hub.Snapshot.Items.Values
            .Select(s => s.Item)
            .OfType<Zone>()
            .Select(z => (Id: OpaqueId(z), Hazard: ReleasePolicy.ProjectForCivil(z)))
            .Where(p => p.Hazard is not null)
            .Select(p => (p.Id, p.Hazard!))
            .OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>A stable id that does not reveal the zone's own id.</summary>
    private static string OpaqueId(Zone zone) =>
        "hz-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("civil:" + zone.Owner + "/" + zone.Id)).AsSpan(0, 8));

    private static string GeoJson(List<(string Id, CivilHazard Hazard)> hazards) => ViewJson.ToJson(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        foreach (var (id, hazard) in hazards)
        {
            for (var i = 0; i < hazard.Volumes.Length; i++)
            {
                var v = hazard.Volumes[i];
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", hazard.Volumes.Length == 1 ? id : id + "-" + i.ToString(CultureInfo.InvariantCulture));
                w.WriteStartObject("geometry");
                w.WriteString("type", "Polygon");
                w.WriteStartArray("coordinates");
                w.WriteStartArray();
                var ring = Outline(v.Footprint);
                foreach (var p in ring.Append(ring[0]))
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(Math.Round(p.Lng, 5));
                    w.WriteNumberValue(Math.Round(p.Lat, 5));
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("state", hazard.Owner);
                w.WriteString("hazard", Tahaluf.Domain.WireNames.Of(hazard.ZoneKind));
                w.WriteNumber("lower_m", Math.Round(v.AltitudeLowerM));
                w.WriteNumber("upper_m", Math.Round(v.AltitudeUpperM));
                w.WriteNumber("lower_ft", Math.Round(v.AltitudeLowerM / 0.3048));
                w.WriteNumber("upper_ft", Math.Round(v.AltitudeUpperM / 0.3048));
                w.WriteString("altitude_reference", "W84");
                RecordJson.WriteTime(w, "valid_from", v.TimeStart);
                RecordJson.WriteTime(w, "valid_to", v.TimeEnd);
                if (v.Footprint is CircleFootprint c)
                {
                    w.WriteNumber("radius_m", Math.Round(c.RadiusM));
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Notams(List<(string Id, CivilHazard Hazard)> hazards, string lang)
    {
        var text = new StringBuilder();
        var n = 1;
        foreach (var (_, hazard) in hazards)
        {
            foreach (var v in hazard.Volumes)
            {
                text.Append(CultureInfo.InvariantCulture, $"TAHALUF {n:D4}/{v.TimeStart:yy} NOTAMN\n");
                text.Append("A) ZZZZ\n");
                text.Append(CultureInfo.InvariantCulture, $"B) {v.TimeStart.UtcDateTime:yyMMddHHmm}\n");
                text.Append("C) ").Append(v.TimeEnd is { } end ? end.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture) : "PERM").Append('\n');
                text.Append("E) ").Append(CivilText.Describe(lang, hazard.Owner, hazard.ZoneKind, v.Footprint)).Append('\n');
                text.Append("F) ").Append(CivilText.Limit(v.AltitudeLowerM)).Append('\n');
                text.Append("G) ").Append(CivilText.Limit(v.AltitudeUpperM)).Append("\n\n");
                n++;
            }
        }

        if (n == 1)
        {
            text.Append(CivilText.Nil(lang)).Append('\n');
        }

        return text.ToString();
    }

    private static IReadOnlyList<LatLng> Outline(Footprint footprint)
    {
        switch (footprint)
        {
            case PolygonFootprint p:
                return p.Vertices;
            case CircleFootprint c:
                // A 64-gon on the sphere around the centre, for display only (the engine uses the exact circle).
                var points = new List<LatLng>(64);
                var lat1 = c.Center.Lat * Math.PI / 180;
                var lng1 = c.Center.Lng * Math.PI / 180;
                var d = c.RadiusM / 6_371_008.8;
                for (var i = 0; i < 64; i++)
                {
                    var bearing = 2 * Math.PI * i / 64;
                    var lat2 = Math.Asin(Math.Sin(lat1) * Math.Cos(d) + Math.Cos(lat1) * Math.Sin(d) * Math.Cos(bearing));
                    var lng2 = lng1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - Math.Sin(lat1) * Math.Sin(lat2));
                    points.Add(new LatLng(lat2 * 180 / Math.PI, ((lng2 * 180 / Math.PI) + 540) % 360 - 180));
                }

                return points;
            default:
                return [];
        }
    }
}
