using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Tahaluf.Testing;
using static Tahaluf.Server.Tests.TestHub;

namespace Tahaluf.Server.Tests;

/// <summary>Live tracks: ingestion rules, visibility, predicted conflicts, anchored zones, real ADS-B replay.</summary>
public sealed class TrackTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await StartAsync();
        await _hub.AddPartnersAsync(["RU", "TR", "US"], "CIV");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static string Report(string id, DateTimeOffset time, double? lat, double? lon, double alt = 6000, double course = 180, double speed = 220, string kind = "fixed_wing") =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","time":"{{time:yyyy-MM-ddTHH:mm:ss.fffZ}}","lat":{{(lat is null ? "null" : lat.Value.ToString(CultureInfo.InvariantCulture))}},"lon":{{(lon is null ? "null" : lon.Value.ToString(CultureInfo.InvariantCulture))}},"altitude_m":{{alt}},"course_deg":{{course}},"speed_mps":{{speed}},"platform_kind":"{{kind}}","callsign":"{{id.ToUpperInvariant()}}"}""");

    private async Task<JsonDocument> PostAsync(string partner, params string[] reports)
    {
        var response = await _hub.Partner(partner).PostAsync("/api/v1/tracks", Json("{\"reports\":[" + string.Join(",", reports) + "]}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private async Task<string[]> ConflictSourcesAsync(string partner, bool open = true)
    {
        using var doc = await ReadJsonAsync(await _hub.Partner(partner).GetAsync("/api/v1/conflicts" + (open ? "?open=true" : "")));
        return [.. doc.RootElement.GetProperty("conflicts").EnumerateArray().Select(c => c.GetProperty("source").GetString()!)];
    }

    [Fact]
    public async Task Post_NullsDuplicatesOutOfOrder_AreCountedNotCrashed()
    {
        var t = Start;
        using var result = await PostAsync("RU",
            Report("su24-1", t.AddSeconds(10), 35.9, 36.0),
            Report("su24-1", t.AddSeconds(10), 35.9, 36.0),
            Report("su24-1", t.AddSeconds(5), 35.95, 36.0),
            Report("su24-1", t.AddSeconds(11), null, null),
            Report("su24-2", t, 35.5, 35.5));
        var r = result.RootElement;
        Assert.Equal((2, 1, 1, 1), (r.GetProperty("accepted").GetInt32(), r.GetProperty("duplicates").GetInt32(), r.GetProperty("out_of_order").GetInt32(), r.GetProperty("skipped_no_position").GetInt32()));

        using var tracks = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/tracks"));
        var su = tracks.RootElement.GetProperty("tracks").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "su24-1");
        Assert.Equal(35.9, su.GetProperty("lat").GetDouble());
        Assert.Equal("SU24-1", su.GetProperty("callsign").GetString());
    }

    [Fact]
    public async Task Post_BadReports_AreRefusedWithCodes()
    {
        var bad = await _hub.Partner("RU").PostAsync("/api/v1/tracks", Json("""{"reports":[{"id":"x","time":"not a time","lat":1,"lon":2}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var result = await PostAsync("RU", Report("x", Start, 95, 36));
        Assert.Equal("domain.value_out_of_range", result.RootElement.GetProperty("rejected")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _hub.Partner("CIV").PostAsync("/api/v1/tracks", Json("{\"reports\":[]}"))).StatusCode);
    }

    [Fact]
    public async Task Post_AnotherPartnersTrackId_IsRefusedAndNotOverwritten()
    {
        await PostAsync("RU", Report("shared-uid", Start, 35.9, 36.0));
        using var result = await PostAsync("TR", Report("shared-uid", Start.AddSeconds(1), 10, 10));
        Assert.Equal("track.foreign_id", result.RootElement.GetProperty("rejected")[0].GetProperty("code").GetString());
        Assert.Equal(35.9, _hub.Server.Hub.Tracks.Get("shared-uid")!.Position.Lat);
    }

    [Fact]
    public async Task History_OfAnIdAnotherPartnerReportedBeforeARestart_HoldsOnlyTheNewOwnersPoints()
    {
        // RU reports "uid-7" and releases its tracks to no one; after a restart the id is free and US reports under it,
        // releasing its tracks to TR. TR may read US's trail, never RU's positions stored under the same id.
        await _hub.AgreeAsync("US", "TR", "track", "full");
        await PostAsync("RU", Report("uid-7", Start, 35.9, 36.0), Report("uid-7", Start.AddSeconds(1), 35.91, 36.0), Report("uid-7", Start.AddSeconds(2), 35.92, 36.0));
        using (var ru = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/tracks/uid-7/history")))
        {
            Assert.Equal(3, ru.RootElement.GetProperty("points").GetArrayLength());
        }

        var tokens = new[] { "US", "TR" }.ToDictionary(p => p, p => _hub.Partner(p).DefaultRequestHeaders.Authorization!.Parameter!);
        await _hub.Server.DisposeAsync();
        var server = await Tahaluf.Server.HubServer.StartAsync(new ServerSettings { Urls = "http://127.0.0.1:0", DataDir = _hub.DataDir, AdminToken = "x", Time = _hub.Clock, PostgresConnection = await PostgresForAsync(_hub.DataDir) }, CancellationToken.None);
        await using (server)
        {
            HttpClient ClientFor(string partner) => new() { BaseAddress = new Uri(server.Urls[0]), DefaultRequestHeaders = { Authorization = new("Bearer", tokens[partner]) } };
            using var us = ClientFor("US");
            using var tr = ClientFor("TR");
            var post = await us.PostAsync("/api/v1/tracks", Json("{\"reports\":[" + Report("uid-7", Start.AddSeconds(10), 37.1, 38.0) + "]}"));
            using (var accepted = await ReadJsonAsync(post))
            {
                Assert.Equal(1, accepted.RootElement.GetProperty("accepted").GetInt32());
            }

            foreach (var viewer in new[] { us, tr })
            {
                using var history = await ReadJsonAsync(await viewer.GetAsync("/api/v1/tracks/uid-7/history"));
                var point = Assert.Single(history.RootElement.GetProperty("points").EnumerateArray());
                Assert.Equal((37.1, 38.0), (point.GetProperty("lat").GetDouble(), point.GetProperty("lng").GetDouble()));
            }
        }

        var stopped = _hub;
        _hub = await StartAsync();
        await stopped.DisposeAsync();
    }

    [Fact]
    public async Task Get_Tracks_FollowTheReleasePolicy()
    {
        await _hub.AgreeAsync("RU", "US", "track", "envelope");
        await PostAsync("RU", Report("su24-1", Start, 35.9, 36.0));

        using var us = await ReadJsonAsync(await _hub.Partner("US").GetAsync("/api/v1/tracks"));
        var track = Assert.Single(us.RootElement.GetProperty("tracks").EnumerateArray());
        Assert.Equal("envelope", track.GetProperty("level").GetString());
        Assert.False(track.TryGetProperty("callsign", out _));
        using var tr = await ReadJsonAsync(await _hub.Partner("TR").GetAsync("/api/v1/tracks"));
        Assert.Empty(tr.RootElement.GetProperty("tracks").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("TR").GetAsync("/api/v1/tracks/su24-1/history")).StatusCode);
    }

    [Fact]
    public async Task Predict_HeadOnTracks_OneConflictPerEncounterClosedWhenApart()
    {
        // 20 km apart head-on at 220 m/s each: closest approach in about 45 s, inside the 120 s look-ahead.
        await PostAsync("RU", Report("ru-jet", Start, 36.0, 36.0, course: 90));
        await PostAsync("TR", Report("tr-jet", Start, 36.0, 36.0 + 20 / 90.0, course: 270));
        await _hub.Server.Hub.PredictNowAsync();
        await _hub.Server.Hub.PredictNowAsync();

        Assert.Equal(["predicted"], await ConflictSourcesAsync("RU"));
        Assert.Equal(["predicted"], await ConflictSourcesAsync("TR"));
        Assert.Empty(await ConflictSourcesAsync("US"));

        // They turn away from each other: the encounter closes, nothing new opens.
        await PostAsync("RU", Report("ru-jet", Start.AddSeconds(1), 36.0, 36.0, course: 270));
        await PostAsync("TR", Report("tr-jet", Start.AddSeconds(1), 36.0, 36.0 + 20 / 90.0, course: 90));
        await _hub.Server.Hub.PredictNowAsync();
        Assert.Empty(await ConflictSourcesAsync("RU"));
        Assert.Single(await ConflictSourcesAsync("RU", open: false));
    }

    [Fact]
    public async Task Predict_TrackHeadingIntoAnotherOwnersZone_AlertsBothBeforeEntry()
    {
        // TR's zone spans 35.90–36.10 N; the Su-24 is 5.5 km south of it, flying north at 220 m/s: entry in about 25 s.
        await _hub.Partner("TR").PutAsync("/api/v1/zones/tr-border", Json(Zone(Square(36.0, 36.1, sideKm: 22, lowerM: 0, upperM: 15000, startMin: 0, endMin: 600))));
        await PostAsync("RU", Report("su24", Start.AddSeconds(0), 35.85, 36.1, course: 0));
        await _hub.Server.Hub.PredictNowAsync();

        foreach (var partner in new[] { "RU", "TR" })
        {
            using var notes = await ReadJsonAsync(await _hub.Partner(partner).GetAsync("/api/v1/notifications"));
            var conflict = Assert.Single(notes.RootElement.GetProperty("notifications").EnumerateArray()).GetProperty("conflict");
            Assert.Equal("predicted", conflict.GetProperty("source").GetString());
            var entry = DateTimeOffset.Parse(conflict.GetProperty("encounter").GetProperty("time_start").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            Assert.True(entry > Start && entry < Start.AddSeconds(60), $"entry at {entry:O}");
        }
    }

    [Fact]
    public async Task AnchoredZone_MovesWithItsTrack()
    {
        var ring = """{"state":"active","zone_kind":"air_defence_engagement_zone","name":"Fort","anchor_track_id":"moskva","volumes":[{"volume":{"outline_circle":{"center":{"lat":35.55,"lng":35.55},"radius":{"value":75000,"units":"M"}},"altitude_lower":{"value":0,"reference":"W84","units":"M"},"altitude_upper":{"value":27000,"reference":"W84","units":"M"}},"time_start":{"value":"2015-11-25T00:00:00Z","format":"RFC3339"}}]}""";
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("RU").PutAsync("/api/v1/zones/fort", Json(ring))).StatusCode);
        await PostAsync("RU", Report("moskva", Start, 35.60, 35.50, alt: 0, course: 0, speed: 8, kind: "ship"));

        async Task<double> CentreLat()
        {
            using var zone = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/zones/fort"));
            return zone.RootElement.GetProperty("volumes")[0].GetProperty("volume").GetProperty("outline_circle").GetProperty("center").GetProperty("lat").GetDouble();
        }

        Assert.Equal(35.60, await CentreLat());
        await PostAsync("RU", Report("moskva", Start.AddMinutes(10), 35.65, 35.50, alt: 0, course: 0, speed: 8, kind: "ship"));
        Assert.Equal(35.65, await CentreLat());
    }

    [Fact]
    public async Task Expire_StaleTracks_AreDropped()
    {
        await PostAsync("RU", Report("old", Start, 35, 35));
        _hub.Clock.Advance(TimeSpan.FromSeconds(61));
        await _hub.Server.Hub.PredictNowAsync();
        Assert.Null(_hub.Server.Hub.Tracks.Get("old"));
    }

    [Fact]
    public async Task Replay_RealAdsbTrajectory_TrackAndHistoryComeOutRight()
    {
        using var file = File.OpenRead(RepoPaths.SharedData("adsb/aircraft_carrier.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var data = await JsonDocument.ParseAsync(gzip);
        var records = data.RootElement.EnumerateArray().ToList();
        Assert.Equal(9024, records.Count);

        static double? Num(JsonElement r, string name) => r.GetProperty(name).ValueKind == JsonValueKind.Number ? r.GetProperty(name).GetDouble() : null;
        var reports = records.Select(r =>
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("timestamp").GetInt64());
            var alt = Num(r, "altitude") * 0.3048;
            var speed = Num(r, "groundspeed") * 0.514444;
            var vr = Num(r, "vertical_rate") * 0.00508;
            return string.Create(CultureInfo.InvariantCulture,
                $$"""{"id":"ae0455","time":"{{time:yyyy-MM-ddTHH:mm:ss.fffZ}}","lat":{{Fmt(Num(r, "latitude"))}},"lon":{{Fmt(Num(r, "longitude"))}},"altitude_m":{{Fmt(alt)}},"course_deg":{{Fmt(Num(r, "track"))}},"speed_mps":{{Fmt(speed)}},"vertical_rate_mps":{{Fmt(vr)}},"callsign":"PSWRD35","platform_kind":"fixed_wing"}""");
        }).ToList();

        int accepted = 0, skipped = 0;
        foreach (var chunk in reports.Chunk(1000))
        {
            using var result = await PostAsync("US", chunk);
            accepted += result.RootElement.GetProperty("accepted").GetInt32() + result.RootElement.GetProperty("duplicates").GetInt32();
            skipped += result.RootElement.GetProperty("skipped_no_position").GetInt32();
            Assert.Empty(result.RootElement.GetProperty("rejected").EnumerateArray());
        }

        var withPosition = records.Where(r => Num(r, "latitude") is not null && Num(r, "longitude") is not null).ToList();
        Assert.Equal(1689, skipped);
        Assert.Equal(withPosition.Count, accepted);
        var last = withPosition[^1];
        var track = _hub.Server.Hub.Tracks.Get("ae0455")!;
        Assert.Equal(Num(last, "latitude")!.Value, track.Position.Lat, 9);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(last.GetProperty("timestamp").GetInt64()), track.Time);

        using var history = await ReadJsonAsync(await _hub.Partner("US").GetAsync("/api/v1/tracks/ae0455/history?limit=10000"));
        var points = history.RootElement.GetProperty("points").EnumerateArray().ToList();
        var distinctTimes = withPosition.Select(r => r.GetProperty("timestamp").GetInt64()).Distinct().Count();
        Assert.Equal(distinctTimes, points.Count);
        Assert.True(points.Zip(points.Skip(1)).All(p => string.CompareOrdinal(p.First.GetProperty("time").GetString(), p.Second.GetProperty("time").GetString()) < 0));
        Assert.InRange(points.Min(p => p.GetProperty("lat").GetDouble()), 31.2, 31.3);
    }

    private static string Fmt(double? value) => value is null ? "null" : value.Value.ToString("R", CultureInfo.InvariantCulture);
}
