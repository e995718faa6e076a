using System.Net;
using static Tahaluf.Server.Tests.TestHub;

namespace Tahaluf.Server.Tests;

/// <summary>The public civil feed carries only civil-released zones, coarsened, as GeoJSON and NOTAM text.</summary>
public sealed class CivilFeedTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await StartAsync();
        await _hub.AddPartnersAsync(["RU", "TR"]);
        var s400 = """{"state":"active","zone_kind":"air_defence_engagement_zone","name":"S-400 Hmeimim battery 3","label":{"civil":true,"caveat":"RU EYES ONLY caveat"},"volumes":[{"volume":{"outline_circle":{"center":{"lat":35.41167,"lng":35.945},"radius":{"value":400000,"units":"M"}},"altitude_lower":{"value":0,"reference":"W84","units":"M"},"altitude_upper":{"value":30000,"reference":"W84","units":"M"}},"time_start":{"value":"2015-11-26T00:00:00Z","format":"RFC3339"}}]}""";
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("RU").PutAsync("/api/v1/zones/ru-s400", Json(s400))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("TR").PutAsync("/api/v1/zones/tr-secret", Json(Zone(Square(36.5, 36.5, lowerM: 0, upperM: 15000, startMin: 0, endMin: 600))))).StatusCode);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task GeoJson_OnlyCivilZones_Coarsened()
    {
        var response = await _hub.Anonymous.GetAsync("/public/v1/civil-feed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var feature = Assert.Single(doc.RootElement.GetProperty("features").EnumerateArray());
        var p = feature.GetProperty("properties");
        Assert.Equal("RU", p.GetProperty("state").GetString());
        Assert.Equal("air_defence_engagement_zone", p.GetProperty("hazard").GetString());
        Assert.Equal(30000, p.GetProperty("upper_m").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, p.GetProperty("valid_to").ValueKind);
        Assert.Equal(65, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetArrayLength());
        foreach (var secret in new[] { "ru-s400", "S-400 Hmeimim", "EYES ONLY", "tr-secret", "Hidden zone name" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "AIR DEFENCE ENGAGEMENT ZONE DECLARED BY RU")]
    [InlineData("fr", "ZONE D'ENGAGEMENT DE DEFENSE AERIENNE DECLAREE PAR RU")]
    [InlineData("ru", "ЗОНА ДЕЙСТВИЯ СРЕДСТВ ПВО")]
    [InlineData("ar", "منطقة اشتباك للدفاع الجوي")]
    public async Task Notam_EachLanguage_HasFieldsAToG(string lang, string expected)
    {
        var text = await _hub.Anonymous.GetStringAsync("/public/v1/civil-feed?format=notam&lang=" + lang);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains("B) 1511260000", text, StringComparison.Ordinal);
        Assert.Contains("C) PERM", text, StringComparison.Ordinal);
        Assert.Contains("F) SFC", text, StringComparison.Ordinal);
        Assert.Contains("G) FL984", text, StringComparison.Ordinal);
        Assert.Contains("3525N03557E", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hmeimim battery", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notam_UnknownLanguage_Is400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _hub.Anonymous.GetAsync("/public/v1/civil-feed?format=notam&lang=de")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _hub.Anonymous.GetAsync("/public/v1/civil-feed?format=kml")).StatusCode);
    }
}
