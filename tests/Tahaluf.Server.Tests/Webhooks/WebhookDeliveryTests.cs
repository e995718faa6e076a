using System.Net;
using System.Text;
using System.Text.Json;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Server.Tests.Webhooks;

/// <summary>Partners receive their notifications by signed POSTs: in order, at least once, through outages and restarts.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private WebhookTestHub _hub = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _hub = await WebhookTestHub.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        await _hub.AddPartnersAsync("RU", "FR", "TR");
        await _hub.AgreeAsync("RU", "FR", "operation", "envelope");
        Assert.Equal(HttpStatusCode.Created, (await _hub.RegisterAsync("FR", _receiver.Url)).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private static JsonElement Body(WebhookReceiver.Received r)
    {
        using var doc = JsonDocument.Parse(r.Body);
        return doc.RootElement.Clone();
    }

    private static string[] ItemIds(IEnumerable<WebhookReceiver.Received> received) =>
        [.. received.Select(r => Body(r).GetProperty("notification").GetProperty("item").GetProperty("id").GetString()!)];

    private async Task DeclareManyAsync(string owner, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await _hub.DeclareAsync(owner, $"op-{i:D2}");
        }
    }

    [Fact]
    public async Task Delivery_ItemReleased_IsSignedWithTheHubsPublishedKey()
    {
        await _hub.DeclareAsync("RU", "op-01");

        var received = Assert.Single(await _receiver.WaitForAsync(1));
        var key = await _hub.Client("FR").GetStringAsync("/api/v1/ledger/key");
        var verifier = NoteVerifier.Parse(key.Trim());
        Assert.True(verifier.Success);
        var now = DateTimeOffset.UtcNow;
        Assert.True(WebhookSignature.Verify(verifier.Value!, received.Signature, received.Timestamp, received.Body, now, TimeSpan.FromMinutes(5)));

        var tampered = (byte[])received.Body.Clone();
        tampered[^2] ^= 1;
        Assert.False(WebhookSignature.Verify(verifier.Value!, received.Signature, received.Timestamp, tampered, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(verifier.Value!, received.Signature, received.Timestamp, received.Body, now.AddMinutes(10), TimeSpan.FromMinutes(5)));
        using (var other = NoteSigner.Generate("tahaluf.local/hub"))
        {
            Assert.False(WebhookSignature.Verify(other.Verifier, received.Signature, received.Timestamp, received.Body, now, TimeSpan.FromMinutes(5)));
        }

        var body = Body(received);
        Assert.Equal("operation~op-01~v1.FR", body.GetProperty("id").GetString());
        Assert.Equal(body.GetProperty("id").GetString(), received.DeliveryId);
        Assert.Equal("notification", body.GetProperty("event").GetString());
        Assert.Equal("notification", received.Event);
        Assert.Equal("FR", body.GetProperty("notification").GetProperty("recipient").GetString());
        Assert.Equal("op-01", body.GetProperty("notification").GetProperty("item").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Delivery_ReceiverAnswers2xx_EachIdArrivesOnceInOrder()
    {
        await DeclareManyAsync("RU", 1, 10);

        await _receiver.WaitForAsync(10);
        await Task.Delay(300);

        var received = _receiver.Accepted;
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => $"op-{i:D2}")], ItemIds(received));
        Assert.Equal(10, received.Select(r => r.DeliveryId).Distinct().Count());
        var sequences = received.Select(r => Body(r).GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var status = await _hub.StatusAsync("FR");
        Assert.Equal(0, status.GetProperty("pending").GetInt64());
        Assert.Equal(10, status.GetProperty("delivered").GetInt64());
        Assert.Equal(sequences[^1], status.GetProperty("cursor").GetInt64());
    }

    [Fact]
    public async Task Outage_ReceiverAnswers503_EverythingArrivesInOrderAfterwards()
    {
        _receiver.Failing = true;
        await DeclareManyAsync("RU", 1, 6);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_receiver.Attempts < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var status = await _hub.StatusAsync("FR");
        Assert.Equal(6, status.GetProperty("pending").GetInt64());
        Assert.Equal("HTTP 503", status.GetProperty("last_error").GetString());
        Assert.True(status.GetProperty("consecutive_failures").GetInt32() >= 3);
        Assert.Empty(_receiver.Accepted);

        _receiver.Failing = false;
        var received = await _receiver.WaitForAsync(6);

        Assert.Equal([.. Enumerable.Range(1, 6).Select(i => $"op-{i:D2}")], ItemIds(received));
    }

    [Fact]
    public async Task Outage_ReceiverStopped_EverythingArrivesInOrderAfterRestart()
    {
        await DeclareManyAsync("RU", 1, 2);
        await _receiver.WaitForAsync(2);
        await _receiver.StopAsync();

        await DeclareManyAsync("RU", 3, 5);
        await Task.Delay(500);
        Assert.Equal(5, (await _hub.StatusAsync("FR")).GetProperty("pending").GetInt64());
        await _receiver.StartAgainAsync();
        var received = await _receiver.WaitForAsync(7);
        await Task.Delay(300);

        Assert.Equal([.. Enumerable.Range(1, 7).Select(i => $"op-{i:D2}")], ItemIds(_receiver.Accepted));
        Assert.Equal(7, received.Select(r => r.DeliveryId).Distinct().Count());
    }

    [Fact]
    public async Task Restart_HubRestartsOnSameData_ResumesFromTheDurableCursor()
    {
        await DeclareManyAsync("RU", 1, 3);
        await _receiver.WaitForAsync(3);
        _receiver.Failing = true;
        await DeclareManyAsync("RU", 4, 3);

        await _hub.RestartAsync();
        Assert.Equal(3, (await _hub.StatusAsync("FR")).GetProperty("pending").GetInt64());
        _receiver.Failing = false;
        await _receiver.WaitForAsync(6);
        await DeclareManyAsync("RU", 7, 1);
        await _receiver.WaitForAsync(7);
        await Task.Delay(300);

        Assert.Equal([.. Enumerable.Range(1, 7).Select(i => $"op-{i:D2}")], ItemIds(_receiver.Accepted));
    }

    [Fact]
    public async Task Delivery_ReleasePolicy_HiddenFieldsNeverInAnyBody()
    {
        // FR gets RU's operations at envelope level only, and nothing at all of TR's; a TR operation over FR's
        // makes a conflict whose notice to FR carries the safety minimum only.
        await _hub.DeclareAsync("RU", "ru-op", lat: 34.0, lng: 38.0);
        await _hub.DeclareAsync("FR", "fr-op", lat: 35.0, lng: 39.0);
        await _hub.DeclareAsync("TR", "tr-op", lat: 35.0, lng: 39.0);

        var received = await _receiver.WaitForAsync(2);
        await Task.Delay(300);

        Assert.Equal(2, _receiver.Accepted.Count);
        var item = Body(received[0]).GetProperty("notification").GetProperty("item");
        Assert.Equal(("ru-op", "envelope"), (item.GetProperty("id").GetString(), item.GetProperty("level").GetString()));
        var conflict = Body(received[1]).GetProperty("notification").GetProperty("conflict");
        Assert.Equal(("TR", "safety"), (conflict.GetProperty("other_party").GetString(), conflict.GetProperty("level").GetString()));
        foreach (var r in _receiver.Accepted)
        {
            var text = Encoding.UTF8.GetString(r.Body);
            Assert.DoesNotContain("FALCON", text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret remark", text, StringComparison.Ordinal);
            Assert.DoesNotContain("tr-op", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Escalation_DeadlineMissed_DeliveredOnceMoreWithItsOwnId()
    {
        await _hub.DeclareAsync("FR", "fr-op", lat: 35.0, lng: 39.0);
        await _hub.DeclareAsync("TR", "tr-op", lat: 35.0, lng: 39.0);
        var first = Assert.Single(await _receiver.WaitForAsync(1));

        _hub.Clock.Advance(TimeSpan.FromSeconds(121));
        await _hub.Server.Hub.CheckDeadlinesAsync();
        var received = await _receiver.WaitForAsync(2);
        await Task.Delay(300);

        Assert.Equal(2, _receiver.Accepted.Count);
        var escalated = Body(received[1]);
        Assert.Equal("escalated", escalated.GetProperty("event").GetString());
        Assert.Equal(first.DeliveryId + "/escalated", escalated.GetProperty("id").GetString());
        Assert.True(escalated.GetProperty("notification").GetProperty("overdue").GetBoolean());
    }
}
