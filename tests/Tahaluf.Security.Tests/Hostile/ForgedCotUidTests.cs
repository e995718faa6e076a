using System.Net;
using System.Net.Sockets;
using System.Text;
using Tahaluf.Domain.Items;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>
/// A CoT client speaking for partner A (the plain port's partner) uses the uid of B's track or zone, or names B
/// in its detail: nothing of B's changes, and what A sends is stored under A only.
/// </summary>
public sealed class ForgedCotUidTests : IAsyncLifetime
{
    private HostileHub _hub = null!;

    public async Task InitializeAsync() => _hub = await HostileHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task CotPosition_WithTrackUidOfAnotherPartner_LeavesThatTrackUntouched()
    {
        var report = await _hub.B.PostAsync("/api/v1/tracks", HostileHub.Json("""{"reports":[{"id":"b-f16","time":"2015-11-24T06:00:00Z","lat":36.2,"lon":36.2,"altitude_m":6000,"course_deg":180,"speed_mps":200}]}"""));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var original = _hub.Server.Hub.Tracks.Get("b-f16");
        Assert.Equal("PB", original?.Owner);

        using var client = new TcpClient();
        await client.ConnectAsync(_hub.CotEndpoint);
        var forged = Bodies.CotPosition("b-f16", lat: 33.0).Replace("2015-11-24T06:00:00Z", "2015-11-24T06:00:30Z", StringComparison.Ordinal);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(forged + Bodies.CotPosition("a-after-forgery")));
        await WaitForTrackAsync("a-after-forgery");

        var after = _hub.Server.Hub.Tracks.Get("b-f16");
        Assert.Equal(original, after);
        Assert.Equal("PA", _hub.Server.Hub.Tracks.Get("a-after-forgery")?.Owner);
        Assert.DoesNotContain(_hub.Server.Hub.Tracks.All, t => t.Owner == "PA" && t.Id == "b-f16");

        // B keeps reporting its own track.
        var next = await _hub.B.PostAsync("/api/v1/tracks", HostileHub.Json("""{"reports":[{"id":"b-f16","time":"2015-11-24T06:00:10Z","lat":36.21,"lon":36.2,"altitude_m":6000,"course_deg":180,"speed_mps":200}]}"""));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(36.21, _hub.Server.Hub.Tracks.Get("b-f16")!.Position.Lat, 6);
    }

    [Fact]
    public async Task CotShape_WithZoneUidOfAnotherPartner_DoesNotReplaceThatZone()
    {
        var put = await _hub.B.PutAsync("/api/v1/zones/b-ring", HostileHub.Json("{\"state\":\"active\",\"zone_kind\":\"restricted_area\",\"name\":\"B ring\",\"volumes\":[" + Bodies.Square(35.0, 36.0) + "]}"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var ledger = _hub.Server.Hub.Ledger.Size;

        const string Forged = """<event version="2.0" uid="b-ring" type="u-d-c-c" how="h-e" time="2015-11-24T06:00:00Z" start="2015-11-24T06:00:00Z" stale="2015-11-25T06:00:00Z"><point lat="30.0" lon="30.0" hae="0" ce="9999999" le="9999999"/><detail><shape><ellipse major="20000" minor="20000" angle="0"/></shape><tahaluf minAltM="0" maxAltM="12000" owner="PB"/><contact callsign="Hijacked"/></detail></event>""";
        using var client = new TcpClient();
        await client.ConnectAsync(_hub.CotEndpoint);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Forged + Bodies.CotPosition("a-after-zone-forgery")));
        await WaitForTrackAsync("a-after-zone-forgery");
        await Task.Delay(200);

        var zone = _hub.Server.Hub.GetItem("PB", ItemKind.Zone, "b-ring", out var stored);
        Assert.NotNull(zone);
        Assert.Equal(("PB", 1L), (stored!.Item.Owner, stored.Version));
        Assert.Null(_hub.Server.Hub.GetItem("PA", ItemKind.Zone, "b-ring", out _));
        Assert.Equal(ledger, _hub.Server.Hub.Ledger.Size);
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Fact]
    public async Task CotPosition_NamingAnotherPartnerInDetail_IsStoredUnderTheConnectionsPartner()
    {
        const string Claim = """<event version="2.0" uid="claims-b" type="a-f-A-M-F" how="m-g" time="2015-11-24T06:00:00Z" start="2015-11-24T06:00:00Z" stale="2015-11-24T06:05:00Z"><point lat="35.85" lon="36.05" hae="5800" ce="10" le="10"/><detail><contact callsign="PB"/><tahaluf owner="PB" partner="PB"/><__group name="PB" role="PB"/></detail></event>""";
        using var client = new TcpClient();
        await client.ConnectAsync(_hub.CotEndpoint);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Claim));
        await WaitForTrackAsync("claims-b");
        Assert.Equal("PA", _hub.Server.Hub.Tracks.Get("claims-b")!.Owner);
        Assert.DoesNotContain(_hub.Server.Hub.ListTracks("PB"), t => t.Id == "claims-b" && t.Owner == "PB");
    }

    private async Task WaitForTrackAsync(string uid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_hub.Server.Hub.Tracks.Get(uid) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.NotNull(_hub.Server.Hub.Tracks.Get(uid));
    }
}
