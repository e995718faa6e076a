using System.Net;
using System.Net.Sockets;
using System.Text;
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
}
