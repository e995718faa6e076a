using System.Net;
using System.Text.Json;

namespace Tahaluf.Server.Tests.Webhooks;

/// <summary>A partner registers, replaces, reads and removes its own callback; bad URLs are refused with stable codes.</summary>
public sealed class WebhooksApiTests : IAsyncLifetime
{
    private WebhookTestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await WebhookTestHub.StartAsync();
        await _hub.AddPartnersAsync("RU", "FR");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [InlineData("http://partner.example/hook", "webhook.https_required")]
    [InlineData("http://10.0.0.1/hook", "webhook.https_required")]
    [InlineData("https://169.254.169.254/latest/meta-data", "webhook.address_not_allowed")]
    [InlineData("https://10.0.0.1/hook", "webhook.address_not_allowed")]
    [InlineData("not a url", "webhook.invalid_url")]
    [InlineData("/relative/hook", "webhook.invalid_url")]
    [InlineData("ftp://partner.example/hook", "webhook.invalid_url")]
    [InlineData("https://user:secret@partner.example/hook", "webhook.invalid_url")]
    [InlineData("https://partner.example/hook#frag", "webhook.invalid_url")]
    [InlineData("", "webhook.invalid_url")]
    public async Task Put_BadUrl_RefusedWithStableCode(string url, string code)
    {
        var response = await _hub.RegisterAsync("FR", url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("url", problem.RootElement.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Client("FR").GetAsync("/api/v1/me/webhook")).StatusCode);
    }

    [Fact]
    public async Task Put_TooLongOrMissingUrl_Refused()
    {
        var tooLong = await _hub.RegisterAsync("FR", "https://partner.example/" + new string('a', 3000));
        var missing = await _hub.Client("FR").PutAsync("/api/v1/me/webhook", TestHub.Json("""{"uri":"https://partner.example/"}"""));
        var notString = await _hub.Client("FR").PutAsync("/api/v1/me/webhook", TestHub.Json("""{"url":42}"""));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal("request.missing_field", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notString.StatusCode);
    }

    [Fact]
    public async Task Webhook_RegisterReplaceReadDelete_AreTheCallersOwn()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Client("FR").GetAsync("/api/v1/me/webhook")).StatusCode);

        var created = await _hub.RegisterAsync("FR", "https://fr.example/hook");
        var replaced = await _hub.RegisterAsync("FR", "https://fr.example/other");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var status = await _hub.StatusAsync("FR");
        Assert.Equal("https://fr.example/other", status.GetProperty("url").GetString());
        Assert.Equal("FR", status.GetProperty("partner").GetString());
        Assert.Equal(0, status.GetProperty("pending").GetInt64());
        Assert.StartsWith("tahaluf.local/hub+", status.GetProperty("verifier_key").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Client("RU").GetAsync("/api/v1/me/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Client("RU").DeleteAsync("/api/v1/me/webhook")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _hub.Client("FR").DeleteAsync("/api/v1/me/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Client("FR").GetAsync("/api/v1/me/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Client("FR").DeleteAsync("/api/v1/me/webhook")).StatusCode);
    }

    [Fact]
    public async Task Put_Anonymous_IsUnauthorized()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_hub.Server.Urls[0]) };
        var response = await anonymous.PutAsync("/api/v1/me/webhook", TestHub.Json("""{"url":"https://x.example/"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
