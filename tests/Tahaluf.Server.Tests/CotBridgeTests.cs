using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using Tahaluf.Testing;
using Tahaluf.Cot.Gateway;
using static Tahaluf.Server.Tests.TestHub;

namespace Tahaluf.Server.Tests;

/// <summary>The CoT gateway wired to the hub: inbound tracks and shapes, outbound only what the partner may see.</summary>
public sealed class CotBridgeTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await StartAsync(cot: new CotGatewayOptions { PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0), PlainPartner = "RU" });
        await _hub.AddPartnersAsync(["RU", "TR"]);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private const string Position = """<event version="2.0" uid="su24-cot" type="a-f-A-M-F" how="m-g" time="2015-11-24T06:00:00Z" start="2015-11-24T06:00:00Z" stale="2015-11-24T06:05:00Z"><point lat="35.85" lon="36.05" hae="5800" ce="10" le="10"/><detail><contact callsign="FALCON1"/><track course="10" speed="220"/></detail></event>""";

    private const string Circle = """<event version="2.0" uid="ru-cot-ring" type="u-d-c-c" how="h-e" time="2015-11-24T06:00:00Z" start="2015-11-24T06:00:00Z" stale="2015-11-25T06:00:00Z"><point lat="35.4" lon="35.9" hae="0" ce="9999999" le="9999999"/><detail><shape><ellipse major="20000" minor="20000" angle="0"/></shape><tahaluf minAltM="0" maxAltM="12000"/><contact callsign="Ring"/></detail></event>""";

    [Fact]
    public async Task GatewayCounters_AreServedToTheAdmin_AndToNoPartner()
    {
        var endpoint = _hub.Server.Cot!.Gateway.PlainEndpoint!;
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Position + "<event version=\"2.0\" uid=\"x\" type=\"a-f-A\"><point lat=\"91\"/></event>"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((_hub.Server.Hub.Tracks.Get("su24-cot") is null || _hub.Server.Cot.Gateway.Statistics.Rejected == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        using var counters = await ReadJsonAsync(await _hub.Admin.GetAsync("/api/v1/admin/cot"));
        var c = counters.RootElement;
        Assert.True(c.GetProperty("enabled").GetBoolean());
        Assert.Equal(endpoint.Port, c.GetProperty("plain_port").GetInt32());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("tls_port").ValueKind);
        Assert.Equal(1, c.GetProperty("open_connections").GetInt64());
        Assert.Equal(1, c.GetProperty("accepted").GetInt64());
        Assert.Equal(1, c.GetProperty("rejected").GetInt64());
        Assert.Equal(0, c.GetProperty("connections_over_limit").GetInt64());

        Assert.Equal(HttpStatusCode.Forbidden, (await _hub.Partner("RU").GetAsync("/api/v1/admin/cot")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _hub.Anonymous.GetAsync("/api/v1/admin/cot")).StatusCode);

        // A hub without a gateway says so rather than failing.
        await using var plain = await StartAsync();
        using var none = await ReadJsonAsync(await plain.Admin.GetAsync("/api/v1/admin/cot"));
        Assert.False(none.RootElement.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Inbound_PositionsAndShapes_BecomeTracksAndZones_AndOutboundHidesWhatIsNotReleased()
    {
        var endpoint = _hub.Server.Cot!.Gateway.PlainEndpoint!;
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(Position + Circle));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((_hub.Server.Hub.Tracks.Get("su24-cot") is null || _hub.Server.Hub.GetItem("RU", Domain.Items.ItemKind.Zone, "ru-cot-ring", out _) is null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var track = _hub.Server.Hub.Tracks.Get("su24-cot");
        Assert.NotNull(track);
        Assert.Equal(("RU", 35.85, "FALCON1"), (track.Owner, track.Position.Lat, track.Callsign));
        Assert.NotNull(_hub.Server.Hub.GetItem("RU", Domain.Items.ItemKind.Zone, "ru-cot-ring", out _));

        // TR reports a track over HTTP with no agreement towards RU: RU's CoT stream must not carry it.
        await _hub.Partner("TR").PostAsync("/api/v1/tracks", Json("""{"reports":[{"id":"tr-f16-secret","time":"2015-11-24T06:00:00Z","lat":36.2,"lon":36.2,"altitude_m":6000,"course_deg":180,"speed_mps":200}]}"""));
        Assert.NotNull(_hub.Server.Hub.Tracks.Get("tr-f16-secret"));
        _hub.Server.Cot.PublishAll();
        var received = new StringBuilder();
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!received.ToString().Contains("ru-cot-ring", StringComparison.Ordinal) || !received.ToString().Contains("su24-cot", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(n > 0, "the gateway closed the stream");
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        var text = received.ToString();
        Assert.Contains("type=\"a-f-A\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tr-f16-secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_RealAdsbTrajectoryOverCot_TrackAndHistoryComeOutRight()
    {
        using var file = File.OpenRead(RepoPaths.SharedData("adsb/aircraft_carrier.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var data = await JsonDocument.ParseAsync(gzip);
        static double? Num(JsonElement r, string name) => r.GetProperty(name).ValueKind == JsonValueKind.Number ? r.GetProperty(name).GetDouble() : null;

        // CoT cannot carry a position-less event, so records without a fix are what a TAK client would not send.
        var fixes = data.RootElement.EnumerateArray().Where(r => Num(r, "latitude") is not null && Num(r, "longitude") is not null).ToList();
        var xml = new StringBuilder();
        foreach (var r in fixes)
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("timestamp").GetInt64()).UtcDateTime;
            var hae = Num(r, "altitude") is { } ft ? (ft * 0.3048).ToString("R", CultureInfo.InvariantCulture) : "9999999";
            var course = (Num(r, "track") ?? 0).ToString("R", CultureInfo.InvariantCulture);
            var speed = ((Num(r, "groundspeed") ?? 0) * 0.514444).ToString("R", CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture, $"<event version=\"2.0\" uid=\"ae0455\" type=\"a-f-A-M-F\" how=\"m-g\" time=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" start=\"{time:yyyy-MM-ddTHH:mm:ss.fffZ}\" stale=\"{time.AddMinutes(1):yyyy-MM-ddTHH:mm:ss.fffZ}\">")
               .Append(CultureInfo.InvariantCulture, $"<point lat=\"{Num(r, "latitude")!.Value.ToString("R", CultureInfo.InvariantCulture)}\" lon=\"{Num(r, "longitude")!.Value.ToString("R", CultureInfo.InvariantCulture)}\" hae=\"{hae}\" ce=\"10\" le=\"10\"/>")
               .Append(CultureInfo.InvariantCulture, $"<detail><contact callsign=\"PSWRD35\"/><track course=\"{course}\" speed=\"{speed}\"/></detail></event>");
        }

        using var client = new TcpClient();
        await client.ConnectAsync(_hub.Server.Cot!.Gateway.PlainEndpoint!);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(xml.ToString()));

        var last = fixes[^1];
        var lastTime = DateTimeOffset.FromUnixTimeMilliseconds(last.GetProperty("timestamp").GetInt64());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_hub.Server.Hub.Tracks.Get("ae0455")?.Time != lastTime && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var track = _hub.Server.Hub.Tracks.Get("ae0455");
        Assert.NotNull(track);
        Assert.Equal(lastTime, track.Time);
        Assert.Equal(Num(last, "latitude")!.Value, track.Position.Lat, 9);
        Assert.Equal("PSWRD35", track.Callsign);
        var history = await _hub.Server.Hub.TrackHistoryAsync(track, 10_000, CancellationToken.None);
        Assert.Equal(fixes.Select(r => r.GetProperty("timestamp").GetInt64()).Distinct().Count(), history.Count);
    }

    [Fact]
    public async Task Inbound_OnlyWhatTheHubTook_BindsItsUid()
    {
        // TR's track (over HTTP); RU's connection sends a position under its id, refused by the hub: the gateway must
        // not bind the uid to RU, or TR's own positions over CoT would be dropped from then on. RU's own position and
        // shape, taken by the hub, bind theirs.
        await _hub.Partner("TR").PostAsync("/api/v1/tracks", Json("""{"reports":[{"id":"tr-jet","time":"2015-11-24T06:00:00Z","lat":36.2,"lon":36.2,"altitude_m":6000}]}"""));
        var gateway = _hub.Server.Cot!.Gateway;
        using var client = new TcpClient();
        await client.ConnectAsync(gateway.PlainEndpoint!);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Position.Replace("su24-cot", "tr-jet", StringComparison.Ordinal) + Position + Circle));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((gateway.OwnerOf("su24-cot") is null || gateway.OwnerOf("ru-cot-ring") is null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(("RU", "RU"), (gateway.OwnerOf("su24-cot"), gateway.OwnerOf("ru-cot-ring")));
        Assert.Null(gateway.OwnerOf("tr-jet"));
        Assert.Equal(("TR", 36.2), (_hub.Server.Hub.Tracks.Get("tr-jet")!.Owner, _hub.Server.Hub.Tracks.Get("tr-jet")!.Position.Lat));
    }

    [Fact]
    public async Task ClientCertificate_OfAnUnregisteredName_MapsToNoPartner()
    {
        // The TLS gateway refuses a connection whose certificate maps to null (Cot.Tests); the bridge's mapping
        // names only partners the hub knows, so a certificate of the trusted CA for "XX" is refused at the handshake.
        using var key = System.Security.Cryptography.ECDsa.Create();
        X509Certificate2 Certificate(string cn) =>
            new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=" + cn, key, System.Security.Cryptography.HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var map = Tahaluf.Server.Cot.CotBridge.RegisteredOnly(_hub.Server.Hub, c => c.GetNameInfo(X509NameType.SimpleName, false));
        using var ru = Certificate("RU");
        using var unknown = Certificate("XX");
        Assert.Equal("RU", map(ru));
        Assert.Null(map(unknown));

        // Registered later: accepted from then on.
        await _hub.AddPartnersAsync(["XX"]);
        Assert.Equal("XX", map(unknown));
    }
}
