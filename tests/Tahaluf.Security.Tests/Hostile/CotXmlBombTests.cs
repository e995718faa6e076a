using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>
/// XML bombs and external entities through the CoT gateway (plain TCP) and through the JSON API: refused
/// without expansion or resolution, nothing stored, and the same connection and other partners still served.
/// </summary>
public sealed class CotXmlBombTests : IAsyncLifetime
{
    private HostileHub _hub = null!;

    public async Task InitializeAsync() => _hub = await HostileHub.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static string BillionLaughs(string uid) =>
        """<?xml version="1.0"?><!DOCTYPE event [<!ENTITY a "lollollollollollollollollollol">"""
        + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">"))
        + $"""]><event version="2.0" uid="{uid}" type="a-f-A-M-F" how="m-g" time="2015-11-24T06:00:00Z" start="2015-11-24T06:00:00Z" stale="2015-11-24T06:05:00Z"><point lat="35.85" lon="36.05" hae="5800" ce="10" le="10"/><detail><contact callsign="&j;"/></detail></event>""";

    private static string ExternalEntity(string uid, string system) =>
        $"""<?xml version="1.0"?><!DOCTYPE event [<!ENTITY xxe SYSTEM "{system}">]><event version="2.0" uid="{uid}" type="a-f-A-M-F" how="m-g" time="2015-11-24T06:00:00Z" start="2015-11-24T06:00:00Z" stale="2015-11-24T06:05:00Z"><point lat="35.85" lon="36.05" hae="5800" ce="10" le="10"/><detail><contact callsign="&xxe;"/></detail></event>""";

    public static TheoryData<string, string> Bombs() => new()
    {
        { "bomb-laughs", BillionLaughs("bomb-laughs") },
        { "bomb-file", ExternalEntity("bomb-file", "file:///etc/passwd") },
        { "bomb-http", ExternalEntity("bomb-http", "http://127.0.0.1:9/secret") },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task CotGateway_EntityEvent_IsRejectedAndTheConnectionKeepsServing(string uid, string xml)
    {
        var rejectedBefore = _hub.Server.Cot!.Gateway.Statistics.Rejected;
        var before = _hub.Footprint();
        using var client = new TcpClient();
        await client.ConnectAsync(_hub.CotEndpoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(xml));

        // Then a good event on the same connection: once it is a track, the bomb has been handled before it.
        await stream.WriteAsync(Encoding.UTF8.GetBytes(Bodies.CotPosition(uid + "-after")));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_hub.Server.Hub.Tracks.Get(uid + "-after") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal("PA", _hub.Server.Hub.Tracks.Get(uid + "-after")?.Owner);
        Assert.Null(_hub.Server.Hub.Tracks.Get(uid));
        Assert.Equal(rejectedBefore + 1, _hub.Server.Cot.Gateway.Statistics.Rejected);
        Assert.Equal(before.Tracks + 1, _hub.Footprint().Tracks);
        Assert.Equal(before.Ledger, _hub.Footprint().Ledger);
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Fact]
    public async Task CotGateway_BillionLaughs_NoCallsignAnywhereIsExpanded()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_hub.CotEndpoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(BillionLaughs("bomb-quiet") + Bodies.CotPosition("bomb-quiet-after")));
        await _hub.AssertCotServesAsync("bomb-quiet-probe");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_hub.Server.Hub.Tracks.Get("bomb-quiet-after") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.All(_hub.Server.Hub.Tracks.All, t => Assert.DoesNotContain("lol", t.Callsign ?? "", StringComparison.Ordinal));
        Assert.All(_hub.Server.Hub.Tracks.All, t => Assert.DoesNotContain("root:", t.Callsign ?? "", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task HttpApi_XmlBody_IsRefusedUnparsedAsXml(string uid, string xml)
    {
        // No HTTP endpoint reads XML: as application/xml the body is refused by media type, as JSON it is not JSON.
        var before = _hub.Footprint();
        var put = await _hub.A.PutAsync("/api/v1/zones/" + uid, new StringContent(xml, Encoding.UTF8, "application/xml"));
        await HostileHub.AssertProblemAsync(put, HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
        var asJson = await _hub.A.PutAsync("/api/v1/zones/" + uid, HostileHub.Json(xml));
        await HostileHub.AssertProblemAsync(asJson, HttpStatusCode.BadRequest, "request.malformed_body");
        var tracks = await _hub.A.PostAsync("/api/v1/tracks", HostileHub.Json(xml));
        await HostileHub.AssertProblemAsync(tracks, HttpStatusCode.BadRequest, "request.malformed_body");
        Assert.Equal(before, _hub.Footprint());
        await _hub.AssertServesWellBehavedPartnerAsync();
    }
}
