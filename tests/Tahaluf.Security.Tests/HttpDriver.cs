using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Tahaluf.Hub;

namespace Tahaluf.Security.Tests;

/// <summary>
/// Plays a world into a real server over HTTP, one call after the other; with a <paramref name="webhooks"/> receiver,
/// each partner registers its callback there as soon as it exists, so it receives every notification of the world.
/// </summary>
internal sealed class HttpDriver(SecurityHub server, WebhookReceiver? webhooks = null) : IWorldDriver
{
    public HubService Hub => server.Server.Hub;

    public FakeTimeProvider Clock => server.Clock;

    public bool Concurrent => false;

    public async Task AddPartnersAsync(IReadOnlyList<PartnerSpec> partners)
    {
        foreach (var p in partners)
        {
            await server.AddPartnerAsync(p.Id, p.Observer);
            if (webhooks is not null)
            {
                var response = await server.Partners[p.Id].PutAsync("/api/v1/me/webhook", SecurityHub.Json($$"""{"url":"{{webhooks.UrlFor(p.Id)}}"}"""));
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"webhook of {p.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    public async Task AgreeAsync(string owner, string recipient, string kind, Lvl level)
    {
        var response = await server.Admin.PutAsync($"/api/v1/admin/agreements/{owner}/{recipient}", SecurityHub.Json($$"""{"{{kind}}":"{{level.ToString().ToLowerInvariant()}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task PutAsync(ItemSpec item, int version)
    {
        var response = await server.Partners[item.Owner].PutAsync($"/api/v1/{item.Kind}s/{item.Id}", SecurityHub.Json(item.Versions[version].Json!));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{item} v{version + 1}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task WithdrawAsync(ItemSpec item)
    {
        var response = await server.Partners[item.Owner].DeleteAsync($"/api/v1/{item.Kind}s/{item.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task ReportTrackAsync(ItemSpec track, TrackPos p)
    {
        Assert.Null(track.Versions[0].Label.ReleasableTo);
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"reports":[{"id":"{{track.Id}}","time":"{{p.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","lat":{{p.Lat:R}},"lon":{{p.Lng:R}},"altitude_m":{{p.AltitudeM:R}},"course_deg":{{p.CourseDeg:R}},"speed_mps":{{p.SpeedMps:R}},"callsign":"{{track.Callsign}}","platform_kind":"fixed_wing"}]}""");
        var response = await server.Partners[track.Owner].PostAsync("/api/v1/tracks", SecurityHub.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && text.Contains("\"accepted\":1", StringComparison.Ordinal), text);
    }

    public async Task AckAsync(string partner, string notificationId)
    {
        var response = await server.Partners[partner].PostAsync($"/api/v1/notifications/{Uri.EscapeDataString(notificationId)}/ack", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
